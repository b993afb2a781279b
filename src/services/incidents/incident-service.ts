// Leak incidents (issue 19; seed Art. 18, 49–50): a provider (for its listings) or the exchange files
// a suspected leaked copy; attribution scores every trade of the listing in the engine's worker;
// the exchange suspends the named buyer's entitlements and closes the incident. Every step is one
// transaction with its audit row, its ledger entry and the parties' notifications.
import { INCIDENT_RESOLUTIONS, type IncidentResolution } from '../../domain/index.js';
import { FingerprintError } from '../../core/fingerprint/index.js';
import { isAnonexError } from '../../core/errors.js';
import type { TableFormat } from '../../core/table/index.js';
import type { BlobContent } from '../../store/blob-store.js';
import type { Transaction } from '../../store/db.js';
import {
  findIncident,
  insertIncident,
  listIncidents,
  selectIncidentLedgerEvents,
  updateIncidentIfState,
  type IncidentLedgerEvent,
  type IncidentRecord,
} from '../../store/repositories/incidents.js';
import { findListing, type ListingRecord } from '../../store/repositories/listings.js';
import { findEntitlement, listEntitlements, listTrades } from '../../store/repositories/trades.js';
import { auditBy, recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { attributeLeakInWorker } from '../engine/engine-thread.js';
import type { LeakAttributionRequest } from '../engine/attribute-leaked-table.js';
import {
  resumeEntitlementInTransaction,
  revokeEntitlementInTransaction,
  suspendEntitlementInTransaction,
} from '../entitlements/index.js';
import { invalidTransition, notFound, validationFailed } from '../errors.js';
import { publishEvent } from '../events/index.js';
import { recordLedgerEvent } from '../ledger-outbox.js';
import { openFingerprintKey } from '../orders/fingerprint-key.js';
import { collectAllPages, pageLimit, toPage, type Page, type PageRequest } from '../page.js';
import { hasRole, requireRole, type Principal } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { nextIncidentState } from './incident-state.js';
import {
  toAttributionView,
  toBuyerIncidentView,
  toIncidentView,
  type BuyerIncidentView,
  type IncidentView,
} from './incident-view.js';
import {
  ListingFingerprintPlans,
  listingFingerprintKey,
  readListingRelease,
} from '../fingerprints/index.js';
import type { LeakAttribution } from '../../core/fingerprint/index.js';
import { ServingArtifacts } from '../delivery/serving-artifacts.js';
import { blobHead, parquetCopyAsCsv, startsAsParquet } from './parquet-copy.js';

/** What a leaked copy may be filed as: a table the readers read, or Parquet (decoded by DuckDB). */
export type LeakedCopyFormat = TableFormat | 'parquet';

/** The largest leaked copy an incident accepts (it is read whole by the engine's worker). */
export const MAX_LEAKED_COPY_BYTES = 256 * 1024 * 1024;
const MAX_DESCRIPTION_CHARS = 4000;

/** Runs one attribution off the event loop; tests may substitute it. */
export type LeakAttributionRunner = (request: LeakAttributionRequest) => Promise<LeakAttribution>;

export interface FileIncidentInput {
  readonly listingId: string;
  readonly description: string;
  /** The file as uploaded (streamed into the store, at most MAX_LEAKED_COPY_BYTES: else 413). */
  readonly leakedCopy: BlobContent;
  /** As declared; a copy starting with Parquet's magic is recorded as `parquet` whatever it says. */
  readonly format: LeakedCopyFormat;
  readonly filename?: string;
}

const trimmed = (text: unknown) => (typeof text === 'string' ? text.trim() : '');

export class IncidentService {
  private readonly runAttribution: LeakAttributionRunner;

  constructor(
    private readonly deps: ServiceDeps,
    runAttribution?: LeakAttributionRunner,
    /** The listings' fingerprint plans (delivery's: attribution reads the plan copies were served under). */
    private readonly plans: ListingFingerprintPlans = new ListingFingerprintPlans(deps),
    /** The gateway's DuckDB (delivery's), which decodes a Parquet copy; its engine opens on first use. */
    private readonly serving: ServingArtifacts = new ServingArtifacts(
      deps.config.serving,
      deps.blobs,
      deps.logger,
    ),
  ) {
    this.runAttribution =
      runAttribution ??
      ((request) =>
        attributeLeakInWorker(request, deps.blobs.workerSpec(), deps.config.jobMemoryMb));
  }

  /** The listing's provider (its own listing) or an admin files; anyone else finds no listing. */
  async fileIncident(context: RequestContext, input: FileIncidentInput): Promise<IncidentView> {
    const { principal } = context;
    requireRole(principal, 'provider', 'admin');
    const listing = await findListing(this.deps.db, input.listingId);
    const filedAs = listing === undefined ? undefined : filerRole(principal, listing);
    if (listing === undefined || filedAs === undefined) throw notFound('listing', input.listingId);
    const description = trimmed(input.description);
    if (description.length === 0 || description.length > MAX_DESCRIPTION_CHARS)
      throw validationFailed('an incident needs a description', [
        {
          field: 'description',
          reason: `1 to ${MAX_DESCRIPTION_CHARS} characters`,
          ...(description.length === 0
            ? { code: 'required' as const }
            : { code: 'too_long' as const, params: { max: MAX_DESCRIPTION_CHARS } }),
        },
      ]);
    // Kept encrypted like an upload: a leaked copy is personal data until shown otherwise.
    const stored = await this.deps.blobs.put(input.leakedCopy, {
      raw: true,
      maxBytes: MAX_LEAKED_COPY_BYTES,
    });
    if (stored.sizeBytes === 0)
      throw validationFailed('the leaked copy is empty', [
        { field: 'body', reason: 'empty', code: 'required' },
      ]);
    // A Parquet download filed as "CSV" (the console guesses from the file name) is still Parquet.
    const format: LeakedCopyFormat = startsAsParquet(
      await blobHead(this.deps.blobs, stored.sha256, true),
    )
      ? 'parquet'
      : input.format;
    const nowMs = this.deps.clock.nowMs();
    const incident: IncidentRecord = {
      id: this.deps.ids.newId('inc'),
      listingId: listing.id,
      providerOrganizationId: listing.organizationId,
      filedBy: principal.memberId,
      filedByOrganizationId: principal.organizationId,
      filedAs,
      state: 'filed',
      description,
      leakedSha256: stored.sha256,
      leakedSizeBytes: stored.sizeBytes,
      leakedFormat: format,
      leakedFilename: input.filename?.slice(0, 255) ?? null,
      attribution: null,
      attributedTradeId: null,
      attributedBuyerOrganizationId: null,
      attributedAtMs: null,
      suspendedEntitlementIds: null,
      suspendedAtMs: null,
      resolution: null,
      resolutionNote: null,
      closedBy: null,
      closedAtMs: null,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    };
    await this.deps.db.transaction(async (trx) => {
      await insertIncident(trx, incident);
      await recordLedgerEvent(trx, this.deps.clock, {
        kind: 'incident.filed',
        ...publicFieldsOf(incident),
        filed_as: filedAs,
        leaked_copy_sha256: stored.sha256,
      });
      await this.audit(trx, context, incident, 'incident.filed', { filedAs });
      await publishEvent(trx, this.deps.clock, {
        kind: 'incident.filed',
        organizationIds: [listing.organizationId],
        subjectId: incident.id,
        payload: { incidentId: incident.id, listingId: listing.id, filedAs },
      });
    });
    return toIncidentView(incident, filedAs);
  }

  /**
   * Scores every trade of the listing against the leaked copy in the engine's worker thread, then
   * records the verdict. A copy with no column of the listing is `validation_failed`.
   */
  async attributeIncident(context: RequestContext, id: string): Promise<IncidentView> {
    const { incident, audience } = await this.readAsFiler(context.principal, id);
    nextIncidentState(incident.state, 'attribute');
    const listing = (await findListing(this.deps.db, incident.listingId)) as ListingRecord;
    const trades = await collectAllPages((cursor) =>
      listTrades(this.deps.db, { listingId: listing.id }, { limit: 201, afterId: cursor }).then(
        (rows) => toPage(rows, 200, (row) => row.id),
      ),
    );
    const mark = await this.plans.markOf(listing, listing.artifactSha256);
    const request: LeakAttributionRequest = {
      ...(await readListingRelease(this.deps, listing)),
      ...(mark.kind === 'planned' ? { plan: mark.plan } : {}),
      leaked: await this.leakedTableOf(incident),
      listingKeyHex: (await listingFingerprintKey(this.deps, listing.id)).toString('hex'),
      candidates: trades.map((trade) => ({
        tradeId: trade.id,
        keyHex: openFingerprintKey(this.deps.secrets, trade).toString('hex'),
      })),
    };
    const attribution = toAttributionView(await this.attributeOrRefuse(request));
    const named = trades.find((trade) => trade.id === attribution.tradeId);
    const nowMs = this.deps.clock.nowMs();
    const next: IncidentRecord = {
      ...incident,
      state: 'attributed',
      attribution,
      attributedTradeId: named?.id ?? null,
      attributedBuyerOrganizationId: named?.buyerOrganizationId ?? null,
      attributedAtMs: nowMs,
      updatedAtMs: nowMs,
    };
    const own = attribution.ranking.find((score) => score.tradeId === named?.id);
    await this.transition(incident, next, async (trx) => {
      await recordLedgerEvent(trx, this.deps.clock, {
        kind: 'incident.attributed',
        ...publicFieldsOf(incident),
        verdict: attribution.verdict,
        trade_id: named?.id,
        buyer_organization_id: named?.buyerOrganizationId,
        false_accusation_probability: own?.falseAccusationProbability,
      });
      await this.audit(trx, context, incident, 'incident.attributed', {
        verdict: attribution.verdict,
        tradeId: named?.id ?? null,
      });
      await publishEvent(trx, this.deps.clock, {
        kind: 'incident.attributed',
        organizationIds: [incident.providerOrganizationId],
        subjectId: incident.id,
        payload: {
          incidentId: incident.id,
          listingId: incident.listingId,
          verdict: attribution.verdict,
          tradeId: named?.id ?? null,
        },
      });
      // The buyer learns that an incident concerns its trade, not what was found or where.
      if (named !== undefined)
        await publishEvent(trx, this.deps.clock, {
          kind: 'incident.attributed',
          organizationIds: [named.buyerOrganizationId],
          subjectId: incident.id,
          payload: { incidentId: incident.id, listingId: incident.listingId, tradeId: named.id },
        });
    });
    return toIncidentView(next, audience);
  }

  /**
   * The exchange suspends every active entitlement the named buyer holds on the listing: access is
   * refused (`entitlement_suspended`) until the incident closes, which resumes or revokes them.
   */
  async suspendEntitlements(
    context: RequestContext,
    id: string,
    input: { reason?: unknown },
  ): Promise<IncidentView> {
    requireRole(context.principal, 'admin');
    const reason = trimmed(input.reason);
    if (reason.length === 0)
      throw validationFailed('a suspension needs a reason', [
        { field: 'reason', reason: 'missing', code: 'required' },
      ]);
    const { incident } = await this.readAsFiler(context.principal, id);
    nextIncidentState(incident.state, 'suspend');
    const buyerOrganizationId = incident.attributedBuyerOrganizationId;
    if (buyerOrganizationId === null)
      throw invalidTransition('incident', 'unattributed', 'suspend');
    const nowMs = this.deps.clock.nowMs();
    const view = await this.deps.db.transaction(async (trx) => {
      const held = await listEntitlements(
        trx,
        { buyerOrganizationId, listingId: incident.listingId },
        { limit: 1000 },
      );
      const suspended: string[] = [];
      for (const entitlement of held) {
        const held = await suspendEntitlementInTransaction(
          trx,
          this.deps.clock,
          context,
          entitlement,
          { incidentId: id, reason: `incident ${incident.id}: ${reason}` },
        );
        if (held !== undefined) suspended.push(held.id);
      }
      const next: IncidentRecord = {
        ...incident,
        state: 'suspended',
        suspendedEntitlementIds: suspended,
        suspendedAtMs: nowMs,
        updatedAtMs: nowMs,
      };
      await this.transitionIn(trx, incident, next);
      await recordLedgerEvent(trx, this.deps.clock, {
        kind: 'incident.suspended',
        ...publicFieldsOf(incident),
        trade_id: incident.attributedTradeId,
        buyer_organization_id: buyerOrganizationId,
        entitlement_ids: suspended,
      });
      await this.audit(trx, context, incident, 'incident.suspended', { entitlements: suspended });
      await publishEvent(trx, this.deps.clock, {
        kind: 'incident.suspended',
        organizationIds: [incident.providerOrganizationId, buyerOrganizationId],
        subjectId: incident.id,
        payload: {
          incidentId: incident.id,
          listingId: incident.listingId,
          tradeId: incident.attributedTradeId,
          entitlementIds: suspended,
        },
      });
      return toIncidentView(next, 'authority');
    });
    return view;
  }

  /**
   * The exchange closes the incident with a resolution (and a note for the parties). The
   * entitlements it suspended are revoked on `leak_confirmed` and resumed on any other resolution,
   * in the same transaction; their expiry is not extended.
   */
  async closeIncident(
    context: RequestContext,
    id: string,
    input: { resolution: IncidentResolution; note?: unknown },
  ): Promise<IncidentView> {
    requireRole(context.principal, 'admin');
    if (!INCIDENT_RESOLUTIONS.includes(input.resolution))
      throw validationFailed('unknown resolution', [
        {
          field: 'resolution',
          reason: `want ${INCIDENT_RESOLUTIONS.join(', ')}`,
          code: 'not_allowed',
          params: { allowed: INCIDENT_RESOLUTIONS.join(', ') },
        },
      ]);
    const { incident } = await this.readAsFiler(context.principal, id);
    nextIncidentState(incident.state, 'close');
    const note = trimmed(input.note);
    const nowMs = this.deps.clock.nowMs();
    const next: IncidentRecord = {
      ...incident,
      state: 'closed',
      resolution: input.resolution,
      resolutionNote: note.length > 0 ? note.slice(0, MAX_DESCRIPTION_CHARS) : null,
      closedBy: context.principal.memberId,
      closedAtMs: nowMs,
      updatedAtMs: nowMs,
    };
    const buyer = incident.attributedBuyerOrganizationId;
    await this.transition(incident, next, async (trx) => {
      await this.settleSuspension(trx, context, incident, input.resolution);
      await recordLedgerEvent(trx, this.deps.clock, {
        kind: 'incident.closed',
        ...publicFieldsOf(incident),
        resolution: input.resolution,
        buyer_organization_id: buyer ?? undefined,
      });
      await this.audit(trx, context, incident, 'incident.closed', {
        resolution: input.resolution,
      });
      await publishEvent(trx, this.deps.clock, {
        kind: 'incident.closed',
        organizationIds:
          buyer === null
            ? [incident.providerOrganizationId]
            : [incident.providerOrganizationId, buyer],
        subjectId: incident.id,
        payload: {
          incidentId: incident.id,
          listingId: incident.listingId,
          resolution: input.resolution,
        },
      });
    });
    return toIncidentView(next, 'authority');
  }

  /** The listing's provider and admins see it whole; the named buyer sees its own view. */
  async getIncident(principal: Principal, id: string): Promise<IncidentView | BuyerIncidentView> {
    const incident = await findIncident(this.deps.db, id);
    if (incident !== undefined) {
      const audience = audienceOf(principal, incident);
      if (audience !== undefined) return toIncidentView(incident, audience);
      if (isNamedBuyer(principal, incident)) return toBuyerIncidentView(incident);
    }
    throw notFound('incident', id);
  }

  /** The incident's ledger events, for those who see it whole (its provider, admins). */
  async ledgerEventsOf(principal: Principal, id: string): Promise<IncidentLedgerEvent[]> {
    const { incident } = await this.readAsFiler(principal, id);
    return selectIncidentLedgerEvents(this.deps.db, incident.id);
  }

  /** `provider`: incidents on own listings; `buyer`: those naming own trades; `all`: admins. */
  async listIncidents(
    principal: Principal,
    side: 'provider' | 'buyer' | 'all',
    request: PageRequest & { listingId?: string },
  ): Promise<Page<IncidentView | BuyerIncidentView>> {
    if (side === 'all') requireRole(principal, 'admin');
    else requireRole(principal, side);
    const limit = pageLimit(request);
    const filter =
      side === 'provider'
        ? { providerOrganizationId: principal.organizationId, listingId: request.listingId }
        : side === 'buyer'
          ? {
              attributedBuyerOrganizationId: principal.organizationId,
              listingId: request.listingId,
            }
          : { listingId: request.listingId };
    const rows = await listIncidents(this.deps.db, filter, {
      limit: limit + 1,
      afterId: request.cursor,
    });
    const page = toPage(rows, limit, (row) => row.id);
    return {
      items: page.items.map((row) =>
        side === 'buyer'
          ? toBuyerIncidentView(row)
          : toIncidentView(row, side === 'all' ? 'authority' : 'provider'),
      ),
      nextCursor: page.nextCursor,
    };
  }

  /** The incident, for its listing's provider or an admin; anyone else finds none. */
  private async readAsFiler(
    principal: Principal,
    id: string,
  ): Promise<{ incident: IncidentRecord; audience: 'provider' | 'authority' }> {
    const incident = await findIncident(this.deps.db, id);
    const audience = incident === undefined ? undefined : audienceOf(principal, incident);
    if (incident === undefined || audience === undefined) throw notFound('incident', id);
    return { incident, audience };
  }

  /** The copy as the attribution's readers take it: the stored blob, or a Parquet copy's CSV. */
  private async leakedTableOf(incident: IncidentRecord): Promise<LeakAttributionRequest['leaked']> {
    const blob = { sha256: incident.leakedSha256, raw: true, sizeBytes: incident.leakedSizeBytes };
    if (incident.leakedFormat !== 'parquet')
      return { blob, format: incident.leakedFormat as TableFormat };
    const content = await parquetCopyAsCsv(
      this.serving,
      this.deps.blobs,
      { ...blob, filename: incident.leakedFilename },
      MAX_LEAKED_COPY_BYTES,
    );
    return { content, format: 'csv' };
  }

  private async attributeOrRefuse(request: LeakAttributionRequest): Promise<LeakAttribution> {
    try {
      return await this.runAttribution(request);
    } catch (error) {
      // A copy that is not a table, or shares no column with the listing, is the filer's input.
      if (
        (error instanceof FingerprintError || isAnonexError(error)) &&
        (error.area === 'table' || error.code === 'fingerprint_no_matching_columns')
      )
        throw validationFailed(`the leaked copy cannot be attributed: ${error.message}`, [
          { field: 'leakedCopy', reason: error.code },
        ]);
      throw error;
    }
  }

  /** Revokes (leak confirmed) or resumes the entitlements the incident suspended. */
  private async settleSuspension(
    trx: Transaction,
    context: RequestContext,
    incident: IncidentRecord,
    resolution: IncidentResolution,
  ): Promise<void> {
    const reason = `incident ${incident.id} closed: ${resolution}`;
    for (const entitlementId of incident.suspendedEntitlementIds ?? []) {
      const entitlement = await findEntitlement(trx, entitlementId);
      if (entitlement === undefined) continue;
      if (resolution === 'leak_confirmed')
        await revokeEntitlementInTransaction(trx, this.deps.clock, context, entitlement, {
          reason,
          revokedAs: 'authority',
          incidentId: incident.id,
        });
      else
        await resumeEntitlementInTransaction(trx, this.deps.clock, context, entitlement, {
          incidentId: incident.id,
          reason,
        });
    }
  }

  /** Runs `effects` with the state change in one transaction. */
  private async transition(
    from: IncidentRecord,
    next: IncidentRecord,
    effects: (trx: Transaction) => Promise<void>,
  ): Promise<void> {
    await this.deps.db.transaction(async (trx) => {
      await this.transitionIn(trx, from, next);
      await effects(trx);
    });
  }

  /** Writes `next` if the incident is still as read; a concurrent transition loses with 409. */
  private async transitionIn(
    trx: Transaction,
    from: IncidentRecord,
    next: IncidentRecord,
  ): Promise<void> {
    if (!(await updateIncidentIfState(trx, from.state, next))) {
      const current = await findIncident(trx, from.id);
      throw invalidTransition('incident', current?.state ?? from.state, next.state);
    }
  }

  private async audit(
    trx: Transaction,
    context: RequestContext,
    incident: IncidentRecord,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(trx, {
      ...auditBy(context, this.deps.clock),
      organizationId: incident.providerOrganizationId,
      action,
      target: incident.id,
      details: { listingId: incident.listingId, ...details },
    });
  }
}

/** What every ledger entry of an incident shows in the clear (docs/ledger-privacy.md). */
function publicFieldsOf(incident: IncidentRecord) {
  return {
    incident_id: incident.id,
    listing_id: incident.listingId,
    provider_organization_id: incident.providerOrganizationId,
  };
}

/** `provider` for the listing's own provider, `authority` for an admin, else undefined. */
function filerRole(
  principal: Principal,
  listing: ListingRecord,
): 'provider' | 'authority' | undefined {
  if (hasRole(principal, 'provider') && principal.organizationId === listing.organizationId)
    return 'provider';
  return hasRole(principal, 'admin') ? 'authority' : undefined;
}

function audienceOf(
  principal: Principal,
  incident: IncidentRecord,
): 'provider' | 'authority' | undefined {
  if (hasRole(principal, 'admin')) return 'authority';
  if (
    hasRole(principal, 'provider') &&
    principal.organizationId === incident.providerOrganizationId
  )
    return 'provider';
  return undefined;
}

function isNamedBuyer(principal: Principal, incident: IncidentRecord): boolean {
  return (
    hasRole(principal, 'buyer') &&
    incident.attributedBuyerOrganizationId !== null &&
    incident.attributedBuyerOrganizationId === principal.organizationId
  );
}
