// Query and download of entitled data (fingerprinted per trade, logged per access), usage logs, leak attribution.
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import { ServiceError } from '../../services/errors.js';
import { sendChunks } from '../../edge/send-chunks.js';
import { COPY_FORMATS, fingerprintHeader } from '../../services/delivery/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';

const idParams = z.object({ entitlementId: z.string().min(1).max(64) });
const MAX_LEAKED_COPY_BYTES = 256 * 1024 * 1024;

const queryAnswerSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  matchedRows: z.number().int(),
  suppressedGroups: z.number().int().describe('aggregate groups below k, left out'),
  minimumGroupSize: z.number().int(),
  entitlementId: z.string(),
  purpose: z.string(),
  watermark: z.string(),
});

const dataAccessSchema = z
  .object({
    id: z.number().int(),
    entitlementId: z.string(),
    tradeId: z.string(),
    listingId: z.string(),
    buyerOrganizationId: z.string(),
    memberId: z.string(),
    purpose: z.string(),
    kind: z.enum(['query', 'download']),
    format: z.string().nullable(),
    rowsDelivered: z.number().int(),
    atMs: z.number().int(),
  })
  .passthrough();

async function readBody(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > maxBytes) throw new ServiceError('payload_too_large', `copy over ${maxBytes} bytes`);
    parts.push(buffer);
  }
  return Buffer.concat(parts);
}

export function deliveryRouter(services: Services): RouterDefinition {
  const delivery = services.delivery;
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/entitlements/:entitlementId/query',
        summary: 'Query the entitled columns with the JSON query language',
        description:
          'Body: `{select, where:[{column, op, value}], groupBy, aggregates:[{fn, column, as}], orderBy:[{column, direction}], limit, offset}`; ops = != < <= > >= in between prefix (≠ ≤ ≥ accepted). Aggregate groups below k are suppressed. Errors name the JSON path (`$.where[0].op`).',
        tags: ['delivery'],
        auth: 'key',
        request: { params: idParams, body: z.object({}).passthrough() },
        responses: { 200: { description: 'The answer', body: queryAnswerSchema } },
        handler: async ({ context, params, body }) => ({
          status: 200,
          body: await delivery.queryEntitledData(context, params.entitlementId, body),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/entitlements/:entitlementId/download',
        summary:
          'Download the entitled columns (CSV, JSON Lines or Arrow IPC stream), fingerprinted to the trade',
        tags: ['delivery'],
        auth: 'key',
        request: {
          params: idParams,
          query: z.object({ format: z.enum(COPY_FORMATS).default('csv') }),
        },
        responses: {
          200: {
            description:
              'The copy; `Anonex-Watermark` ties it to the trade; `Anonex-Fingerprint` names the in-value mark (rows the copy withholds) or why it has none',
            contentType: 'text/csv',
          },
        },
        handler: async ({ context, params, query, res }) => {
          const download = await delivery.downloadEntitledData(
            context,
            params.entitlementId,
            query.format,
          );
          res.status(200);
          res.setHeader('content-type', download.contentType);
          res.setHeader('content-disposition', `attachment; filename="${download.filename}"`);
          res.setHeader('anonex-watermark', download.watermark);
          res.setHeader('anonex-row-count', String(download.rowCount));
          res.setHeader('anonex-fingerprint', fingerprintHeader(download.fingerprint));
          res.setHeader('cache-control', 'no-store');
          await sendChunks(download.chunks, res);
        },
      }),
      defineRoute({
        method: 'get',
        path: '/data-access',
        summary:
          'The access log: accesses to own listings (provider), own accesses (buyer), or all (admin)',
        tags: ['delivery'],
        auth: 'key',
        request: {
          query: z.object({
            side: z.enum(['provider', 'buyer', 'all']).default('provider'),
            listingId: z.string().min(1).max(64).optional(),
            entitlementId: z.string().min(1).max(64).optional(),
            limit: z.coerce.number().int().min(1).max(200).optional(),
            cursor: z.string().regex(/^\d+$/).optional(),
          }),
        },
        responses: {
          200: {
            description: 'Newest first',
            body: z.object({ items: z.array(dataAccessSchema), nextCursor: z.string().nullable() }),
          },
        },
        handler: async ({ principal, query }) => ({
          status: 200,
          body: await delivery.listDataAccess(principal, query.side, query),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/listings/:listingId/leak-attribution',
        summary:
          'Attribute a leaked copy of a listing to the trade whose fingerprint it carries (provider, admin)',
        tags: ['delivery'],
        auth: 'key',
        request: {
          params: z.object({ listingId: z.string().min(1).max(64) }),
          upload: {
            contentTypes: [
              'text/csv',
              'application/jsonl',
              'application/x-ndjson',
              'application/vnd.apache.arrow.stream',
              'application/vnd.apache.arrow.file',
              'application/octet-stream',
            ],
            description: 'The leaked copy as found',
          },
        },
        responses: {
          200: {
            description: 'Verdict and every trade of the listing ranked by score',
            body: z.object({
              verdict: z.enum(['attributed', 'inconclusive']),
              tradeId: z.string().optional(),
              ranking: z.array(
                z.object({
                  tradeId: z.string(),
                  score: z.number(),
                  comparedPairs: z.number(),
                  orderedPairs: z.number(),
                }),
              ),
            }),
          },
        },
        handler: async ({ context, params, req }) => ({
          status: 200,
          body: await delivery.attributeLeakedCopy(
            context,
            params.listingId,
            await readBody(req, MAX_LEAKED_COPY_BYTES),
          ),
        }),
      }),
    ],
  };
}
