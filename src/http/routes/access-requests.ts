// Access requests for conditional listings (seed Art. 17, 23): buyers apply, providers answer within two working days, admins decide disputes.
import { z } from 'zod';
import { ACCESS_REQUEST_STATES, DEADLINE_BASES } from '../../domain/index.js';
import { REFUSAL_REASON_CODES } from '../../services/access-requests/index.js';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import { pageOf, pageQuery } from '../schemas/paging.js';
import { tradePartiesFields } from '../schemas/trade-parties.js';

const idParams = z.object({ accessRequestId: z.string().min(1).max(64) });

export const accessRequestSchema = z
  .object({
    id: z.string(),
    ...tradePartiesFields,
    purpose: z.string(),
    intendedUse: z.string(),
    requestedDurationDays: z.number().int(),
    columns: z.array(z.string()),
    state: z.enum(ACCESS_REQUEST_STATES),
    receivedAtMs: z.number().int(),
    deadlineMs: z
      .number()
      .int()
      .describe('exclusive: 24:00 Asia/Shanghai of the 2nd working day after receipt'),
    deadlineLocal: z.string().describe('the deadline as Shanghai wall-clock time, +08:00'),
    countedWorkingDays: z.array(z.string()),
    deadlineProvisional: z
      .boolean()
      .describe(
        'true while a year the deadline counts has no holiday notice loaded: counted from the statutory holidays, recomputed (never earlier) when the notice is loaded',
      ),
    deadlineProvisionalReason: z
      .string()
      .nullable()
      .describe('why the deadline is provisional; null when final'),
    deadlineBasis: z
      .enum(DEADLINE_BASES)
      .describe(
        'holiday_notices: every day from a notice; statutory_holidays: provisional; kept_as_shown: a later notice would have made it earlier, so the deadline shown is kept',
      ),
    deadlineStatutoryYears: z
      .array(z.number().int())
      .describe('years counted from the statutory holidays (no notice loaded)'),
    late: z.boolean(),
    answeredLate: z.boolean(),
    decidedAs: z.enum(['provider', 'authority']).nullable(),
    refusalReasonCode: z.string().nullable(),
    refusalReason: z.string().nullable(),
    legalBasis: z.string().nullable(),
    disputeOutcome: z.enum(['upheld', 'overturned']).nullable(),
  })
  .passthrough();

const submitBody = z.object({
  listingId: z.string().min(1).max(64),
  purpose: z.string().min(1).max(100).describe("one of the listing's permitted purposes (Art. 18)"),
  intendedUse: z.string().max(4000),
  requestedDurationDays: z.number().int().min(1).max(3650),
  columns: z.array(z.string().min(1).max(200)).min(1).max(500),
});
const approveBody = z.object({
  columns: z
    .array(z.string().min(1).max(200))
    .max(500)
    .optional()
    .describe('narrow the requested columns'),
  durationDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe('shorten the requested duration'),
});
// Optional in the schema so the service names each missing field of a refusal (seed Art. 17).
const refuseBody = z.object({
  reasonCode: z
    .string()
    .max(64)
    .optional()
    .describe(`required: one of ${REFUSAL_REASON_CODES.join(', ')}`),
  reason: z.string().max(4000).optional().describe('required: the written reasons'),
  legalBasis: z.string().max(2000).optional().describe('required: the legal basis of the refusal'),
});
const disputeBody = z.object({ statement: z.string().max(4000).optional() });
const decisionBody = z.object({
  outcome: z.string().max(16).optional(),
  reason: z.string().max(4000).optional(),
});
const listQuery = pageQuery.extend({
  queue: z
    .enum(['buyer', 'provider', 'authority'])
    .default('buyer')
    .describe('authority = admins: overdue and disputed'),
  state: z.enum(ACCESS_REQUEST_STATES).optional(),
});

const ok = { 200: { description: 'The access request', body: accessRequestSchema } } as const;

export function accessRequestsRouter(services: Services): RouterDefinition {
  const requests = services.accessRequests;
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/access-requests',
        summary: 'Apply for access to a conditional listing; the deadline is fixed at receipt',
        tags: ['access-requests'],
        auth: 'key',
        request: { body: submitBody },
        responses: { 201: { description: 'Submitted', body: accessRequestSchema } },
        handler: async ({ context, body }) => ({
          status: 201,
          body: await requests.submitAccessRequest(context, body),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/access-requests',
        summary:
          "List access requests: the buyer's, the provider's, or the admins' escalation queue",
        tags: ['access-requests'],
        auth: 'key',
        request: { query: listQuery },
        responses: { 200: { description: 'A page', body: pageOf(accessRequestSchema) } },
        handler: async ({ principal, query }) => ({
          status: 200,
          body: await requests.listAccessRequests(principal, query.queue, {
            limit: query.limit,
            cursor: query.cursor,
            states: query.state ? [query.state] : undefined,
          }),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/access-requests/:accessRequestId',
        summary: 'One access request with its deadline',
        tags: ['access-requests'],
        auth: 'key',
        request: { params: idParams },
        responses: ok,
        handler: async ({ principal, params }) => ({
          status: 200,
          body: await requests.getAccessRequest(principal, params.accessRequestId),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/access-requests/:accessRequestId/approve',
        summary: 'Approve (provider; admins once overdue), possibly narrowing columns and duration',
        tags: ['access-requests'],
        auth: 'key',
        request: { params: idParams, body: approveBody },
        responses: ok,
        handler: async ({ context, params, body }) => ({
          status: 200,
          body: await requests.approveAccessRequest(context, params.accessRequestId, body),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/access-requests/:accessRequestId/refuse',
        summary: 'Refuse with a reason code, written reasons and a legal basis (all required)',
        tags: ['access-requests'],
        auth: 'key',
        request: { params: idParams, body: refuseBody },
        responses: ok,
        handler: async ({ context, params, body }) => ({
          status: 200,
          body: await requests.refuseAccessRequest(context, params.accessRequestId, body),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/access-requests/:accessRequestId/withdraw',
        summary: 'Withdraw an unanswered request (buyer)',
        tags: ['access-requests'],
        auth: 'key',
        request: { params: idParams },
        responses: ok,
        handler: async ({ context, params }) => ({
          status: 200,
          body: await requests.withdrawAccessRequest(context, params.accessRequestId),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/access-requests/:accessRequestId/dispute',
        summary: 'Dispute a refusal (buyer); the exchange admins decide (seed Art. 23)',
        tags: ['access-requests'],
        auth: 'key',
        request: { params: idParams, body: disputeBody },
        responses: ok,
        handler: async ({ context, params, body }) => ({
          status: 200,
          body: await requests.disputeAccessRequest(context, params.accessRequestId, body),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/access-requests/:accessRequestId/dispute-decision',
        summary: 'Uphold or overturn a disputed refusal (admin)',
        tags: ['access-requests'],
        auth: 'key',
        request: { params: idParams, body: decisionBody },
        responses: ok,
        handler: async ({ context, params, body }) => ({
          status: 200,
          body: await requests.decideDispute(context, params.accessRequestId, body),
        }),
      }),
    ],
  };
}
