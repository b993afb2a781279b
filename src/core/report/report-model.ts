// The anonymization report: a versioned JSON document a reviewer approves and the ledger pins by
// hash — what went in, what the policy did, what was measured, and the verdict. Never any key.
import type { ModelCheck, PrivacyMeasurement, UtilityMeasurement } from '../privacy/index.js';

export const REPORT_FORMAT = 'anonex.anonymization-report';
/** Bumped on any change a reader must know about; readers refuse versions they do not know. */
export const REPORT_VERSION = 1;

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

export interface AnonymizationReport {
  readonly format: typeof REPORT_FORMAT;
  readonly version: typeof REPORT_VERSION;
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
}
