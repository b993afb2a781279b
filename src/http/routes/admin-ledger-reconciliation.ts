// Admin API: the differences the start check found between the business tables and the ledger.
import { z } from 'zod';
import { describeDifference } from '../../core/ledger/index.js';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';

const differenceSchema = z.object({
  kind: z.enum([
    'entry_missing',
    'row_missing',
    'field_mismatch',
    'count_mismatch',
    'opening_missing',
    'opening_mismatch',
  ]),
  subject: z.enum([
    'trade',
    'review_decision',
    'listing',
    'access_decision',
    'entitlement_revocation',
    'entitlement_suspension',
  ]),
  id: z.string().describe('the row id, or * for a count'),
  leafIndex: z.number().int().nullable().optional(),
  column: z.string().optional(),
  field: z.string().optional().describe('the entry field (dotted path) that pins the column'),
  database: z.unknown().optional(),
  ledger: z.unknown().optional(),
  description: z.string(),
});

const reportSchema = z.object({
  scope: z.enum(['full', 'window', 'not_checked']),
  treeSize: z.number().int().nonnegative().optional(),
  entriesChecked: z.number().int().nonnegative().optional(),
  rowsChecked: z.number().int().nonnegative().optional(),
  differences: z.array(differenceSchema),
});

export function adminLedgerReconciliationRouter(services: Services): RouterDefinition {
  return {
    routes: [
      defineRoute({
        method: 'get',
        path: '/admin/ledger/reconciliation',
        summary:
          'What the start check found comparing trades, decisions and listings with the ledger (admins, auditors)',
        tags: ['admin', 'ledger'],
        auth: 'key',
        responses: { 200: { description: 'The start reconciliation', body: reportSchema } },
        handler: ({ context }) => {
          const report = services.reconciliation.startReport(context.principal);
          if (report === undefined)
            return { status: 200, body: { scope: 'not_checked' as const, differences: [] } };
          return {
            status: 200,
            body: {
              ...report,
              differences: report.differences.map((difference) => ({
                ...difference,
                description: describeDifference(difference),
              })),
            },
          };
        },
      }),
    ],
  };
}
