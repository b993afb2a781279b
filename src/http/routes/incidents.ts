// Leak incidents (issue 19): a provider (own listings) or the exchange files a suspected leaked
// copy; attribution names the trade (or none) with its false-accusation probability; the exchange
// suspends the buyer's entitlements and closes. The named buyer reads its own view.
import { z } from 'zod';
import { INCIDENT_RESOLUTIONS, INCIDENT_STATES } from '../../domain/index.js';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import { pageOf, pageQuery } from '../schemas/paging.js';
import { mediaTypeOf, TABLE_UPLOAD_TYPES } from '../schemas/table-upload.js';

const tradeScoreSchema = z.object({
  tradeId: z.string(),
  score: z.number(),
  zScore: z.number(),
  agreement: z
    .number()
    .describe('share of the evidence weight agreeing with the trade: ½ innocent'),
  exactMatch: z.boolean(),
  falseAccusationProbability: z
    .number()
    .describe('upper bound on the probability that an innocent trade scores this high'),
  log10FalseAccusation: z.number(),
  accused: z.boolean(),
});

const attributionSchema = z.object({
  verdict: z.enum(['attributed', 'inconclusive']),
  reason: z.enum(['attributed', 'insufficient_evidence', 'below_threshold']),
  tradeId: z.string().nullable(),
  accused: z.array(z.string()),
  threshold: z.number().describe('a trade is named at or below this false-accusation probability'),
  ranking: z.array(tradeScoreSchema),
  evidence: z.object({}).passthrough(),
});

const commonFields = {
  id: z.string(),
  listingId: z.string(),
  state: z.enum(INCIDENT_STATES),
  tradeId: z.string().nullable(),
  suspendedEntitlementIds: z.array(z.string()),
  resolution: z.enum(INCIDENT_RESOLUTIONS).nullable(),
  createdAtMs: z.number().int(),
  attributedAtMs: z.number().int().nullable(),
  suspendedAtMs: z.number().int().nullable(),
  closedAtMs: z.number().int().nullable(),
};

export const incidentSchema = z.object({
  ...commonFields,
  audience: z.enum(['provider', 'authority']),
  providerOrganizationId: z.string(),
  filedAs: z.enum(['provider', 'authority']),
  filedBy: z.string(),
  description: z.string(),
  leakedCopy: z.object({
    sha256: z.string(),
    sizeBytes: z.number().int(),
    format: z.string(),
    filename: z.string().nullable(),
  }),
  attribution: attributionSchema.nullable(),
  buyerOrganizationId: z.string().nullable(),
  resolutionNote: z.string().nullable(),
});

export const buyerIncidentSchema = z.object({
  ...commonFields,
  audience: z.literal('buyer'),
  verdict: z.enum(['attributed', 'inconclusive']).nullable(),
  falseAccusationProbability: z.number().nullable(),
});

/** A leaked copy may be a Parquet download (incidents only: dataset uploads are not Parquet). */
const PARQUET_MEDIA_TYPE = 'application/vnd.apache.parquet';

const eitherView = z.union([incidentSchema, buyerIncidentSchema]);
const idParams = z.object({ incidentId: z.string().min(1).max(64) });

export function incidentsRouter(services: Services): RouterDefinition {
  const incidents = services.incidents;
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/listings/:listingId/incidents',
        summary: "File a suspected leaked copy of a listing (the listing's provider, or an admin)",
        description:
          "The body is the copy as found (CSV, JSON Lines, Arrow IPC or Parquet; a body starting with Parquet's magic PAR1 is taken as Parquet whatever its type says), up to 256 MiB (413 beyond); kept encrypted at rest. Another organization's listing answers 404.",
        tags: ['incidents'],
        auth: 'key',
        request: {
          params: z.object({ listingId: z.string().min(1).max(64) }),
          query: z.object({
            description: z.string().min(1).max(4000).describe('where and how the copy was found'),
            format: z
              .enum(['csv', 'jsonl', 'arrow', 'parquet'])
              .optional()
              .describe('default: from the Content-Type'),
            filename: z.string().max(255).optional(),
          }),
          upload: {
            contentTypes: [...Object.keys(TABLE_UPLOAD_TYPES), PARQUET_MEDIA_TYPE],
            description: 'the leaked copy; application/octet-stream needs ?format=',
          },
        },
        responses: { 201: { description: 'Filed', body: incidentSchema } },
        handler: async ({ context, params, query, req }) => {
          const mediaType = mediaTypeOf(req);
          return {
            status: 201,
            body: await incidents.fileIncident(context, {
              listingId: params.listingId,
              description: query.description,
              leakedCopy: req,
              format:
                query.format ??
                (mediaType === PARQUET_MEDIA_TYPE ? 'parquet' : TABLE_UPLOAD_TYPES[mediaType]) ??
                'csv',
              filename: query.filename,
            }),
          };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/incidents',
        summary: 'Incidents on own listings (provider), naming own trades (buyer), or all (admin)',
        tags: ['incidents'],
        auth: 'key',
        request: {
          query: pageQuery.extend({
            side: z.enum(['provider', 'buyer', 'all']).default('provider'),
            listingId: z.string().min(1).max(64).optional(),
          }),
        },
        responses: { 200: { description: 'A page', body: pageOf(eitherView) } },
        handler: async ({ principal, query }) => ({
          status: 200,
          body: await incidents.listIncidents(principal, query.side, {
            limit: query.limit,
            cursor: query.cursor,
            listingId: query.listingId,
          }),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/incidents/:incidentId',
        summary:
          "One incident: whole for the listing's provider and admins, the buyer's view for the named buyer",
        tags: ['incidents'],
        auth: 'key',
        request: { params: idParams },
        responses: { 200: { description: 'The incident', body: eitherView } },
        handler: async ({ principal, params }) => ({
          status: 200,
          body: await incidents.getIncident(principal, params.incidentId),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/incidents/:incidentId/attribute',
        summary:
          'Score every trade of the listing against the copy (in-value fingerprint) and record the verdict',
        description:
          "Runs in the engine's worker thread. 400 when the copy is not a table or shares no column with the listing; 409 unless the incident is `filed`.",
        tags: ['incidents'],
        auth: 'key',
        request: { params: idParams },
        responses: { 200: { description: 'Attributed', body: incidentSchema } },
        handler: async ({ context, params }) => ({
          status: 200,
          body: await incidents.attributeIncident(context, params.incidentId),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/incidents/:incidentId/suspend',
        summary: "Revoke the named buyer's entitlements on the listing (admin), with a reason",
        tags: ['incidents'],
        auth: 'key',
        request: { params: idParams, body: z.object({ reason: z.string().max(4000).optional() }) },
        responses: { 200: { description: 'Suspended', body: incidentSchema } },
        handler: async ({ context, params, body }) => ({
          status: 200,
          body: await incidents.suspendEntitlements(context, params.incidentId, body),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/incidents/:incidentId/close',
        summary: 'Close with a resolution (admin)',
        tags: ['incidents'],
        auth: 'key',
        request: {
          params: idParams,
          body: z.object({
            resolution: z.enum(INCIDENT_RESOLUTIONS),
            note: z.string().max(4000).optional(),
          }),
        },
        responses: { 200: { description: 'Closed', body: incidentSchema } },
        handler: async ({ context, params, body }) => ({
          status: 200,
          body: await incidents.closeIncident(context, params.incidentId, body),
        }),
      }),
    ],
  };
}
