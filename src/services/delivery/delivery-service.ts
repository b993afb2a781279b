// Queries and downloads of traded data (seed Art. 18, 21–22): entitlement checked, fingerprinted, logged.
import type { ColumnTable } from 'arquero';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/canonical-json.js';
import type { FINGERPRINT_PLAN_SCHEME } from '../../core/fingerprint/index.js';
import {
  withheldRowsOf,
  rankRowOrderScores,
  rowContents,
  scoreRowOrder,
  scoreSortKeys,
  type Attribution,
} from '../../core/fingerprint/index.js';
import {
  compileQuery,
  identifier,
  isSubtractable,
  joinSql,
  parseQuery,
  unusedName,
  type CompiledQuery,
  type QueryResult,
  type SqlFragment,
} from '../../core/query/index.js';
import { readTable, TableError } from '../../core/table/index.js';
import {
  insertDataAccesses,
  listDataAccess,
  type DataAccessRecord,
} from '../../store/repositories/data-access-log.js';
import {
  findJobReleaseFigures,
  type JobReleaseFigures,
} from '../../store/repositories/anonymization-jobs.js';
import {
  findTrade,
  listTrades,
  type EntitlementRecord,
  type TradeRecord,
} from '../../store/repositories/trades.js';
import { AdmissionQueue, type Release } from '../admission-queue.js';
import { auditBy, recordAudit, recordAudits, type AuditEvent } from '../audit.js';
import { BoundedCache } from '../bounded-cache.js';
import { GroupCommit } from '../group-commit.js';
import type { ServiceDeps } from '../deps.js';
import type { EntitlementService } from '../entitlements/index.js';
import { ListingFingerprintPlans, type UnmarkedCopyReason } from '../fingerprints/index.js';
import { notFound, validationFailed } from '../errors.js';
import { readListingOffer, type ListingOffer } from '../listings/index.js';
import { hasRole, requireRole, type Principal } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { openFingerprintKey } from '../orders/fingerprint-key.js';
import {
  COPY_FORMATS,
  MEDIA_TYPES,
  streamCopy,
  type CopyFormat,
  type CopySpec,
} from './copy-stream.js';
import { withCleanUp } from './with-clean-up.js';
import { keyedRowOrder } from './keyed-row-order.js';
import { leakedCopySortKeys } from './leaked-copy-order.js';
import type { CachedArtifact } from './artifact-cache.js';
import {
  copyRelation,
  entitledSchema,
  exactSumColumns,
  withheldRelation,
} from './served-artifact.js';
import { ServingArtifacts } from './serving-artifacts.js';

/** Aggregate groups smaller than this are never reported, whatever k the artifact was built for. */
export const MINIMUM_REPORTED_GROUP_SIZE = 5;

export interface QueryAnswer extends QueryResult {
  readonly entitlementId: string;
  readonly purpose: string;
  readonly watermark: string;
  readonly minimumGroupSize: number;
}

/** The in-value mark a copy carries (docs/fingerprinting.md), or why it carries none. */
export type CopyFingerprint =
  | {
      readonly scheme: typeof FINGERPRINT_PLAN_SCHEME;
      readonly planDigest: string;
      readonly rowsWithheld: number;
    }
  | { readonly scheme: null; readonly reason: UnmarkedCopyReason };

export interface Download {
  readonly contentType: string;
  readonly filename: string;
  readonly watermark: string;
  /** Rows of the copy: the artifact's, less those the trade's fingerprint withholds. */
  readonly rowCount: number;
  readonly fingerprint: CopyFingerprint;
  readonly chunks: AsyncIterable<Uint8Array>;
}

/** The `Anonex-Fingerprint` header's value: the in-value scheme and how many rows it withholds, or why none. */
export function fingerprintHeader(fingerprint: CopyFingerprint): string {
  return fingerprint.scheme === null
    ? `none; reason=${fingerprint.reason}`
    : `${fingerprint.scheme}; rows-withheld=${fingerprint.rowsWithheld}; plan=${fingerprint.planDigest.slice(0, 16)}`;
}

/** A copy's withheld rows and, built once, the anti-join relation of them (withheldRelation). */
interface WithheldRows {
  readonly rows: Uint32Array;
  readonly relation: SqlFragment | undefined;
}

/** Listings of at least this many rows are prepared for serving when published (prepareListing). */
export const PREPARED_LISTING_ROWS = 100_000;

/** Trades, jobs' k and copies' withheld rows kept in memory (each a few hundred bytes to 40 KB). */
const CACHED_TRADES = 4096;

export class DeliveryService {
  private readonly trades = new BoundedCache<string, TradeRecord>(CACHED_TRADES);
  private readonly jobFigures = new BoundedCache<string, JobReleaseFigures>(CACHED_TRADES);
  /**
   * A trade's withheld rows under one plan (by trade id and plan digest): read-only arrays, with
   * their anti-join relation. The relation's text (every ordinal, comma-separated: tens of
   * thousands on a 5M-row copy) is built once per trade, not on every query: built per query it
   * was half the event loop's time under a query burst (BENCHMARKS.md, serving).
   */
  private readonly withheldRows = new BoundedCache<string, WithheldRows>(CACHED_TRADES);
  /**
   * Queries, and apart from them downloads, under way at once (SERVING_ACCESSES_IN_FLIGHT): the
   * rest wait first in, first out before reading anything, so a burst of a hundred does not put a
   * hundred requests' main-thread work ahead of everything else the event loop serves. Downloads
   * hold a place until their last byte: their own queue, so slow clients never hold up queries.
   */
  private readonly queries: AdmissionQueue;
  private readonly downloads: AdmissionQueue;
  /** The access log and its audit entries, written in groups (one transaction per burst). */
  private readonly accessLog: GroupCommit<{ access: DataAccessRecord; audit: AuditEvent }>;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly entitlements: EntitlementService,
    /** The gateway's query engine and artifact cache (one per gateway; closed with it). */
    readonly serving: ServingArtifacts = new ServingArtifacts(
      deps.config.serving,
      deps.blobs,
      deps.logger,
    ),
    /** Each listing's fingerprint plan (shared with incidents: the plan copies were served under). */
    readonly plans: ListingFingerprintPlans = new ListingFingerprintPlans(deps),
  ) {
    this.queries = new AdmissionQueue(deps.config.servingAccessesInFlight);
    this.downloads = new AdmissionQueue(deps.config.servingAccessesInFlight);
    this.accessLog = new GroupCommit(deps.db, async (trx, entries) => {
      await insertDataAccesses(
        trx,
        entries.map((entry) => entry.access),
      );
      await recordAudits(
        trx,
        entries.map((entry) => entry.audit),
      );
      return entries.map(() => ({ value: undefined }));
    });
  }

  /**
   * Runs a JSON query (core/query) over the trade's copy of the entitled columns in the query
   * engine: compiled to parameterized SQL, groups below k dropped in SQL; rows without an
   * `orderBy` come in the trade's keyed order.
   */
  async queryEntitledData(
    context: RequestContext,
    entitlementId: string,
    query: unknown,
  ): Promise<QueryAnswer> {
    const { entitlement, trade, listing } = await this.authorizeAccess(
      context.principal,
      entitlementId,
    );
    const minimumGroupSize = await this.minimumGroupSizeOf(listing);
    // The engine's part waits its turn (SERVING_ACCESSES_IN_FLIGHT); logging the access does not.
    const result = await this.queries.run(() =>
      this.answerOnCopy({ entitlement, trade, listing }, query, minimumGroupSize),
    );
    await this.logAccess(context, entitlement, trade, {
      kind: 'query',
      format: 'json',
      querySha256: createHash('sha256').update(canonicalJson(query)).digest('hex'),
      rowsDelivered: result.rows.length,
    });
    return {
      ...result,
      entitlementId: entitlement.id,
      purpose: entitlement.purpose,
      watermark: trade.fingerprintWatermark,
      minimumGroupSize,
    };
  }

  /** The answer of `query` on the trade's copy, in the engine. */
  private async answerOnCopy(
    access: { entitlement: EntitlementRecord; trade: TradeRecord; listing: ListingOffer },
    query: unknown,
    minimumGroupSize: number,
  ): Promise<QueryResult> {
    const { entitlement, trade, listing } = access;
    const artifact = await this.serving.open(trade.artifactSha256, listing.artifactFormat);
    let result: QueryResult;
    let withheldRows: CachedArtifact | undefined;
    try {
      const { withheld, withheldAsRelation } = await this.copyFingerprintOf(
        trade,
        listing,
        artifact.rowCount,
      );
      const { schema, served } = entitledSchema(artifact.columns, entitlement.columns);
      const parsed = parseQuery(query, schema);
      const orderKey = unusedName(
        'anonex_row_order',
        new Set(artifact.columns.map((column) => column.name)),
      );
      const exactSums = exactSumColumns(served);
      // A marked copy's count or exact sum is the release's less the withheld rows' (a small file
      // per trade): no anti-join of every row against the withheld set (BENCHMARKS.md, serving).
      if (withheld.length > 0 && isSubtractable(parsed, exactSums))
        withheldRows = await artifact.rowsAt(withheld);
      const compiled = compileQuery(parsed, {
        minimumGroupSize,
        // Row queries and aggregates both read the buyer's copy: no figure reveals a withheld row.
        source: copyRelation(artifact, served, {
          withheld: withheldAsRelation,
          // Aggregates never see row order: the key is computed only for row queries.
          orderKey: parsed.aggregated
            ? undefined
            : {
                name: orderKey,
                expression: keyedRowOrder(openFingerprintKey(this.deps.secrets, trade), served),
              },
        }),
        subtraction: withheldRows && {
          release: copyRelation(artifact, served, { withheld: undefined }),
          withheld: copyRelation({ path: withheldRows.path, ordinal: artifact.ordinal }, served, {
            withheld: undefined,
          }),
          exactSumColumns: exactSums,
        },
        // Equal contents have equal keys: they keep the artifact's order, as v1 did.
        rowOrder: parsed.aggregated
          ? undefined
          : joinSql([identifier(orderKey), identifier(artifact.ordinal)], ', '),
      });
      result = { columns: [...parsed.select], ...(await this.answer(compiled)) };
    } finally {
      withheldRows?.release();
      artifact.release();
    }
    return result;
  }

  /**
   * A fingerprinted copy of the entitled columns in CSV, JSON Lines, Arrow IPC (stream format) or
   * Parquet, streamed from the query engine block by block (copy-stream.ts) in the trade's keyed
   * row order. The artifact stays held in the cache until the stream ends or is abandoned.
   */
  async downloadEntitledData(
    context: RequestContext,
    entitlementId: string,
    format: string,
  ): Promise<Download> {
    if (!(COPY_FORMATS as readonly string[]).includes(format)) {
      throw validationFailed('unknown format', [
        { field: 'format', reason: `want ${COPY_FORMATS.join(', ')}` },
      ]);
    }
    const access = await this.authorizeAccess(context.principal, entitlementId);
    const release = await this.downloads.admit();
    try {
      return await this.startDownload(context, access, format, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  /** The download, whose stream gives its place (`release`) back when it ends or is abandoned. */
  private async startDownload(
    context: RequestContext,
    access: { entitlement: EntitlementRecord; trade: TradeRecord; listing: ListingOffer },
    format: string,
    release: Release,
  ): Promise<Download> {
    const { entitlement, trade, listing } = access;
    const artifact = await this.serving.open(trade.artifactSha256, listing.artifactFormat);
    const { served } = entitledSchema(artifact.columns, entitlement.columns);
    let copy: { withheld: Uint32Array; fingerprint: CopyFingerprint };
    try {
      copy = await this.copyFingerprintOf(trade, listing, artifact.rowCount);
      await this.logAccess(context, entitlement, trade, {
        kind: 'download',
        format,
        querySha256: null,
        rowsDelivered: artifact.rowCount - copy.withheld.length,
      });
    } catch (error) {
      artifact.release();
      throw error;
    }
    const spec: CopySpec = {
      artifact,
      columns: served,
      withheld: copy.withheld,
      orderKey: keyedRowOrder(openFingerprintKey(this.deps.secrets, trade), served),
      artifactRows: artifact.rowCount,
      scratchPath: artifact.scratchPath(),
    };
    // The artifact stays held, and the download's place taken, until the stream ends or is dropped.
    const chunks = withCleanUp(streamCopy(this.serving.engine, spec, format as CopyFormat), () => {
      artifact.release();
      release();
    });
    const extension = format === 'arrow' ? 'arrows' : format;
    return {
      contentType: MEDIA_TYPES[format as CopyFormat],
      filename: `${listing.id}-${trade.id}.${extension}`,
      watermark: trade.fingerprintWatermark,
      rowCount: artifact.rowCount - copy.withheld.length,
      fingerprint: copy.fingerprint,
      chunks,
    };
  }

  /**
   * The access log: providers see every access to their listings, buyers their own organization's,
   * admins everything (seed Art. 18: "every access is logged").
   */
  async listDataAccess(
    principal: Principal,
    side: 'provider' | 'buyer' | 'all',
    request: { listingId?: string; entitlementId?: string; limit?: number; cursor?: string },
  ): Promise<{ items: readonly DataAccessRecord[]; nextCursor: string | null }> {
    if (side === 'all') requireRole(principal, 'admin');
    else requireRole(principal, side);
    const limit = Math.min(Math.max(request.limit ?? 50, 1), 200);
    const beforeId = request.cursor === undefined ? undefined : Number(request.cursor);
    if (beforeId !== undefined && !Number.isSafeInteger(beforeId)) {
      throw validationFailed('bad cursor', [
        { field: 'cursor', reason: 'want a cursor returned by this list' },
      ]);
    }
    const filter = {
      listingId: request.listingId,
      entitlementId: request.entitlementId,
      ...(side === 'provider' ? { providerOrganizationId: principal.organizationId } : {}),
      ...(side === 'buyer' ? { buyerOrganizationId: principal.organizationId } : {}),
    };
    const rows = await listDataAccess(this.deps.db, filter, { limit: limit + 1, beforeId });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
  }

  /**
   * Which trade a leaked copy came from: the provider of the listing (or an admin) submits the
   * copy (CSV, JSON Lines or Arrow); every trade of the listing is scored by its keyed row order.
   */
  async attributeLeakedCopy(
    context: RequestContext,
    listingId: string,
    copy: Uint8Array,
  ): Promise<Attribution> {
    const { principal } = context;
    requireRole(principal, 'provider', 'admin');
    const listing = await readListingOffer(this.deps.db, listingId);
    const mayAsk =
      listing &&
      (hasRole(principal, 'admin') ||
        (listing.organizationId === principal.organizationId && hasRole(principal, 'provider')));
    if (!listing || !mayAsk) throw notFound('listing', listingId);
    let leak: ColumnTable;
    try {
      leak = readTable(copy).table;
    } catch (error) {
      if (!(error instanceof TableError)) throw error;
      throw validationFailed('the copy could not be read as CSV, JSON Lines or Arrow', [
        { field: 'copy', reason: `${error.code}: ${error.message}` },
      ]);
    }
    const trades: TradeRecord[] = [];
    for (let afterId: string | undefined; ;) {
      const page = await listTrades(this.deps.db, { listingId }, { limit: 500, afterId });
      trades.push(...page);
      if (page.length < 500) break;
      afterId = page[page.length - 1].id;
    }
    const keys = trades.map((trade) => openFingerprintKey(this.deps.secrets, trade));
    const artifact = await this.serving.open(listing.artifactSha256, listing.artifactFormat);
    let sortKeys: bigint[][];
    try {
      sortKeys = await leakedCopySortKeys(
        this.serving.engine,
        leak,
        artifact.columns,
        keys,
        artifact.scratchPath(),
      );
    } finally {
      artifact.release();
    }
    // Each trade scored under both orders: v2 (the engine's, downloads since serving moved to it)
    // and v1 (copies delivered before); a copy carries one of them.
    const contents = rowContents(leak);
    const attribution = rankRowOrderScores(
      trades.map((trade, index) => {
        const v2 = scoreSortKeys(sortKeys[index]);
        const v1 = scoreRowOrder(contents, keys[index]);
        return { tradeId: trade.id, ...(v1.score > v2.score ? v1 : v2) };
      }),
    );
    await this.deps.db.transaction((trx) =>
      recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'listing.leak_attributed',
        target: listingId,
        details: {
          verdict: attribution.verdict,
          tradeId: attribution.tradeId ?? null,
          rows: contents.length,
        },
      }),
    );
    return attribution;
  }

  /**
   * The rows the trade's copy withholds under its listing's plan (made on the listing's first
   * access), or none, with the reason, when the listing's copies carry no in-value mark. Never
   * refuses a copy: a plan that does not fit the served artifact leaves it unmarked (and is logged).
   */
  /**
   * Rows and totals of a compiled query: an aggregate in one scan of the copy (compileQuery's
   * `answer`, the totals on every row), falling back to the totals query when no group is on the
   * page; a row query as its two statements.
   */
  private async answer(
    compiled: CompiledQuery,
  ): Promise<Pick<QueryResult, 'rows' | 'matchedRows' | 'suppressedGroups'>> {
    const engine = this.serving.engine;
    if (compiled.answer) {
      const answered = await engine.all(compiled.answer);
      if (answered.length > 0)
        return {
          rows: answered.map((row) => row.slice(0, -2)),
          matchedRows: Number(answered[0].at(-2)),
          suppressedGroups: Number(answered[0].at(-1)),
        };
      const [[matched, suppressed]] = await engine.all(compiled.totals);
      return { rows: [], matchedRows: Number(matched), suppressedGroups: Number(suppressed) };
    }
    const [rows, totals] = await Promise.all([
      engine.all(compiled.rows),
      engine.all(compiled.totals),
    ]);
    return { rows, matchedRows: Number(totals[0][0]), suppressedGroups: Number(totals[0][1]) };
  }

  private async copyFingerprintOf(
    trade: TradeRecord,
    listing: ListingOffer,
    artifactRows: number,
  ): Promise<{
    withheld: Uint32Array;
    withheldAsRelation: SqlFragment | undefined;
    fingerprint: CopyFingerprint;
  }> {
    const mark = await this.plans.markOf(listing, trade.artifactSha256);
    const unmarked = (reason: UnmarkedCopyReason) => ({
      withheld: new Uint32Array(0),
      withheldAsRelation: undefined,
      fingerprint: { scheme: null, reason } as const,
    });
    if (mark.kind === 'unmarked') return unmarked(mark.reason);
    if (mark.plan.rowCount !== artifactRows) {
      this.deps.logger.error(
        { listingId: listing.id, planRows: mark.plan.rowCount, artifactRows },
        'the fingerprint plan does not fit the served artifact: copies go unmarked',
      );
      return unmarked('artifact_differs');
    }
    const cacheKey = `${trade.id}\n${mark.plan.digest}`;
    let withheld = this.withheldRows.get(cacheKey);
    if (withheld === undefined) {
      const rows = withheldRowsOf(mark.plan, openFingerprintKey(this.deps.secrets, trade));
      withheld = { rows, relation: withheldRelation(rows) };
      this.withheldRows.set(cacheKey, withheld);
    }
    return {
      withheld: withheld.rows,
      withheldAsRelation: withheld.relation,
      fingerprint: {
        scheme: mark.plan.scheme,
        planDigest: mark.plan.digest,
        rowsWithheld: withheld.rows.length,
      },
    };
  }

  /**
   * The entitlement, its trade and listing, once the principal may access the data. The entitlement
   * and the listing are read on every access (a suspension or revocation takes effect at once);
   * the trade never changes once written, so it is kept.
   */
  private async authorizeAccess(
    principal: Principal,
    entitlementId: string,
  ): Promise<{ entitlement: EntitlementRecord; trade: TradeRecord; listing: ListingOffer }> {
    const { entitlement, listing } = await this.entitlements.authorizeDelivery(
      principal,
      entitlementId,
    );
    const trade = await this.trades.getOrLoad(entitlement.tradeId, () =>
      findTrade(this.deps.db, entitlement.tradeId),
    );
    if (!trade) throw notFound('entitlement', entitlementId);
    return { entitlement, trade, listing };
  }

  /** The k a listing's job was built for, and its rows (a succeeded job's summary never changes). */
  private async jobFiguresOf(listing: ListingOffer): Promise<JobReleaseFigures> {
    return (
      (await this.jobFigures.getOrLoad(listing.jobId, () =>
        findJobReleaseFigures(this.deps.db, listing.jobId),
      )) ?? {}
    );
  }

  private async minimumGroupSizeOf(listing: ListingOffer): Promise<number> {
    return Math.max(MINIMUM_REPORTED_GROUP_SIZE, (await this.jobFiguresOf(listing)).k ?? 0);
  }

  /**
   * Prepares a just-published listing for its first buyer, in the background: the fingerprint plan
   * (stored, for every gateway) and this gateway's serving copy — together seconds per million
   * rows that the first query would otherwise wait for. Smaller releases are prepared on first
   * access as before. Never throws: a failure is logged and the first access tries again.
   */
  async prepareListing(listingId: string): Promise<void> {
    try {
      const listing = await readListingOffer(this.deps.db, listingId);
      if (listing?.state !== 'published') return;
      const rows = (await this.jobFiguresOf(listing)).rows ?? 0;
      if (rows < PREPARED_LISTING_ROWS) return;
      const artifact = await this.serving.open(listing.artifactSha256, listing.artifactFormat);
      artifact.release();
      await this.plans.markOf(listing, listing.artifactSha256);
    } catch (error) {
      this.deps.logger.warn({ err: error, listingId }, 'listing not prepared for serving');
    }
  }

  /** Logs an access (seed Art. 18) with its audit entry; concurrent accesses commit together. */
  private async logAccess(
    context: RequestContext,
    entitlement: EntitlementRecord,
    trade: TradeRecord,
    access: Pick<DataAccessRecord, 'kind' | 'format' | 'querySha256' | 'rowsDelivered'>,
  ): Promise<void> {
    await this.accessLog.add({
      access: {
        entitlementId: entitlement.id,
        tradeId: trade.id,
        listingId: entitlement.listingId,
        providerOrganizationId: entitlement.providerOrganizationId,
        buyerOrganizationId: entitlement.buyerOrganizationId,
        memberId: context.principal.memberId,
        purpose: entitlement.purpose,
        kind: access.kind,
        format: access.format,
        querySha256: access.querySha256,
        rowsDelivered: access.rowsDelivered,
        requestId: context.requestId,
        atMs: this.deps.clock.nowMs(),
      },
      audit: {
        ...auditBy(context, this.deps.clock),
        action: access.kind === 'query' ? 'data.queried' : 'data.downloaded',
        target: entitlement.id,
        details: {
          tradeId: trade.id,
          purpose: entitlement.purpose,
          format: access.format,
          rows: access.rowsDelivered,
        },
      },
    });
  }
}
