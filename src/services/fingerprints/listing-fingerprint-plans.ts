// Each listing's in-value fingerprint plan (docs/fingerprinting.md §2), made once per listing in the
// engine's worker thread, stored sealed (listing_fingerprint_plans) and reused by every download,
// query and attribution of the listing; every gateway uses the first plan stored. A listing whose
// release cannot carry a mark is stored as `unmarked` with the reason: its copies are delivered
// whole, never refused.
import {
  FINGERPRINT_PLAN_SCHEME,
  planDigest,
  type FingerprintPlan,
  type FingerprintPlanSummary,
} from '../../core/fingerprint/index.js';
import {
  findListingFingerprintPlan,
  insertListingFingerprintPlanIfAbsent,
  type ListingFingerprintPlanRecord,
} from '../../store/repositories/listing-fingerprint-plans.js';
import { listingFingerprintPlanBinding } from '../../store/sealed-secrets.js';
import { BoundedCache } from '../bounded-cache.js';
import type { ServiceDeps } from '../deps.js';
import { planFingerprintInWorker } from '../engine/engine-thread.js';
import type {
  FingerprintPlanningRequest,
  PlannedFingerprint,
  UnmarkedReason,
} from '../engine/plan-listing-fingerprint.js';
import { listingFingerprintKey } from './listing-fingerprint-key.js';
import { readListingRelease, type ReleasedListing } from './listing-release.js';

/** Runs one planning off the event loop; tests may substitute it. */
export type FingerprintPlanningRunner = (
  request: FingerprintPlanningRequest,
) => Promise<PlannedFingerprint>;

/** Why a copy carries no in-value mark: the listing's stored reason, or one of this copy's. */
export type UnmarkedCopyReason =
  | UnmarkedReason
  /** Planning failed this time (e.g. the worker ran out of memory); retried after a minute. */
  | 'plan_unavailable'
  /** The trade's artifact is not the one the listing's plan was made from. */
  | 'artifact_differs';

/** What every copy of a listing's artifact carries. */
export type ListingMark =
  | { readonly kind: 'planned'; readonly plan: FingerprintPlan }
  | { readonly kind: 'unmarked'; readonly reason: UnmarkedCopyReason };

/** How long a failed planning is remembered before the next access tries again. */
export const PLANNING_RETRY_MS = 60_000;
/** Plans kept decoded in memory (a 1M-row listing's plan is 80 kB). */
const CACHED_PLANS = 128;

export class ListingFingerprintPlans {
  private readonly runPlanning: FingerprintPlanningRunner;
  /** By listing: the stored outcome (or the planning under way, or a recent failure). */
  private readonly cache = new BoundedCache<
    string,
    { readonly outcome: Promise<ListingMark & { artifactSha256?: string }>; failedAtMs?: number }
  >(CACHED_PLANS);

  constructor(
    private readonly deps: ServiceDeps,
    runPlanning?: FingerprintPlanningRunner,
  ) {
    this.runPlanning =
      runPlanning ??
      ((request) =>
        planFingerprintInWorker(request, deps.blobs.workerSpec(), deps.config.jobMemoryMb));
  }

  /**
   * The mark of copies of `artifactSha256` (a trade's artifact) of `listing`: its plan, made and
   * stored on first use (the caller waits for it once), or why copies go unmarked.
   */
  async markOf(listing: ReleasedListing, artifactSha256: string): Promise<ListingMark> {
    const cached = this.cache.get(listing.id);
    const nowMs = this.deps.clock.nowMs();
    let outcome = cached?.outcome;
    if (
      cached === undefined ||
      (cached.failedAtMs !== undefined && nowMs - cached.failedAtMs >= PLANNING_RETRY_MS)
    ) {
      outcome = this.loadOrPlan(listing);
      const entry: { outcome: typeof outcome; failedAtMs?: number } = { outcome };
      this.cache.set(listing.id, entry);
      outcome = outcome.catch((error: unknown) => {
        this.deps.logger.warn(
          { err: error, listingId: listing.id },
          'fingerprint plan not made: copies go unmarked until it is',
        );
        entry.failedAtMs = this.deps.clock.nowMs();
        const unavailable: ListingMark = { kind: 'unmarked', reason: 'plan_unavailable' };
        entry.outcome = Promise.resolve(unavailable);
        return unavailable;
      });
    }
    const mark = await (outcome as Promise<ListingMark & { artifactSha256?: string }>);
    if (mark.kind === 'planned' && mark.artifactSha256 !== artifactSha256)
      return { kind: 'unmarked', reason: 'artifact_differs' };
    return mark;
  }

  /** The listing's stored plan, if it has one (attribution uses the plan its copies were served under). */
  async storedPlanOf(listingId: string): Promise<FingerprintPlan | undefined> {
    const record = await findListingFingerprintPlan(this.deps.db, listingId);
    if (record?.state !== 'planned') return undefined;
    return this.decode(record).plan;
  }

  private async loadOrPlan(
    listing: ReleasedListing,
  ): Promise<ListingMark & { artifactSha256?: string }> {
    let record = await findListingFingerprintPlan(this.deps.db, listing.id);
    if (record === undefined) {
      const planned = await this.plan(listing);
      await this.deps.db.transaction((trx) =>
        insertListingFingerprintPlanIfAbsent(trx, this.toRecord(listing, planned)),
      );
      // Read back: another gateway may have stored its plan first; every gateway uses that one.
      record = (await findListingFingerprintPlan(
        this.deps.db,
        listing.id,
      )) as ListingFingerprintPlanRecord;
    }
    return record.state === 'planned'
      ? this.decode(record)
      : { kind: 'unmarked', reason: (record.reason ?? 'release_undescribed') as UnmarkedReason };
  }

  private async plan(listing: ReleasedListing): Promise<PlannedFingerprint> {
    const { artifact, release } = await readListingRelease(this.deps, listing);
    // A report that names no quasi-identifier (older jobs) cannot say which classes to keep.
    if (release.quasiIdentifiers.length === 0 || Object.keys(release.roles).length === 0)
      return {
        kind: 'unmarked',
        rowCount: 0,
        reason: 'release_undescribed',
        detail: "the listing's report names no quasi-identifier or no column role",
      };
    return this.runPlanning({
      artifact,
      release,
      listingKeyHex: (await listingFingerprintKey(this.deps, listing.id)).toString('hex'),
    });
  }

  private toRecord(
    listing: ReleasedListing,
    planned: PlannedFingerprint,
  ): ListingFingerprintPlanRecord {
    const common = {
      listingId: listing.id,
      artifactSha256: listing.artifactSha256,
      scheme: FINGERPRINT_PLAN_SCHEME,
      rowCount: planned.rowCount,
      createdAtMs: this.deps.clock.nowMs(),
    };
    if (planned.kind === 'unmarked')
      return {
        ...common,
        state: 'unmarked',
        reason: planned.reason,
        digest: null,
        slots: 0,
        summaryJson: JSON.stringify({ detail: planned.detail, summary: planned.summary ?? null }),
        sealedPairs: null,
      };
    return {
      ...common,
      state: 'planned',
      reason: null,
      digest: planned.digest,
      slots: planned.first.length,
      summaryJson: JSON.stringify({ summary: planned.summary, worstCase: planned.worstCase }),
      sealedPairs: this.deps.secrets.seal(
        encodePairs(planned.first, planned.second),
        listingFingerprintPlanBinding(listing.id),
      ),
    };
  }

  private decode(record: ListingFingerprintPlanRecord): {
    kind: 'planned';
    plan: FingerprintPlan;
    artifactSha256: string;
  } {
    const { first, second } = decodePairs(
      this.deps.secrets.open(
        record.sealedPairs as string,
        listingFingerprintPlanBinding(record.listingId),
      ),
    );
    const digest = planDigest(record.rowCount, first, second);
    if (record.scheme !== FINGERPRINT_PLAN_SCHEME || digest !== record.digest)
      throw new Error(
        `listing ${record.listingId}'s stored fingerprint plan does not match its digest`,
      );
    const { summary } = JSON.parse(record.summaryJson ?? '{}') as {
      summary: FingerprintPlanSummary;
    };
    return {
      kind: 'planned',
      artifactSha256: record.artifactSha256,
      plan: {
        scheme: FINGERPRINT_PLAN_SCHEME,
        rowCount: record.rowCount,
        first,
        second,
        digest,
        summary,
      },
    };
  }
}

/** The pairs as base64 of `first` then `second`, each uint32 little-endian. */
function encodePairs(first: Uint32Array, second: Uint32Array): string {
  const bytes = Buffer.alloc(8 * first.length);
  first.forEach((row, s) => bytes.writeUInt32LE(row, 4 * s));
  second.forEach((row, s) => bytes.writeUInt32LE(row, 4 * (first.length + s)));
  return bytes.toString('base64');
}

function decodePairs(text: string): { first: Uint32Array; second: Uint32Array } {
  const bytes = Buffer.from(text, 'base64');
  const slots = bytes.length / 8;
  const first = new Uint32Array(slots);
  const second = new Uint32Array(slots);
  for (let s = 0; s < slots; s++) {
    first[s] = bytes.readUInt32LE(4 * s);
    second[s] = bytes.readUInt32LE(4 * (slots + s));
  }
  return { first, second };
}
