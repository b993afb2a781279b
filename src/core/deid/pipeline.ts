// The de-identification pipeline: detect ► gate the policy ► transform ► suppress ► measure ► gate the output.
import { table as columnTable, type ColumnTable } from 'arquero';
import { createDetectors } from '../detect/detectors/index.js';
import {
  detectColumn,
  detectSampledColumn,
  judgeColumn,
  scanColumnMatches,
  type ColumnDetection,
  type DetectionReport,
} from '../detect/detect-columns.js';
import { inferColumnType } from '../detect/infer-type.js';
import { parseHierarchy, type GeneralizationHierarchy } from '../hierarchy/index.js';
import {
  CONTEXT_CLASS_THRESHOLD,
  checkPrivacyRequirements,
  computeEquivalenceClasses,
  measurePrivacyOfClasses,
  type EquivalenceClasses,
  type ModelCheck,
  type PrivacyInput,
  type PrivacyMeasurement,
  type PrivacyRequirements as ModelRequirements,
  type UtilityMeasurement,
} from '../privacy/index.js';
import { createRng, type Rng } from '../rng.js';
import { countCodes, encodeColumn, type DictionaryColumn } from '../table/dictionary-column.js';
import { DeidError } from './errors.js';
import { checkOutputColumn, checkPolicyGate, type GateRefusal, type GateVerdict } from './gate.js';
import type { ColumnRole, Policy } from './policy.js';
import { measureReleaseUtility } from './release-utility.js';
import { minClassSizeForThreshold, suppressViolatingClasses } from './suppression.js';
import { applyStep, type StepRecord } from './transforms/apply-step.js';
import { rngBytes } from './transforms/reversible.js';
import { SYNTHETIC_EXEMPT_KINDS } from './transforms/synthetic.js';
import { searchOptimalLevels } from './level-search.js';

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
  /** k, l, t, risk, GB/T 42460 over the released quasi-identifiers (when the policy states privacy). */
  readonly privacy: PrivacyMeasurement | undefined;
  readonly privacyChecks: readonly ModelCheck[];
  /**
   * Loss (ARX), discernibility, average class size and per-column distances and before/after
   * bars of the release (see measureReleaseUtility); undefined when refused at the policy stage.
   */
  readonly utility: UtilityMeasurement | undefined;
  /** The search's summary when `generalization: auto` chose the levels. */
  readonly search: Readonly<Record<string, unknown>> | undefined;
  readonly verdict: GateVerdict;
  /** Reversible material the run kept (internal mode only): tokenization tables by column. */
  readonly keptTokenTables: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/**
 * Runs `policy` over `table`. Order: detection on the input; the policy gate (listing mode:
 * reversible steps, unnamed columns) — if it refuses, nothing is transformed; each column's steps
 * over its dictionary encoding; optional level search; record suppression of classes below k;
 * privacy measurement; a full detector scan of every output column (the output gate).
 * Throws DeidError for runs that cannot proceed (unknown columns, missing hierarchies, unreadable
 * values, cancellation); a refusal is a verdict, not an exception.
 */
export function runPipeline(
  table: ColumnTable,
  policy: Policy,
  options: PipelineOptions,
): PipelineResult {
  const rng = options.rng ?? createRng(options.seed ?? 0);
  const progress = options.onProgress ?? (() => undefined);
  const checkAbort = (): void => {
    if (options.signal?.aborted)
      throw new DeidError('deid_cancelled', 'the run was cancelled', { details: {} });
  };
  const inputNames = table.columnNames();
  const missing = policy.columns.filter((c) => !inputNames.includes(c.name)).map((c) => c.name);
  if (missing.length > 0)
    throw new DeidError(
      'deid_unknown_column',
      `policy names column(s) not in the input: ${missing.join(', ')}`,
      {
        details: { columns: missing },
      },
    );

  const detectors = createDetectors(options);
  const byName = new Map(policy.columns.map((c) => [c.name, c]));
  // Columns the policy only drops are detected from a sample and never encoded (unless another
  // column's date shifting reads them as its subject): no work for what is not released.
  const subjects = new Set(
    policy.columns.flatMap((c) =>
      c.transforms.flatMap((s) => (s.kind === 'date_shift' && s.subject ? [s.subject] : [])),
    ),
  );
  const onlyDropped = (name: string): boolean => {
    const steps = byName.get(name)?.transforms ?? [];
    return steps.length > 0 && steps.every((s) => s.kind === 'drop') && !subjects.has(name);
  };
  const inputColumns = new Map<string, DictionaryColumn>();
  const before: ColumnDetection[] = [];
  inputNames.forEach((name, index) => {
    checkAbort();
    const values = table.array(name) as ArrayLike<unknown>;
    if (onlyDropped(name)) before.push(detectSampledColumn(name, values, detectors));
    else {
      const encoded = encodeColumn(name, values);
      inputColumns.set(name, encoded);
      before.push(detectColumn(encoded, detectors));
    }
    progress({ stage: 'detect', done: index + 1, total: inputNames.length });
  });
  const findingsBefore: DetectionReport = { rows: table.numRows(), columns: before };

  const policyRefusals = checkPolicyGate(policy, inputNames);
  if (policyRefusals.length > 0)
    return {
      output: undefined,
      transforms: [],
      roles: {},
      findingsBefore,
      findingsAfter: undefined,
      suppressed: 0,
      privacy: undefined,
      privacyChecks: [],
      utility: undefined,
      search: undefined,
      verdict: { mode: policy.mode, pass: false, stage: 'policy', refusals: policyRefusals },
      keptTokenTables: new Map(),
    };

  const hierarchies = new Map<string, GeneralizationHierarchy>();
  for (const [file, text] of Object.entries(options.hierarchies ?? {}))
    hierarchies.set(file, parseHierarchy(text));

  progress({ stage: 'search', done: 0, total: 1 });
  const searched = chooseLevels(
    policy,
    inputColumns,
    hierarchies,
    options.searchLevels ?? searchOptimalLevels,
  );
  const chosenLevels = searched?.levels ?? new Map<string, number>();
  progress({ stage: 'search', done: 1, total: 1 });
  checkAbort();
  const pseudonymKey = options.pseudonymKey ?? rngBytes(rng.fork(), 32);
  const tokenTables = new Map<string, Map<string, string>>();
  const outputs: { column: DictionaryColumn; role: ColumnRole; exempt: Set<string> }[] = [];
  const records: ColumnTransformRecord[] = [];
  // Output in input order; in internal mode unnamed columns pass through as insensitive.
  inputNames.forEach((name, index) => {
    checkAbort();
    const columnPolicy = byName.get(name);
    const role = columnPolicy?.role ?? 'insensitive';
    if (onlyDropped(name)) {
      records.push({ column: name, role, steps: [{ kind: 'drop', params: {} }], outputs: [] });
      progress({ stage: 'transform', done: index + 1, total: inputNames.length });
      return;
    }
    let current: { column: DictionaryColumn; role?: ColumnRole }[] = [
      { column: inputColumns.get(name)! },
    ];
    const steps: StepRecord[] = [];
    const exempt = new Set<string>();
    const context = {
      column: name,
      rng: rng.fork(),
      pseudonymKey,
      encryptionKey: options.encryptionKey,
      hierarchies,
      inputColumns,
      chosenLevels,
      recodedColumns: searched?.recoded ?? new Map<string, DictionaryColumn>(),
      tokenTables,
    };
    for (const step of columnPolicy?.transforms ?? []) {
      if (current.length !== 1) break; // drop and derive end a column's chain (checked by parsePolicy)
      const outcome = applyStep(current[0].column, step, context);
      steps.push(outcome.record);
      current = [...outcome.columns];
      if (step.kind === 'synthetic')
        for (const kind of SYNTHETIC_EXEMPT_KINDS[step.generator]) exempt.add(kind);
    }
    for (const out of current) outputs.push({ column: out.column, role: out.role ?? role, exempt });
    records.push({ column: name, role, steps, outputs: current.map((c) => c.column.name) });
    progress({ stage: 'transform', done: index + 1, total: inputNames.length });
  });
  const outputNames = new Set<string>();
  for (const { column } of outputs) {
    if (outputNames.has(column.name))
      throw new DeidError('deid_invalid_value', `two output columns are named ${column.name}`, {
        details: { column: column.name },
      });
    outputNames.add(column.name);
  }

  // Record suppression over the released quasi-identifiers.
  const refusals: GateRefusal[] = [];
  const quasi = outputs.filter((o) => o.role === 'quasi').map((o) => o.column);
  const rowCount = table.numRows();
  let suppressedMask: Uint8Array | undefined;
  let suppressed = 0;
  let unsuppressedClasses: EquivalenceClasses | undefined;
  const privacyPolicy = policy.privacy;
  const minClassSize = privacyPolicy
    ? Math.max(
        privacyPolicy.k ?? 1,
        minClassSizeForThreshold(CONTEXT_CLASS_THRESHOLD[privacyPolicy.context]),
      )
    : 1;
  if (privacyPolicy && quasi.length > 0) {
    progress({ stage: 'suppress', done: 0, total: 1 });
    const byOutput = new Map(outputs.map((o) => [o.column.name, o.column]));
    const distinctL = Object.entries(privacyPolicy.l).flatMap(([name, l]) => {
      const column = byOutput.get(name);
      return column ? [{ column, l }] : [];
    });
    const result = suppressViolatingClasses(quasi, {
      minClassSize,
      distinctL,
      ...(searched?.suppressed ? { alsoSuppressed: searched.suppressed } : {}),
    });
    if (result.count > 0) {
      suppressedMask = result.suppressed;
      suppressed = result.count;
    } else unsuppressedClasses = result.classes;
    const allowed = Math.floor(privacyPolicy.suppressionLimit * rowCount);
    if (suppressed > allowed)
      refusals.push({ kind: 'suppression_limit_exceeded', suppressed, allowed });
    progress({ stage: 'suppress', done: 1, total: 1 });
  }
  checkAbort();

  progress({ stage: 'measure', done: 0, total: 1 });
  // Classes over the released quasi-identifiers, computed once for the privacy and utility
  // figures (the suppression step's own when it suppressed nothing). No quasi-identifier: one
  // class of every released row, as ARX counts it.
  const classes =
    unsuppressedClasses ??
    computeEquivalenceClasses(quasi, {
      suppressed: suppressedMask ?? (quasi.length === 0 ? new Uint8Array(rowCount) : undefined),
    });
  let privacy: PrivacyMeasurement | undefined;
  let privacyChecks: ModelCheck[] = [];
  if (privacyPolicy && quasi.length > 0) {
    const sensitiveNames = new Set([
      ...Object.keys(privacyPolicy.l),
      ...Object.keys(privacyPolicy.t),
    ]);
    for (const o of outputs) if (o.role === 'sensitive') sensitiveNames.add(o.column.name);
    const sensitive = outputs.filter((o) => sensitiveNames.has(o.column.name)).map((o) => o.column);
    const recursiveL = Object.values(privacyPolicy.l)[0];
    const privacyInput: PrivacyInput = {
      quasiIdentifiers: quasi,
      sensitive: sensitive.map((column) => ({
        column,
        ...(privacyPolicy.lModel === 'recursive' && recursiveL
          ? { recursiveL: privacyPolicy.l[column.name] ?? recursiveL }
          : {}),
      })),
      suppressed: suppressedMask,
      riskThreshold: privacyPolicy.riskThreshold,
      gbt42460: {
        context: privacyPolicy.context,
        probabilities: {
          deliberateAttempt: privacyPolicy.attempt.deliberate,
          inadvertentAttempt: privacyPolicy.attempt.inadvertent,
          breach: privacyPolicy.attempt.breach,
        },
        riskThreshold: privacyPolicy.riskThreshold,
        directIdentifiersRemain: false,
      },
    };
    privacy = measurePrivacyOfClasses(classes, privacyInput);
    privacyChecks = checkPrivacyRequirements(privacy, toModelRequirements(policy));
    for (const check of privacyChecks)
      if (!check.pass)
        refusals.push({
          kind: 'privacy_requirement',
          model: check.model,
          attribute: check.attribute,
          value: check.value,
          threshold: check.threshold,
        });
  }
  const utility = measureReleaseUtility({
    policy,
    inputColumns,
    outputs: outputs.map((o) => o.column),
    hierarchies,
    chosenLevels,
    classes,
    ...(suppressedMask ? { suppressed: suppressedMask } : {}),
    minBarCount: minClassSize,
  });
  progress({ stage: 'measure', done: 1, total: 1 });

  // The output gate: a full scan of every released column, weighted by row counts.
  const after: ColumnDetection[] = [];
  outputs.forEach(({ column, exempt }, index) => {
    checkAbort();
    const counts = countCodes(column);
    const scan = scanColumnMatches(column, detectors, counts);
    refusals.push(...checkOutputColumn(column.name, detectors, scan, exempt));
    const emptyCode = column.dictionary.indexOf('');
    // Synthetic values of the kind a column was given are not findings: the report must agree
    // with the gate, which exempts them.
    const judged = new Int32Array(scan.matches);
    detectors.forEach((detector, d) => {
      if (exempt.has(detector.kind)) judged[d] = 0;
    });
    after.push({
      name: column.name,
      type: inferColumnType(column.dictionary),
      nulls: emptyCode >= 0 ? counts[emptyCode] : 0,
      distinct: column.dictionary.length,
      ...judgeColumn(column.name, detectors, { nonEmpty: scan.nonEmpty, matches: judged }),
      scanned: 'full',
    });
    progress({ stage: 'gate', done: index + 1, total: outputs.length });
  });
  // A direct identifier found at the gate also sets the GB/T 42460 level to L1 in the report.
  const listing = policy.mode === 'listing';
  const verdict: GateVerdict = {
    mode: policy.mode,
    pass: !listing || refusals.length === 0,
    stage: 'output',
    refusals: listing ? refusals : [],
  };

  progress({ stage: 'output', done: 0, total: 1 });
  const output = toReleasedTable(
    outputs.map((o) => o.column),
    suppressedMask,
    rowCount - suppressed,
  );
  progress({ stage: 'output', done: 1, total: 1 });
  const roles: Record<string, ColumnRole> = {};
  for (const o of outputs) roles[o.column.name] = o.role;
  return {
    output,
    transforms: records,
    roles,
    findingsBefore,
    findingsAfter: { rows: rowCount, columns: after },
    suppressed,
    privacy,
    privacyChecks,
    utility,
    search: searched?.summary,
    verdict,
    keptTokenTables: tokenTables,
  };
}

function toModelRequirements(policy: Policy): ModelRequirements {
  const p = policy.privacy!;
  return {
    ...(p.k === undefined ? {} : { k: p.k }),
    l: Object.entries(p.l).map(([attribute, l]) => ({
      attribute,
      model: p.lModel,
      l,
      ...(p.c === undefined ? {} : { c: p.c }),
    })),
    t: Object.entries(p.t).map(([attribute, t]) => ({ attribute, t })),
  };
}

function chooseLevels(
  policy: Policy,
  inputColumns: ReadonlyMap<string, DictionaryColumn>,
  hierarchies: ReadonlyMap<string, GeneralizationHierarchy>,
  search: LevelSearch,
): LevelSearchResult | undefined {
  const auto = policy.columns.flatMap((c) =>
    c.transforms.flatMap((step) =>
      step.kind === 'hierarchy' && step.level === 'auto' ? [{ name: c.name, file: step.file }] : [],
    ),
  );
  if (auto.length === 0) return undefined;
  const quasiIdentifiers = auto.map(({ name, file }) => {
    const hierarchy = hierarchies.get(file);
    if (!hierarchy)
      throw new DeidError(
        'deid_missing_hierarchy',
        `column ${name}: hierarchy ${file} was not supplied`,
        {
          details: { column: name, file },
        },
      );
    return { column: inputColumns.get(name)!, hierarchy };
  });
  const sensitiveName =
    Object.keys(policy.privacy?.l ?? {})[0] ?? Object.keys(policy.privacy?.t ?? {})[0];
  return search({
    quasiIdentifiers,
    ...(sensitiveName ? { sensitive: inputColumns.get(sensitiveName)! } : {}),
    policy,
  });
}

/** Decodes the output columns into an arquero table, leaving out suppressed rows. */
function toReleasedTable(
  columns: readonly DictionaryColumn[],
  suppressed: Uint8Array | undefined,
  releasedRows: number,
): ColumnTable {
  const data: Record<string, string[]> = {};
  for (const column of columns) {
    const values = new Array<string>(releasedRows);
    const { codes, dictionary } = column;
    let out = 0;
    for (let row = 0; row < codes.length; row++)
      if (!suppressed || suppressed[row] === 0) values[out++] = dictionary[codes[row]];
    data[column.name] = values;
  }
  return columnTable(
    data,
    columns.map((c) => c.name),
  );
}
