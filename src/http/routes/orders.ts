// Orders and trades: POST /orders (Idempotency-Key) creates a trade and its entitlement; parties read trades and receipts.
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import { pageOf, pageQuery } from '../schemas/paging.js';
import { tradePartiesFields } from '../schemas/trade-parties.js';
import { entitlementSchema } from './entitlements.js';

export const tradeSchema = z
  .object({
    id: z.string(),
    ...tradePartiesFields,
    accessRequestId: z.string().nullable(),
    priceFen: z.number().int(),
    artifactSha256: z.string(),
    reportSha256: z.string(),
    licenceTermsSha256: z.string(),
    listingDocumentSha256: z.string(),
    purpose: z.string(),
    columns: z.array(z.string()),
    fingerprintWatermark: z.string(),
    ledgerOutboxId: z.number().int().nullable(),
    createdAtMs: z.number().int(),
  })
  .passthrough();

const orderBody = z.object({
  listingId: z.string().min(1).max(64),
  accessRequestId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('conditional listings: the approved request'),
  purpose: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("unconditional listings: one of the listing's permitted purposes"),
  intendedUse: z.string().max(4000).optional(),
  columns: z.array(z.string().min(1).max(200)).min(1).max(500).optional(),
});
const tradeParams = z.object({ tradeId: z.string().min(1).max(64) });

export function ordersRouter(services: Services): RouterDefinition {
  const orders = services.orders;
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/orders',
        summary: 'Order a published listing: one trade and its entitlement, atomically',
        description:
          'Send an `Idempotency-Key` header: repeating the request (also concurrently) returns the first trade with 200 and `Idempotent-Replayed: true`; the same key with another body is 409 idempotency_conflict.',
        tags: ['orders'],
        auth: 'key',
        request: { body: orderBody },
        responses: {
          201: {
            description: 'Trade created',
            body: z.object({ trade: tradeSchema, entitlement: entitlementSchema }),
          },
          200: { description: 'Replay of an earlier order with the same Idempotency-Key' },
        },
        handler: async ({ context, body, req }) => {
          const result = await orders.placeOrder(
            context,
            body,
            req.get('idempotency-key') ?? undefined,
          );
          const headers: Record<string, string> = result.created
            ? { location: `/api/v1/trades/${result.trade.id}` }
            : { 'idempotent-replayed': 'true' };
          return {
            status: result.created ? 201 : 200,
            headers,
            body: { trade: result.trade, entitlement: result.entitlement },
          };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/trades',
        summary: "Trades of the caller's organization, as buyer or as provider",
        tags: ['orders'],
        auth: 'key',
        request: {
          query: pageQuery.extend({ side: z.enum(['buyer', 'provider']).default('buyer') }),
        },
        responses: { 200: { description: 'A page', body: pageOf(tradeSchema) } },
        handler: async ({ principal, query }) => ({
          status: 200,
          body: await orders.listTrades(principal, query.side, {
            limit: query.limit,
            cursor: query.cursor,
          }),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/trades/:tradeId',
        summary: 'One trade (its parties and admins)',
        tags: ['orders'],
        auth: 'key',
        request: { params: tradeParams },
        responses: { 200: { description: 'The trade', body: tradeSchema } },
        handler: async ({ principal, params }) => ({
          status: 200,
          body: await orders.getTrade(principal, params.tradeId),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/trades/:tradeId/receipt',
        summary: "The trade's ledger receipt (entry, inclusion proof, checkpoint), once sequenced",
        tags: ['orders'],
        auth: 'key',
        request: { params: tradeParams },
        responses: {
          200: { description: 'Sequenced: the receipt, verifiable offline' },
          202: { description: 'Not yet sequenced; retry shortly' },
        },
        handler: async ({ principal, params }) => {
          const result = await orders.tradeReceipt(principal, params.tradeId, (outboxId) =>
            services.ledger.receiptForOutboxEntry(outboxId, principal),
          );
          return result.state === 'sequenced'
            ? { status: 200, body: result.receipt }
            : { status: 202, headers: { 'retry-after': '1' }, body: result };
        },
      }),
    ],
  };
}
