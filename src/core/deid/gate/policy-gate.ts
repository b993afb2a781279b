// The gate before any transform: reversible steps and columns the policy does not name.
import { isReversible, type Policy } from '../policy.js';
import type { GateRefusal } from './refusal.js';

/**
 * Refusals that need no data: reversible steps (encrypt, tokenize, a pseudonym whose key is
 * kept) and input columns the policy does not name (nothing passes by omission).
 * Applies in listing mode only; internal mode is for pseudonymised use inside the provider.
 */
export function checkPolicyGate(policy: Policy, inputColumns: readonly string[]): GateRefusal[] {
  if (policy.mode !== 'listing') return [];
  const refusals: GateRefusal[] = [];
  for (const column of policy.columns)
    for (const step of column.transforms)
      if (isReversible(step))
        refusals.push({ kind: 'reversible_step', column: column.name, step: step.kind });
  const named = new Set(policy.columns.map((c) => c.name));
  for (const column of inputColumns)
    if (!named.has(column)) refusals.push({ kind: 'unnamed_column', column });
  return refusals;
}
