// The offer cache keeps offers of published listings only, answers as `readListingOffer` did when it
// kept them (the naive oracle), reads nothing for a kept offer, and forgets and evicts on demand.
import { expect } from 'chai';
import { ListingOfferCache } from '../../../src/services/listings/listing-offer-cache.js';
import { readListingOffer } from '../../../src/services/listings/listing-offer.js';
import {
  createBuyerFixture,
  createListingFixture,
  type BuyerFixture,
} from '../../helpers/buyer-workflow.js';

describe('services/listings: the offer cache', () => {
  let fixture: BuyerFixture;

  before(async () => {
    fixture = await createBuyerFixture();
  });
  after(() => fixture.destroy());

  /** How many statements run while `work` runs. */
  async function counting<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
    let statements = 0;
    const onQuery = () => statements++;
    fixture.deps.db.on('query', onQuery);
    try {
      return { result: await work(), statements };
    } finally {
      fixture.deps.db.removeListener('query', onQuery);
    }
  }

  it('keeps a published offer and answers it without reading until forgotten', async () => {
    const { db } = fixture.deps;
    const { listingId } = await createListingFixture(fixture.deps);
    const cache = new ListingOfferCache();
    const first = await counting(() => cache.read(db, listingId));
    expect(first.statements).to.equal(1);
    expect(first.result).to.deep.equal(await readListingOffer(db, listingId));
    expect(cache.has(listingId)).to.equal(true);
    await db('listings').where({ id: listingId }).update({ state: 'suspended' });
    const kept = await counting(() => cache.read(db, listingId));
    expect(kept.statements).to.equal(0);
    expect(kept.result).to.deep.equal(first.result);
    cache.forget(listingId);
    const fresh = await counting(() => cache.read(db, listingId));
    expect(fresh.statements).to.equal(1);
    expect(fresh.result).to.deep.equal(await readListingOffer(db, listingId));
    expect(fresh.result?.state).to.equal('suspended');
  });

  const unkept: { desc: string; state: string }[] = [
    { desc: 'a draft', state: 'draft' },
    { desc: 'a suspended listing', state: 'suspended' },
    { desc: 'a retired listing', state: 'retired' },
  ];
  for (const { desc, state } of unkept) {
    it(`reads ${desc} every time (only published offers are final)`, async () => {
      const { db } = fixture.deps;
      const { listingId } = await createListingFixture(fixture.deps);
      await db('listings').where({ id: listingId }).update({ state });
      const cache = new ListingOfferCache();
      for (let i = 0; i < 2; i++) {
        const read = await counting(() => cache.read(db, listingId));
        expect(read.statements).to.equal(1);
        expect(read.result).to.deep.equal(await readListingOffer(db, listingId));
      }
      expect(cache.has(listingId)).to.equal(false);
    });
  }

  it('answers undefined for an unknown listing', async () => {
    expect(await new ListingOfferCache().read(fixture.deps.db, 'lst_none')).to.equal(undefined);
  });

  it('keeps at most maxListings offers, dropping the longest kept', async () => {
    const { db } = fixture.deps;
    const first = await createListingFixture(fixture.deps);
    const second = await createListingFixture(fixture.deps);
    const cache = new ListingOfferCache(1);
    await cache.read(db, first.listingId);
    await cache.read(db, second.listingId);
    expect([cache.has(first.listingId), cache.has(second.listingId)]).to.deep.equal([false, true]);
  });
});
