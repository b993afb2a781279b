// The anonymization report: a versioned JSON document a reviewer approves and the ledger pins by
// hash — what went in, what the policy did, what was measured, and the verdict. Never any key.
import type {
  ModelCheck,
  PrivacyMeasurement,
  ReleaseAnalysis,
  RiskFigures,
  UtilityMeasurement,
} from '../privacy/index.js';

export const REPORT_FORMAT = 'anonex.anonymization-report';
/**
 * Bumped on any change a reader must know about; readers refuse versions they do not know.
 * Version 2 adds `gate` (the figures of the Art. 29 gate) and measures `privacy` over every
 * released column an attacker could know. Version 3 adds `analysis` (risk before and after,
 * quasi-identifier distinction and separation, per-attribute statistics, numeric distances,
 * warnings); version 1 and 2 documents are still read.
 */
export const REPORT_VERSION = 3;
/** Versions `readAnonymizationReport` accepts. */
export const READABLE_REPORT_VERSIONS: readonly number[] = [1, 2, 3];

/** One detector finding on a column (the shape `anonex detect --json` prints). */
export interface ReportFinding {
  readonly kind: string;
  readonly match_rate: number;
  readonly confidence: number;
  readonly matches?: number;
}

export interface ReportDetectionColumn {
  readonly name: string;
  readonly type?: string;
  readonly findings: readonly ReportFinding[];
  readonly direct_identifier: boolean;
}

export interface ReportDetection {
  readonly rows: number;
  readonly columns: readonly ReportDetectionColumn[];
}

export interface ReportTransformStep {
  readonly kind: string;
  /** Parameters as the policy stated them; key material is removed by the builder. */
  readonly params: Readonly<Record<string, unknown>>;
}

export interface ReportTransform {
  readonly column: string;
  readonly role: string;
  readonly steps: readonly ReportTransformStep[];
  readonly outputs: readonly string[];
}

/** Why a report's verdict is a refusal, one entry per failed condition. */
export interface ReportReason {
  readonly code: 'gate_refusal' | 'model_failed' | 'direct_identifier_remains' | 'gbt42460_failed';
  readonly subject: string;
  readonly detail: string;
}

/** k and risk over one set of quasi-identifiers: the figures the gate compares. */
export interface ReportRiskSummary {
  readonly quasiIdentifiers: readonly string[];
  readonly classes: number;
  readonly k: number;
  /** Prosecutor risk: highest (1/k), average (classes / records), share of records above the threshold. */
  readonly prosecutor: RiskFigures;
  readonly sampleUniques: number;
  /** GB/T 42460 overall risk R and level. */
  readonly R: number;
  readonly level: string;
}

/** One released column as the gate sees it alone. */
export interface ReportColumnFigure {
  readonly name: string;
  readonly distinct: number;
  /** Share of its non-empty released values held by a single row. */
  readonly uniqueShare: number;
  /** One value for every row: the column releases nothing. */
  readonly constant: boolean;
}

/** How many candidate originals a transformed identifier leaves per released value. */
export interface ReportIdentifierTransform {
  readonly column: string;
  readonly steps: readonly string[];
  readonly identifierKind: string | null;
  readonly candidates: number;
  readonly required: number;
}

/** What a scrub found and removed in one free-text column. */
export interface ReportTextScrub {
  readonly column: string;
  /** Spans replaced (or cells dropped) per identifier kind. */
  readonly spansByKind: Readonly<Record<string, number>>;
  /** Non-empty cells that held at least one span. */
  readonly cellsWithSpans: number;
  /** Cells emptied because the policy drops a cell holding a span. */
  readonly cellsDropped: number;
  /** Characters of the column's text that survive the scrub, as a share of its characters. */
  readonly textKept: number;
}

/** One refusal, with its one-line description and the figures behind it. */
export interface ReportRefusal {
  readonly kind: string;
  readonly column?: string;
  readonly description: string;
  readonly [figure: string]: unknown;
}

/** The Art. 29 gate's own figures, beside the privacy models. */
export interface ReportGate {
  readonly pass: boolean;
  readonly refusals: readonly ReportRefusal[];
  /**
   * The declared quasi-identifiers, and every released column an attacker could know that is not
   * sensitive (what k and risk are measured over and the gate judges).
   */
  readonly quasiIdentifiers: {
    readonly declared: readonly string[];
    readonly measured: readonly string[];
  };
  /** k and risk over the declared quasi-identifiers alone (null when not measured). */
  readonly declaredRisk: ReportRiskSummary | null;
  /** The same figures over the measured set: what the gate uses (null when not measured). */
  readonly measuredRisk: ReportRiskSummary | null;
  readonly columns: readonly ReportColumnFigure[];
  readonly identifierTransforms: readonly ReportIdentifierTransform[];
  readonly textScrubs: readonly ReportTextScrub[];
  /** `secure-random`: rows permuted from a CSPRNG whose draw is not stored; `seeded`: from the run's seed. */
  readonly rowOrder: 'secure-random' | 'seeded';
}

export interface AnonymizationReport {
  readonly format: typeof REPORT_FORMAT;
  readonly version: number;
  /** ISO 8601 UTC time the report was generated, and the same in milliseconds. */
  readonly generatedAt: string;
  readonly generatedAtMs: number;
  readonly software: { readonly name: string; readonly version: string };
  readonly input: {
    readonly rows: number;
    readonly columns: readonly string[];
    readonly sha256: string;
    readonly format?: string;
    readonly encoding?: string;
  };
  readonly policy: {
    readonly name: string;
    readonly version: string;
    readonly sha256: string;
    readonly mode: string;
    readonly purpose?: string;
    readonly legalBasis?: string;
  };
  readonly transforms: readonly ReportTransform[];
  /** Parameters removed from `transforms` because they could hold key material. */
  readonly redactedParameters: readonly { column: string; step: string; parameter: string }[];
  readonly detection: {
    readonly before: ReportDetection;
    /** Null when the run stopped before producing output. */
    readonly after: ReportDetection | null;
  };
  /** Null when the run produced no output or the policy names no quasi-identifier. */
  readonly privacy:
    | (PrivacyMeasurement & {
        readonly quasiIdentifiers: readonly string[];
        readonly suppressedShare: number;
      })
    | null;
  /** Every privacy requirement with its threshold, measured value and verdict. */
  readonly models: readonly ModelCheck[];
  readonly utility: UtilityMeasurement | null;
  /** The automatic generalization chosen, when a search ran (levels, metric, optimality). */
  readonly search: Readonly<Record<string, unknown>> | null;
  readonly output: {
    readonly rows: number;
    readonly columns: readonly string[];
    readonly sha256: string;
  } | null;
  readonly verdict: { readonly pass: boolean; readonly reasons: readonly ReportReason[] };
  /** The gate's figures (absent in version 1 documents; null when the run had no gate). */
  readonly gate?: ReportGate | null;
  /** The analysis beside the models (absent before version 3; null when nothing was released). */
  readonly analysis?: ReleaseAnalysis | null;
}
