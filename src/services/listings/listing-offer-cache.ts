// Offers of published listings kept in memory, so an order reads no listing row (its preview and
// metadata JSON are the bulk of it, parsed on every read) once the listing has been seen published.
import type { Queryable } from '../../store/db.js';
import { BoundedCache } from '../bounded-cache.js';
import { readListingOffer, type ListingOffer } from './listing-offer.js';

/** Listings kept at most; past it the least recently used is dropped (it is read again when ordered). */
const DEFAULT_MAX_LISTINGS = 1024;

/**
 * Why a kept offer stays right: a listing's terms change only by an edit, which makes a new
 * revision, and only a draft may be edited; a published listing never becomes a draft again
 * (listing-state.ts). So once seen published, everything an offer holds is final except its
 * state, which may move on (suspended, retired, revoked, here or on another gateway). A caller
 * that trusts a kept offer must re-check the state where it writes — the order batch does, in its
 * transaction — and `forget` the listing when that check fails.
 */
export class ListingOfferCache {
  /** Listing id → its offer when last seen published. */
  private readonly offers: BoundedCache<string, ListingOffer>;

  constructor(maxListings = DEFAULT_MAX_LISTINGS) {
    this.offers = new BoundedCache(maxListings);
  }

  /**
   * The kept offer (state `published` as last seen, maybe no longer), or else what
   * `readListingOffer` reads now; undefined when there is no such listing.
   */
  async read(db: Queryable, listingId: string): Promise<ListingOffer | undefined> {
    const kept = this.offers.get(listingId);
    if (kept) return kept;
    const offer = await readListingOffer(db, listingId);
    if (offer?.state === 'published') this.offers.set(offer.id, offer);
    return offer;
  }

  /** True when `listingId`'s offer is kept (then `read` answers without reading the database). */
  has(listingId: string): boolean {
    return this.offers.has(listingId);
  }

  /** Drops the kept offer, so the next `read` reads the listing again. */
  forget(listingId: string): void {
    this.offers.delete(listingId);
  }
}
