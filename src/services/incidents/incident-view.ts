// What each party sees of an incident: the listing's provider and the exchange see it whole; the
// buyer whose trade it names sees that it concerns its trade and how strongly, never the leaked copy.
import type { IncidentResolution, IncidentState } from '../../domain/index.js';
import type { LeakAttribution } from '../../core/fingerprint/index.js';
import type { IncidentRecord } from '../../store/repositories/incidents.js';

/** A trade's line in the attribution's ranking. */
export interface TradeScoreView {
  readonly tradeId: string;
  readonly score: number;
  readonly zScore: number;
  readonly agreement: number;
  readonly exactMatch: boolean;
  readonly falseAccusationProbability: number;
  readonly log10FalseAccusation: number;
  readonly accused: boolean;
}

export interface AttributionView {
  readonly verdict: 'attributed' | 'inconclusive';
  readonly reason: 'attributed' | 'insufficient_evidence' | 'below_threshold';
  readonly tradeId: string | null;
  readonly accused: readonly string[];
  /** Accuse at or below this false-accusation probability. */
  readonly threshold: number;
  readonly ranking: readonly TradeScoreView[];
  readonly evidence: {
    readonly leakedRows: number;
    readonly matchedRows: number;
    readonly matchedColumns: readonly string[];
    readonly unmatchedColumns: readonly string[];
    readonly slots: number;
    readonly readableSlots: number;
    readonly bestPossibleLog10FalseAccusation: number;
  };
}

/** The stored form of an attribution: the core result less what is bulky or internal. */
export function toAttributionView(attribution: LeakAttribution): AttributionView {
  return {
    verdict: attribution.verdict,
    reason: attribution.reason,
    tradeId: attribution.tradeId ?? null,
    accused: attribution.accused,
    threshold: attribution.threshold,
    ranking: attribution.ranking.map((score) => ({
      tradeId: score.tradeId,
      score: score.score,
      zScore: score.zScore,
      agreement: score.agreement,
      exactMatch: score.exactMatch,
      falseAccusationProbability: score.falseAccusationProbability,
      log10FalseAccusation: score.log10FalseAccusation,
      accused: score.accused,
    })),
    evidence: {
      leakedRows: attribution.evidence.leakedRows,
      matchedRows: attribution.evidence.matchedRows,
      matchedColumns: attribution.evidence.columns.map((match) => match.release),
      unmatchedColumns: attribution.evidence.unmatchedColumns,
      slots: attribution.evidence.slots,
      readableSlots: attribution.evidence.readableSlots,
      bestPossibleLog10FalseAccusation: attribution.evidence.bestPossibleLog10FalseAccusation,
    },
  };
}

interface CommonView {
  readonly id: string;
  readonly listingId: string;
  readonly state: IncidentState;
  readonly tradeId: string | null;
  readonly suspendedEntitlementIds: readonly string[];
  readonly resolution: IncidentResolution | null;
  readonly createdAtMs: number;
  readonly attributedAtMs: number | null;
  readonly suspendedAtMs: number | null;
  readonly closedAtMs: number | null;
}

/** The provider's and the exchange's view. */
export interface IncidentView extends CommonView {
  readonly audience: 'provider' | 'authority';
  readonly providerOrganizationId: string;
  readonly filedAs: 'provider' | 'authority';
  readonly filedBy: string;
  readonly description: string;
  readonly leakedCopy: {
    readonly sha256: string;
    readonly sizeBytes: number;
    readonly format: string;
    readonly filename: string | null;
  };
  readonly attribution: AttributionView | null;
  readonly buyerOrganizationId: string | null;
  readonly resolutionNote: string | null;
}

/** The named buyer's view: its own trade's figures only. */
export interface BuyerIncidentView extends CommonView {
  readonly audience: 'buyer';
  readonly verdict: 'attributed' | 'inconclusive' | null;
  readonly falseAccusationProbability: number | null;
}

const common = (incident: IncidentRecord): CommonView => ({
  id: incident.id,
  listingId: incident.listingId,
  state: incident.state,
  tradeId: incident.attributedTradeId,
  suspendedEntitlementIds: incident.suspendedEntitlementIds ?? [],
  resolution: incident.resolution,
  createdAtMs: incident.createdAtMs,
  attributedAtMs: incident.attributedAtMs,
  suspendedAtMs: incident.suspendedAtMs,
  closedAtMs: incident.closedAtMs,
});

export function toIncidentView(
  incident: IncidentRecord,
  audience: 'provider' | 'authority',
): IncidentView {
  return {
    ...common(incident),
    audience,
    providerOrganizationId: incident.providerOrganizationId,
    filedAs: incident.filedAs,
    filedBy: incident.filedBy,
    description: incident.description,
    leakedCopy: {
      sha256: incident.leakedSha256,
      sizeBytes: incident.leakedSizeBytes,
      format: incident.leakedFormat,
      filename: incident.leakedFilename,
    },
    attribution: (incident.attribution as AttributionView | null) ?? null,
    buyerOrganizationId: incident.attributedBuyerOrganizationId,
    resolutionNote: incident.resolutionNote,
  };
}

export function toBuyerIncidentView(incident: IncidentRecord): BuyerIncidentView {
  const attribution = incident.attribution as AttributionView | null;
  const own = attribution?.ranking.find((score) => score.tradeId === incident.attributedTradeId);
  return {
    ...common(incident),
    audience: 'buyer',
    verdict: attribution?.verdict ?? null,
    falseAccusationProbability: own?.falseAccusationProbability ?? null,
  };
}
