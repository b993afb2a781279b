// Listing titles for pages that refer to listings (requests, entitlements), read once per page in
// the page's language; a listing the member may no longer read keeps its id.
import type { Services } from '../services/index.js';
import type { SignedInView } from './view.js';

export async function listingTitles(
  services: Services,
  view: SignedInView,
  ids: Iterable<string>,
): Promise<ReadonlyMap<string, string>> {
  const { context } = view.session;
  const titles = await Promise.all(
    [...new Set(ids)].map(async (id) => {
      // The catalog for a published listing; the provider's own listing in any state.
      const listing =
        (await services.catalog.getCatalogEntry(context, id).catch(() => undefined)) ??
        (await services.listings.getListing(context, id).catch(() => undefined));
      const title = listing && (view.language === 'zh' ? listing.title.zh : listing.title.en);
      return [id, title ?? id] as const;
    }),
  );
  return new Map(titles);
}
