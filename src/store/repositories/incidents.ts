// Repository of leak incidents (table `incidents`): rows to records and back, no rules.
import type { IncidentResolution, IncidentState } from '../../domain/index.js';
import type { Queryable } from '../db.js';
import { fromJsonColumn, toJsonColumn } from './workflow-columns.js';

export interface IncidentRecord {
  readonly id: string;
  readonly listingId: string;
  readonly providerOrganizationId: string;
  readonly filedBy: string;
  readonly filedByOrganizationId: string;
  readonly filedAs: 'provider' | 'authority';
  readonly state: IncidentState;
  readonly description: string;
  readonly leakedSha256: string;
  readonly leakedSizeBytes: number;
  readonly leakedFormat: string;
  readonly leakedFilename: string | null;
  /** The attribution as the service stored it (its own JSON shape). */
  readonly attribution: unknown;
  readonly attributedTradeId: string | null;
  readonly attributedBuyerOrganizationId: string | null;
  readonly attributedAtMs: number | null;
  readonly suspendedEntitlementIds: readonly string[] | null;
  readonly suspendedAtMs: number | null;
  readonly resolution: IncidentResolution | null;
  readonly resolutionNote: string | null;
  readonly closedBy: string | null;
  readonly closedAtMs: number | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

interface IncidentRow {
  id: string;
  listing_id: string;
  provider_organization_id: string;
  filed_by: string;
  filed_by_organization_id: string;
  filed_as: 'provider' | 'authority';
  state: IncidentState;
  description: string;
  leaked_sha256: string;
  leaked_size_bytes: number;
  leaked_format: string;
  leaked_filename: string | null;
  attribution_json: string | null;
  attributed_trade_id: string | null;
  attributed_buyer_organization_id: string | null;
  attributed_at_ms: number | null;
  suspended_entitlements_json: string | null;
  suspended_at_ms: number | null;
  resolution: IncidentResolution | null;
  resolution_note: string | null;
  closed_by: string | null;
  closed_at_ms: number | null;
  created_at_ms: number;
  updated_at_ms: number;
}

const msOrNull = (value: number | null) => (value === null ? null : Number(value));

const toIncident = (row: IncidentRow): IncidentRecord => ({
  id: row.id,
  listingId: row.listing_id,
  providerOrganizationId: row.provider_organization_id,
  filedBy: row.filed_by,
  filedByOrganizationId: row.filed_by_organization_id,
  filedAs: row.filed_as,
  state: row.state,
  description: row.description,
  leakedSha256: row.leaked_sha256,
  leakedSizeBytes: Number(row.leaked_size_bytes),
  leakedFormat: row.leaked_format,
  leakedFilename: row.leaked_filename,
  attribution: fromJsonColumn(row.attribution_json),
  attributedTradeId: row.attributed_trade_id,
  attributedBuyerOrganizationId: row.attributed_buyer_organization_id,
  attributedAtMs: msOrNull(row.attributed_at_ms),
  suspendedEntitlementIds: fromJsonColumn(row.suspended_entitlements_json) as string[] | null,
  suspendedAtMs: msOrNull(row.suspended_at_ms),
  resolution: row.resolution,
  resolutionNote: row.resolution_note,
  closedBy: row.closed_by,
  closedAtMs: msOrNull(row.closed_at_ms),
  createdAtMs: Number(row.created_at_ms),
  updatedAtMs: Number(row.updated_at_ms),
});

const toRow = (incident: IncidentRecord): IncidentRow => ({
  id: incident.id,
  listing_id: incident.listingId,
  provider_organization_id: incident.providerOrganizationId,
  filed_by: incident.filedBy,
  filed_by_organization_id: incident.filedByOrganizationId,
  filed_as: incident.filedAs,
  state: incident.state,
  description: incident.description,
  leaked_sha256: incident.leakedSha256,
  leaked_size_bytes: incident.leakedSizeBytes,
  leaked_format: incident.leakedFormat,
  leaked_filename: incident.leakedFilename,
  attribution_json: incident.attribution === null ? null : toJsonColumn(incident.attribution),
  attributed_trade_id: incident.attributedTradeId,
  attributed_buyer_organization_id: incident.attributedBuyerOrganizationId,
  attributed_at_ms: incident.attributedAtMs,
  suspended_entitlements_json:
    incident.suspendedEntitlementIds === null
      ? null
      : toJsonColumn(incident.suspendedEntitlementIds),
  suspended_at_ms: incident.suspendedAtMs,
  resolution: incident.resolution,
  resolution_note: incident.resolutionNote,
  closed_by: incident.closedBy,
  closed_at_ms: incident.closedAtMs,
  created_at_ms: incident.createdAtMs,
  updated_at_ms: incident.updatedAtMs,
});

export async function insertIncident(db: Queryable, incident: IncidentRecord): Promise<void> {
  await db('incidents').insert(toRow(incident));
}

export async function findIncident(db: Queryable, id: string): Promise<IncidentRecord | undefined> {
  const row = (await db('incidents').where({ id }).first()) as IncidentRow | undefined;
  return row === undefined ? undefined : toIncident(row);
}

/**
 * Writes `next` over the row if it is still in state `from` (a concurrent transition loses);
 * returns whether it did.
 */
export async function updateIncidentIfState(
  db: Queryable,
  from: IncidentState,
  next: IncidentRecord,
): Promise<boolean> {
  const { id, ...changes } = toRow(next);
  const count = await db('incidents').where({ id, state: from }).update(changes);
  return Number(count) === 1;
}

export interface IncidentFilter {
  readonly providerOrganizationId?: string;
  readonly attributedBuyerOrganizationId?: string;
  readonly listingId?: string;
  readonly state?: IncidentState;
}

/** A page of incidents by id, after `afterId`. */
export async function listIncidents(
  db: Queryable,
  filter: IncidentFilter,
  page: { readonly limit: number; readonly afterId?: string },
): Promise<IncidentRecord[]> {
  const query = db('incidents').orderBy('id').limit(page.limit);
  if (filter.providerOrganizationId)
    query.where('provider_organization_id', filter.providerOrganizationId);
  if (filter.attributedBuyerOrganizationId)
    query.where('attributed_buyer_organization_id', filter.attributedBuyerOrganizationId);
  if (filter.listingId) query.where('listing_id', filter.listingId);
  if (filter.state) query.where('state', filter.state);
  if (page.afterId) query.where('id', '>', page.afterId);
  return ((await query) as IncidentRow[]).map(toIncident);
}

/** One ledger event of an incident: its outbox id, and its leaf once the sequencer placed it. */
export interface IncidentLedgerEvent {
  readonly kind: string;
  readonly outboxId: number;
  readonly leafIndex: number | null;
  readonly recordedAtMs: number;
}

/** The incident's ledger events (`incident.*` entries naming it), in the order they were recorded. */
export async function selectIncidentLedgerEvents(
  db: Queryable,
  incidentId: string,
): Promise<IncidentLedgerEvent[]> {
  const rows = (await db('ledger_outbox')
    .select('id', 'kind', 'entry_json', 'leaf_index', 'recorded_at_ms')
    .where('kind', 'like', 'incident.%')
    // The id appears in the canonical JSON as is; the exact match is checked on the parsed entry.
    .andWhere('entry_json', 'like', `%${incidentId}%`)
    .orderBy('id')) as {
    id: number;
    kind: string;
    entry_json: string;
    leaf_index: number | string | null;
    recorded_at_ms: number | string;
  }[];
  return rows
    .filter(
      (row) => (JSON.parse(row.entry_json) as { incident_id?: unknown }).incident_id === incidentId,
    )
    .map((row) => ({
      kind: row.kind,
      outboxId: Number(row.id),
      leafIndex: row.leaf_index === null ? null : Number(row.leaf_index),
      recordedAtMs: Number(row.recorded_at_ms),
    }));
}
