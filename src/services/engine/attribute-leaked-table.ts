// The engine task behind an incident's attribution (issue 19): the listing's release as the gate
// judged it, its fingerprint plan under the listing key, and every trade scored against the leaked
// copy (core/fingerprint attributeLeak). Runs in a worker thread (engine-thread.ts).
import type { ColumnTable } from 'arquero';
import { parsePolicy, type ColumnRole } from '../../core/deid/index.js';
import {
  attributeLeak,
  fingerprintReleaseOf,
  planFingerprint,
  prepareRelease,
  type LeakAttribution,
} from '../../core/fingerprint/index.js';
import type { TableFormat } from '../../core/table/index.js';
import type { BlobReference } from './anonymization-engine.js';

/** Everything one attribution needs, as plain data that crosses into a worker thread. */
export interface LeakAttributionRequest {
  /** The listing's anonymized artifact (blob, not raw) and its format. */
  readonly artifact: { readonly blob: BlobReference; readonly format: TableFormat };
  /** The suspected leaked copy as uploaded (kept raw: encrypted at rest). */
  readonly leaked: { readonly blob: BlobReference; readonly format: TableFormat };
  /** The release as the gate judged it: the policy, each column's role, the measured quasi-identifiers. */
  readonly release: {
    readonly policyYaml: string;
    readonly policySource: string;
    readonly roles: Readonly<Record<string, ColumnRole>>;
    readonly quasiIdentifiers: readonly string[];
  };
  /** The listing's fingerprint key (hex). Never logged; it stays in the process. */
  readonly listingKeyHex: string;
  /** Every trade of the listing with its fingerprint key (hex). */
  readonly candidates: readonly { readonly tradeId: string; readonly keyHex: string }[];
}

/** Scores every candidate; throws the fingerprint errors of attributeLeak (no matching column). */
export function attributeLeakedTable(
  artifact: ColumnTable,
  leaked: ColumnTable,
  request: LeakAttributionRequest,
): LeakAttribution {
  const policy = parsePolicy(request.release.policyYaml, request.release.policySource);
  const release = prepareRelease(
    fingerprintReleaseOf(
      artifact,
      { roles: request.release.roles, quasiIdentifiers: request.release.quasiIdentifiers },
      policy,
    ),
  );
  const plan = planFingerprint(release, { listingKey: Buffer.from(request.listingKeyHex, 'hex') });
  return attributeLeak(
    leaked,
    release,
    plan,
    request.candidates.map((candidate) => ({
      tradeId: candidate.tradeId,
      key: Buffer.from(candidate.keyHex, 'hex'),
    })),
    { tradeCount: request.candidates.length },
  );
}
