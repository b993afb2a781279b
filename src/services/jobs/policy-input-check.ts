// What a job's policy needs from the revision it runs on, checked when the job is submitted so a
// provider hears "no such column" or "hierarchy outside policies/" at once, not from a failed job.
import { DeidError, checkPolicyGate, describeRefusal, type Policy } from '../../core/deid/index.js';
import type { FieldIssue } from '../../core/errors.js';
import type { GateRefusal } from '../../core/deid/index.js';
import { readHierarchies } from '../engine/anonymize-table.js';

/**
 * Every problem the run would meet before touching a row: policy columns the revision lacks, the
 * gate's data-free refusals (reversible steps, input columns the policy does not name) and
 * hierarchy files that are unreadable or outside `policiesDirectory`. Empty when the run can start.
 */
export async function policyInputIssues(
  policy: Policy,
  inputColumns: readonly string[],
  policiesDirectory: string,
): Promise<FieldIssue[]> {
  const present = new Set(inputColumns);
  const issues: FieldIssue[] = policy.columns
    .filter((column) => !present.has(column.name))
    .map((column) => ({
      field: `policy.columns.${column.name}`,
      reason: 'not a column of this dataset revision',
      code: 'unknown_column' as const,
      params: { column: column.name },
    }));
  for (const refusal of checkPolicyGate(policy, inputColumns))
    issues.push({
      field: 'column' in refusal ? `policy.columns.${refusal.column}` : 'policy',
      reason: describeRefusal(refusal),
      ...refusalCode(refusal),
    });
  try {
    await readHierarchies(policy, policiesDirectory);
  } catch (error) {
    if (!(error instanceof DeidError)) throw error;
    issues.push({
      field: 'policy.hierarchy',
      reason: error.message,
      code: 'policy_hierarchy_unreadable',
    });
  }
  return issues;
}

/** The reason code of a refusal the gate makes before any data is read. */
function refusalCode(refusal: GateRefusal): Pick<FieldIssue, 'code' | 'params'> {
  switch (refusal.kind) {
    case 'reversible_step':
      return {
        code: 'policy_reversible_step',
        params: { column: refusal.column, step: refusal.step },
      };
    case 'unnamed_column':
      return { code: 'policy_unnamed_column', params: { column: refusal.column } };
    default:
      return { code: 'invalid' };
  }
}
