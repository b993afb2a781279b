// What other areas may use of listings: the service, the buyer-facing read, and the vocabularies.
export { ListingService, toListingView, type ListingView } from './listing-service.js';
export { readPublishedListing, type PublishedListing } from './published-listing.js';
export { readListingOffer, purposeCodes, type ListingOffer } from './listing-offer.js';
export { ListingOfferCache } from './listing-offer-cache.js';
export { PURPOSE_CODES, type PurposeCode, type PermittedPurposes } from './listing-terms.js';
export { licenceTermsSha256, listingDocumentSha256 } from './listing-document.js';
export { nextListingState, LISTABLE_LEVELS, type ListingEvent } from './listing-state.js';
