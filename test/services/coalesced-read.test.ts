// Coalesced reads: keys asked for together are read in one call; a key asked for while a read is
// under way waits for the next read (which began after it), so it never gets an answer older than
// its ask; a failed read rejects its own keys only.
import { expect } from 'chai';
import { CoalescedRead } from '../../src/services/coalesced-read.js';

/** A store whose reads are recorded and can be held open until released. */
function recordingStore(values: Map<string, number>) {
  const reads: string[][] = [];
  let hold: Promise<void> | undefined;
  let failNext = false;
  return {
    reads,
    holdReads(): () => void {
      let release = () => {};
      hold = new Promise<void>((resolve) => (release = resolve));
      return () => {
        hold = undefined;
        release();
      };
    },
    failNextRead: () => (failNext = true),
    readMany: async (keys: readonly string[]): Promise<Map<string, number>> => {
      reads.push([...keys]);
      // Values as they are when the read begins.
      const snapshot = new Map(
        keys.flatMap((key) => (values.has(key) ? [[key, values.get(key)!] as const] : [])),
      );
      if (failNext) {
        failNext = false;
        throw new Error('read failed');
      }
      if (hold) await hold;
      return snapshot;
    },
  };
}

describe('services/coalesced-read', () => {
  it('reads the keys asked for in one turn in one call, each distinct key once', async () => {
    const store = recordingStore(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    const reader = new CoalescedRead(store.readMany);
    const answers = await Promise.all(['a', 'b', 'a', 'missing'].map((key) => reader.read(key)));
    expect(answers).to.deep.equal([1, 2, 1, undefined]);
    expect(store.reads).to.deep.equal([['a', 'b', 'missing']]);
  });

  it('answers a key asked for during a read by the next read, which sees a change made before the ask', async () => {
    const values = new Map([['a', 1]]);
    const store = recordingStore(values);
    const reader = new CoalescedRead(store.readMany);
    const release = store.holdReads();
    const first = reader.read('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.reads).to.have.length(1);
    values.set('a', 2); // committed after the first read began, before the second ask
    const second = reader.read('a');
    release();
    expect([await first, await second]).to.deep.equal([1, 2]);
    expect(store.reads).to.deep.equal([['a'], ['a']]);
  });

  it('rejects the keys of a failed read and goes on reading the next ones', async () => {
    const store = recordingStore(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    const reader = new CoalescedRead(store.readMany);
    store.failNextRead();
    const failed = reader.read('a').then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    expect(await failed).to.equal('read failed');
    expect(await reader.read('b')).to.equal(2);
  });

  it('reads at most maxKeys keys at a time', async () => {
    const store = recordingStore(
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]),
    );
    const reader = new CoalescedRead(store.readMany, 2);
    expect(await Promise.all(['a', 'b', 'c'].map((key) => reader.read(key)))).to.deep.equal([
      1, 2, 3,
    ]);
    expect(store.reads).to.deep.equal([['a', 'b'], ['c']]);
  });
});
