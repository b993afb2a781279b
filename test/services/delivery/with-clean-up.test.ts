// A stream's clean-up runs exactly once: at its end, on its error, and when dropped before or after its first chunk.
import { expect } from 'chai';
import { withCleanUp } from '../../../src/services/delivery/with-clean-up.js';

async function* numbers(count: number, failAt?: number): AsyncGenerator<number> {
  for (let i = 0; i < count; i++) {
    if (i === failAt) throw new Error(`failed at ${i}`);
    yield i;
  }
}

describe('services/delivery/with-clean-up', () => {
  const cases: {
    desc: string;
    consume: (stream: AsyncIterable<number>) => Promise<unknown>;
    want: { result: unknown; cleanUps: number };
  }[] = [
    {
      desc: 'read to its end',
      consume: async (stream) => {
        const seen: number[] = [];
        for await (const n of stream) seen.push(n);
        return seen;
      },
      want: { result: [0, 1, 2], cleanUps: 1 },
    },
    {
      desc: 'failing half-way',
      consume: async (stream) => {
        const seen: number[] = [];
        try {
          for await (const n of stream) seen.push(n);
        } catch {
          seen.push(-1);
        }
        return seen;
      },
      want: { result: [0, -1], cleanUps: 1 },
    },
    {
      desc: 'dropped before its first chunk',
      consume: async (stream) => {
        const iterator = stream[Symbol.asyncIterator]();
        await iterator.return?.();
        await iterator.return?.();
        return (await iterator.next()).done;
      },
      want: { result: true, cleanUps: 1 },
    },
    {
      desc: 'dropped after its first chunk',
      consume: async (stream) => {
        for await (const n of stream) return n;
        return undefined;
      },
      want: { result: 0, cleanUps: 1 },
    },
  ];
  for (const { desc, consume, want } of cases) {
    it(`cleans up once when ${desc}`, async () => {
      let cleanUps = 0;
      const failAt = desc.startsWith('failing') ? 1 : undefined;
      const result = await consume(withCleanUp(numbers(3, failAt), () => cleanUps++));
      expect({ result, cleanUps }).to.deep.equal(want);
    });
  }
});
