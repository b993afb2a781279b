// The bounded cache: at most `capacity` entries, the least recently used dropped first, loads cached
// only when they found something.
import { expect } from 'chai';
import { BoundedCache } from '../../src/services/bounded-cache.js';

describe('services/bounded-cache', () => {
  it('drops the least recently used entry beyond its capacity', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).to.equal(1); // a is now the most recently used
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).to.deep.equal([
      1,
      undefined,
      3,
      2,
    ]);
  });

  it('loads once, and does not cache a load that found nothing', async () => {
    const cache = new BoundedCache<string, number>(4);
    let loads = 0;
    const load = async () => (++loads === 1 ? undefined : 7);
    expect(await cache.getOrLoad('k', load)).to.equal(undefined);
    expect(await cache.getOrLoad('k', load)).to.equal(7);
    expect(await cache.getOrLoad('k', load)).to.equal(7);
    expect(loads).to.equal(2);
  });

  it('says what it holds, and forgets on demand', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.delete('a');
    expect([cache.has('a'), cache.get('a'), cache.size]).to.deep.equal([false, undefined, 0]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new BoundedCache(0)).to.throw(/positive integer/);
  });
});
