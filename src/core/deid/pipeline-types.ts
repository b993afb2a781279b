// The pipeline's contract: its options, its progress events, its result, and what the stages hand on.
import type { ColumnTable } from 'arquero';
import type { DetectionReport } from '../detect/detect-columns.js';
import type { GeneralizationHierarchy } from '../hierarchy/index.js';
import type {
  ModelCheck,
  PrivacyMeasurement,
  ReleaseAnalysis,
  UtilityMeasurement,
} from '../privacy/index.js';
import type { Rng } from '../rng.js';
import type { DictionaryColumn } from '../table/dictionary-column.js';
import type { ColumnUniqueness } from './gate/column-uniqueness.js';
import type { GateVerdict } from './gate/refusal.js';
import type { IdentifierTransformFigure } from './stages/check-identifier-transforms.js';
import type { ColumnRole, Policy } from './policy.js';
import type { StepRecord } from './transforms/apply-step.js';
import type { ScrubCounts } from './transforms/scrub.js';

export type PipelineStage =
  'detect' | 'transform' | 'search' | 'suppress' | 'measure' | 'gate' | 'output';

export interface PipelineProgress {
  readonly stage: PipelineStage;
  readonly done: number;
  readonly total: number;
}

/** What the optimal search needs and returns, injected so core/deid does not fix the search's shape. */
export interface LevelSearchRequest {
  readonly quasiIdentifiers: readonly {
    column: DictionaryColumn;
    hierarchy: GeneralizationHierarchy;
  }[];
  readonly sensitive?: DictionaryColumn;
  readonly policy: Policy;
}
export interface LevelSearchResult {
  readonly levels: ReadonlyMap<string, number>;
  /**
   * Columns recoded record by record instead of to one level (local recoding: Mondrian), by
   * name, rows aligned with the input; their `level: auto` steps output these columns.
   */
  readonly recoded?: ReadonlyMap<string, DictionaryColumn>;
  /** What the search reports (levels, metric, checked nodes…), copied into the result. */
  readonly summary?: Readonly<Record<string, unknown>>;
  /** Rows the search suppresses (classes violating its criteria), aligned with the input rows. */
  readonly suppressed?: Uint8Array;
}
export type LevelSearch = (request: LevelSearchRequest) => LevelSearchResult;

export interface PipelineOptions {
  /** Seeds noise, date shifts, synthetic values and (absent a key) the pseudonym key. */
  readonly seed?: number;
  /** Alternatively the rng itself. */
  readonly rng?: Rng;
  /** Today as YYYYMMDD (resident-ID birth dates must not be in the future). */
  readonly todayYmd: number;
  /** Hierarchy file texts keyed by the path written in the policy; the CLI reads the files. */
  readonly hierarchies?: Readonly<Record<string, string>>;
  /**
   * HMAC key for pseudonyms (≥ 32 bytes). The CLI passes fresh crypto-random bytes per run and
   * drops them afterwards; absent, 32 bytes are drawn from the rng (tests, reproducible runs).
   * Never part of the result.
   */
  readonly pseudonymKey?: Uint8Array;
  /** Key for `encrypt` steps (internal mode only). */
  readonly encryptionKey?: Uint8Array;
  /**
   * Cryptographically secure random bytes for the order of the released rows (a listing release
   * passes its CSPRNG: the order is drawn once and never stored). Absent, the order comes from the
   * seeded rng, reproducible from the seed (tests, internal runs).
   */
  readonly rowOrderRandomBytes?: (length: number) => Uint8Array;
  /** Chooses levels for `level: auto` hierarchy steps; default the optimal search (level-search.ts). */
  readonly searchLevels?: LevelSearch;
  readonly onProgress?: (progress: PipelineProgress) => void;
  /** Checked between columns; an aborted run throws `deid_cancelled` and returns nothing. */
  readonly signal?: AbortSignal;
}

export interface ColumnTransformRecord {
  readonly column: string;
  readonly role: ColumnRole;
  readonly steps: readonly StepRecord[];
  /** Output column names this input column became (none when dropped). */
  readonly outputs: readonly string[];
}

/** One column the transforms produced, with the role it is released under. */
export interface OutputColumn {
  readonly column: DictionaryColumn;
  readonly role: ColumnRole;
  /** Detector kinds the column may hold by construction (synthetic values of that kind). */
  readonly exempt: ReadonlySet<string>;
  /**
   * Whether an attacker can know a person's value of this column from outside the release. False
   * only for values nobody can compute from the original: keyed pseudonyms whose key is
   * destroyed, synthetic draws (see UNLINKABLE_STEPS). Knowable columns that are not sensitive
   * count as quasi-identifiers for k and risk, whatever their declared role.
   */
  readonly knowable: boolean;
}

export interface PipelineResult {
  /** The released table, suppressed rows removed; undefined when the gate refused at the policy stage. */
  readonly output: ColumnTable | undefined;
  readonly transforms: readonly ColumnTransformRecord[];
  /** Output columns by role (derived columns carry the role their step gave them). */
  readonly roles: Readonly<Record<string, ColumnRole>>;
  readonly findingsBefore: DetectionReport;
  /** Full scan of every output column (before row suppression). */
  readonly findingsAfter: DetectionReport | undefined;
  readonly suppressed: number;
  /**
   * k, l, t, risk, GB/T 42460 over every released column an attacker could know that is not
   * sensitive (declared quasi-identifiers, insensitive and transformed identifier columns): the
   * figures the gate judges (when the policy states privacy).
   */
  readonly privacy: PrivacyMeasurement | undefined;
  /**
   * k, risk and GB/T 42460 over the declared quasi-identifiers alone, on the same released rows:
   * what a gate trusting the declaration would certify, for comparison (no l, t).
   */
  readonly privacyDeclared: PrivacyMeasurement | undefined;
  /** Output column names of both sets: `declared` (role quasi) and `knowable` (what the gate counts). */
  readonly quasiIdentifierSets: {
    readonly declared: readonly string[];
    readonly knowable: readonly string[];
  };
  readonly privacyChecks: readonly ModelCheck[];
  /** Per released column: distinct values, share of values held by one row, constant or not. */
  readonly columnUniqueness: readonly ColumnUniqueness[];
  /** Per scrubbed text column: spans per kind, cells touched, the share of text kept. */
  readonly textScrubs: readonly { readonly column: string; readonly counts: ScrubCounts }[];
  /** Per transformed identifier column: the fewest candidate originals of a released value. */
  readonly identifierTransforms: readonly IdentifierTransformFigure[];
  /**
   * Loss (ARX), discernibility, average class size and per-column distances and before/after
   * bars of the release (see measureReleaseUtility); undefined when refused at the policy stage.
   */
  readonly utility: UtilityMeasurement | undefined;
  /**
   * Risk before and after, quasi-identifier distinction and separation, per-attribute statistics,
   * numeric distances and warnings (see analyzeRun); undefined when refused at the policy stage.
   */
  readonly analysis: ReleaseAnalysis | undefined;
  /** The search's summary when `generalization: auto` chose the levels. */
  readonly search: Readonly<Record<string, unknown>> | undefined;
  readonly verdict: GateVerdict;
  /** Where the released rows' order came from: a secure source never stored, or the seed. */
  readonly rowOrder: 'secure-random' | 'seeded';
  /** Reversible material the run kept (internal mode only): tokenization tables by column. */
  readonly keptTokenTables: ReadonlyMap<string, ReadonlyMap<string, string>>;
}
