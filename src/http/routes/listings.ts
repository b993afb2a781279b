// Listings API: a draft from an approved review, edits while draft, and the lifecycle
// publish → suspend → reinstate → retire (providers), suspend/revoke (exchange admins).
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import { listingPatchSchema, newListingSchema } from '../../services/listings/listing-terms.js';
import { defineRoute, type RouteDefinition, type RouterDefinition } from '../define-route.js';
import {
  listingIdParams,
  listingListQuery,
  listingSchema,
  optionalReasonBody,
  reasonBody,
} from '../schemas/provider-workflow.js';

export function listingsRouter(services: Services): RouterDefinition {
  const listings = services.listings;
  const lifecycle = (
    action: 'publish' | 'suspend' | 'reinstate' | 'retire' | 'revoke',
    summary: string,
  ): RouteDefinition => {
    const body =
      action === 'revoke'
        ? reasonBody
        : action === 'suspend' || action === 'retire'
          ? optionalReasonBody
          : undefined;
    return defineRoute({
      method: 'post',
      path: `/listings/:listingId/${action}`,
      summary,
      description: 'Answers 409 naming the current state when the lifecycle does not allow it.',
      tags: ['listings'],
      auth: 'key',
      request: { params: listingIdParams, ...(body ? { body: body.optional() } : {}) },
      responses: { 200: { description: 'The listing', body: listingSchema } },
      handler: async ({ context, params, body: input }) => {
        const id = params.listingId;
        const parsed = (input ?? {}) as { reason?: string };
        const view =
          action === 'publish'
            ? await listings.publishListing(context, id)
            : action === 'reinstate'
              ? await listings.reinstateListing(context, id)
              : action === 'suspend'
                ? await listings.suspendListing(context, id, parsed)
                : action === 'retire'
                  ? await listings.retireListing(context, id, parsed)
                  : await listings.revokeListing(context, id, parsed);
        return { status: 200, body: view };
      },
    });
  };
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/listings',
        summary: 'Create a draft listing from an approved review',
        description:
          'Only from an approval that covers the dataset’s latest revision, with GB/T 42460 level L3 or L4 and a passed gate (seed Art. 29); otherwise 409.',
        tags: ['listings'],
        auth: 'key',
        request: { body: newListingSchema },
        responses: { 201: { description: 'The draft', body: listingSchema } },
        handler: async ({ context, body }) => ({
          status: 201,
          body: await listings.createListing(context, body),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/listings',
        summary: "The organization's listings in any state",
        tags: ['listings'],
        auth: 'key',
        request: { query: listingListQuery },
        responses: {
          200: { description: 'Listings', body: z.object({ items: z.array(listingSchema) }) },
        },
        handler: async ({ context, query }) => ({
          status: 200,
          body: { items: await listings.listListings(context, query.state) },
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/listings/:listingId',
        summary: 'Read a listing (its organization’s providers, and admins)',
        tags: ['listings'],
        auth: 'key',
        request: { params: listingIdParams },
        responses: { 200: { description: 'The listing', body: listingSchema } },
        handler: async ({ context, params }) => ({
          status: 200,
          body: await listings.getListing(context, params.listingId),
        }),
      }),
      defineRoute({
        method: 'patch',
        path: '/listings/:listingId',
        summary: 'Edit a draft (a new listing revision)',
        tags: ['listings'],
        auth: 'key',
        request: { params: listingIdParams, body: listingPatchSchema },
        responses: { 200: { description: 'The listing', body: listingSchema } },
        handler: async ({ context, params, body }) => ({
          status: 200,
          body: await listings.updateListing(context, params.listingId, body),
        }),
      }),
      lifecycle('publish', 'Publish a draft to the catalog (re-checks the approval)'),
      lifecycle('suspend', 'Suspend a published listing (its providers, or an admin)'),
      lifecycle('reinstate', 'Publish a suspended listing again (re-checks the approval)'),
      lifecycle('retire', 'Retire a listing for good'),
      lifecycle('revoke', 'Revoke a listing (exchange admins; reason required)'),
    ],
  };
}
