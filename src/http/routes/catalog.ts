// Catalog API for buyers: search published listings, read one, export the catalog as DCAT JSON-LD.
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import {
  catalogEntrySchema,
  catalogPageSchema,
  catalogQuery,
  listingIdParams,
} from '../schemas/provider-workflow.js';

export function catalogRouter(services: Services): RouterDefinition {
  const catalog = services.catalog;
  return {
    routes: [
      defineRoute({
        method: 'get',
        path: '/catalog',
        summary: 'Search published listings: full text, filters, sorting, paging',
        tags: ['catalog'],
        auth: 'key',
        request: { query: catalogQuery },
        responses: { 200: { description: 'A page of catalog entries', body: catalogPageSchema } },
        handler: async ({ context, query, res }) => {
          // Sent as serialized bytes: a page from memory costs a lookup and a write.
          const page = await catalog.searchCatalogSerialized(context, query);
          res
            .status(200)
            .type('application/json; charset=utf-8')
            .set('ETag', page.etag)
            .send(page.json);
        },
      }),
      defineRoute({
        method: 'get',
        path: '/catalog/dcat',
        summary:
          'The catalog of public listings as DCAT-AP JSON-LD, without a key (seed Art. 22); IRIs from PUBLIC_URL',
        tags: ['catalog'],
        auth: 'public',
        responses: {
          200: { description: 'A dcat:Catalog', contentType: 'application/ld+json' },
        },
        handler: async ({ res }) => {
          const document = await catalog.exportDcat();
          res.status(200).type('application/ld+json; charset=utf-8').send(JSON.stringify(document));
        },
      }),
      defineRoute({
        method: 'get',
        path: '/catalog/:listingId',
        summary: 'Read a published listing as buyers see it',
        tags: ['catalog'],
        auth: 'key',
        request: { params: listingIdParams },
        responses: { 200: { description: 'The catalog entry', body: catalogEntrySchema } },
        handler: async ({ context, params }) => ({
          status: 200,
          body: await catalog.getCatalogEntry(context, params.listingId),
        }),
      }),
    ],
  };
}
