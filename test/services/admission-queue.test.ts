// The admission queue: at most `limit` admitted at once, the rest in arrival order, places given
// back once however often release is called, and by run() whether the work succeeds or throws.
import { expect } from 'chai';
import { AdmissionQueue } from '../../src/services/admission-queue.js';

/** Lets every settled promise's continuations run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('services/admission-queue', () => {
  it('admits up to its limit at once and the rest first in, first out', async () => {
    const queue = new AdmissionQueue(2);
    const admitted: number[] = [];
    const releases = new Map<number, () => void>();
    for (let i = 0; i < 5; i++)
      void queue.admit().then((release) => {
        admitted.push(i);
        releases.set(i, release);
      });
    await settle();
    expect([admitted, queue.inFlight, queue.waiting]).to.deep.equal([[0, 1], 2, 3]);
    releases.get(1)!();
    await settle();
    expect([admitted, queue.inFlight, queue.waiting]).to.deep.equal([[0, 1, 2], 2, 2]);
    releases.get(0)!();
    releases.get(2)!();
    await settle();
    expect([admitted, queue.inFlight, queue.waiting]).to.deep.equal([[0, 1, 2, 3, 4], 2, 0]);
    releases.get(3)!();
    releases.get(4)!();
    expect([queue.inFlight, queue.waiting]).to.deep.equal([0, 0]);
  });

  it('gives a place back once however often release is called', async () => {
    const queue = new AdmissionQueue(1);
    const first = await queue.admit();
    let secondAdmitted = false;
    const second = queue.admit().then((release) => {
      secondAdmitted = true;
      return release;
    });
    let thirdAdmitted = false;
    void queue.admit().then(() => (thirdAdmitted = true));
    first();
    first();
    await settle();
    expect([secondAdmitted, thirdAdmitted, queue.inFlight]).to.deep.equal([true, false, 1]);
    (await second)();
    await settle();
    expect(thirdAdmitted).to.equal(true);
  });

  it('runs work within the bound and frees its place when it throws', async () => {
    const queue = new AdmissionQueue(3);
    let running = 0;
    let most = 0;
    const work = async (i: number) => {
      running++;
      most = Math.max(most, running);
      await settle();
      running--;
      if (i % 4 === 0) throw new Error(`work ${i} failed`);
      return i;
    };
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => queue.run(() => work(i))),
    );
    expect(most).to.equal(3);
    expect(results.filter((result) => result.status === 'rejected')).to.have.length(5);
    expect([queue.inFlight, queue.waiting]).to.deep.equal([0, 0]);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new AdmissionQueue(0)).to.throw(/positive integer/);
    expect(() => new AdmissionQueue(1.5)).to.throw(/positive integer/);
  });
});
