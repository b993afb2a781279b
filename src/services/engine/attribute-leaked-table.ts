// The engine task behind an incident's attribution (issue 19): the listing's release as the gate
// judged it, its fingerprint plan under the listing key, and every trade scored against the leaked
// copy (core/fingerprint attributeLeak). Runs in a worker thread (engine-thread.ts).
import type { ColumnTable } from 'arquero';
import {
  attributeLeak,
  planFingerprint,
  type FingerprintPlan,
  type LeakAttribution,
} from '../../core/fingerprint/index.js';
import type { TableFormat } from '../../core/table/index.js';
import type { BlobReference, TableSource } from './anonymization-engine.js';
import { prepareListingRelease, type ReleaseDescription } from './plan-listing-fingerprint.js';

/** Everything one attribution needs, as plain data that crosses into a worker thread. */
export interface LeakAttributionRequest {
  /** The listing's anonymized artifact (blob, not raw) and its format. */
  readonly artifact: { readonly blob: BlobReference; readonly format: TableFormat };
  /**
   * The suspected leaked copy: as uploaded (a blob kept raw: encrypted at rest), or its bytes
   * (a Parquet copy decoded to CSV by the gateway's DuckDB, incidents/parquet-copy.ts).
   */
  readonly leaked: TableSource & { readonly format: TableFormat };
  /** The release as the gate judged it: the policy, each column's role, the measured quasi-identifiers. */
  readonly release: ReleaseDescription;
  /** The listing's fingerprint key (hex). Never logged; it stays in the process. */
  readonly listingKeyHex: string;
  /** The plan the listing's copies were served under (stored); absent: planned here from the key. */
  readonly plan?: FingerprintPlan;
  /** Every trade of the listing with its fingerprint key (hex). */
  readonly candidates: readonly { readonly tradeId: string; readonly keyHex: string }[];
}

/** Scores every candidate; throws the fingerprint errors of attributeLeak (no matching column). */
export function attributeLeakedTable(
  artifact: ColumnTable,
  leaked: ColumnTable,
  request: LeakAttributionRequest,
): LeakAttribution {
  const release = prepareListingRelease(artifact, request.release);
  const plan =
    request.plan ??
    planFingerprint(release, { listingKey: Buffer.from(request.listingKeyHex, 'hex') });
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
