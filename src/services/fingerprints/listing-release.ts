// The release of a listing as its gate judged it, read back for an attribution: the artifact, the
// policy the job ran, each released column's role and the quasi-identifiers k was measured over
// (from the stored report; core/report's document).
import type { ColumnRole } from '../../core/deid/index.js';
import type { TableFormat } from '../../core/table/index.js';
import { findJob } from '../../store/repositories/anonymization-jobs.js';
import type { ListingRecord } from '../../store/repositories/listings.js';
import type { ServiceDeps } from '../deps.js';
import type { LeakAttributionRequest } from '../engine/attribute-leaked-table.js';

const ROLES: readonly ColumnRole[] = ['identifier', 'quasi', 'sensitive', 'insensitive', 'text'];
const FORMATS: readonly TableFormat[] = ['csv', 'jsonl', 'arrow'];

/** The parts of a stored report this reads; anything else in it is ignored. */
interface StoredReport {
  readonly transforms?: readonly { role?: unknown; outputs?: unknown }[];
  readonly privacy?: { quasiIdentifiers?: unknown } | null;
  readonly gate?: { quasiIdentifiers?: { measured?: unknown } } | null;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Roles of the released columns, by the transforms that produced them. */
function rolesOf(report: StoredReport): Record<string, ColumnRole> {
  const roles: Record<string, ColumnRole> = {};
  for (const transform of report.transforms ?? []) {
    const role = ROLES.find((known) => known === transform.role);
    if (role === undefined) continue;
    for (const output of strings(transform.outputs)) roles[output] = role;
  }
  return roles;
}

export type ListingRelease = Pick<LeakAttributionRequest, 'artifact' | 'release'>;

/** The parts of a listing (record or offer) its release is read from. */
export type ReleasedListing = Pick<
  ListingRecord,
  'id' | 'jobId' | 'reportSha256' | 'artifactSha256' | 'artifactFormat'
>;

/** What a plan or an attribution needs of `listing`'s release. */
export async function readListingRelease(
  deps: Pick<ServiceDeps, 'db' | 'blobs'>,
  listing: ReleasedListing,
): Promise<ListingRelease> {
  const job = await findJob(deps.db, listing.jobId);
  if (job === undefined) throw new Error(`listing ${listing.id} names a missing job`);
  const report = JSON.parse(
    (await deps.blobs.get(listing.reportSha256, { raw: false })).toString('utf8'),
  ) as StoredReport;
  const quasiIdentifiers = strings(
    report.gate?.quasiIdentifiers?.measured ?? report.privacy?.quasiIdentifiers,
  );
  return {
    artifact: {
      blob: {
        sha256: listing.artifactSha256,
        raw: false,
        sizeBytes: job.output?.artifactSizeBytes ?? 0,
      },
      format: FORMATS.find((format) => format === listing.artifactFormat) ?? 'csv',
    },
    release: {
      policyYaml: job.policyYaml,
      policySource: `job ${job.id}`,
      roles: rolesOf(report),
      quasiIdentifiers,
    },
  };
}
