// Applies one transform step to one dictionary-encoded column: value steps map the dictionary and
// remap codes (work ∝ distinct values); row steps (noise, date shifting) walk the codes once.
import type { GeneralizationHierarchy } from '../../hierarchy/index.js';
import { toLeafCodes, toLevelCodes } from '../../hierarchy/index.js';
import type { Rng } from '../../rng.js';
import { isValidResidentId } from '../../detect/validators/cn-resident-id.js';
import {
  encodeColumn,
  mapDictionary,
  remapColumn,
  type DictionaryColumn,
} from '../../table/dictionary-column.js';
import { toHalfWidth } from '../../table/half-width.js';
import { DeidError } from '../errors.js';
import type { ColumnRole, TransformSpec } from '../policy.js';
import { ageOn, generalizeDate, parseCalendarDate, shiftDate } from './dates.js';
import { truncateIp } from './ip-truncate.js';
import { maskValue, redactValue } from './masking.js';
import {
  bandOf,
  breakpointBandOf,
  formatNumber,
  laplaceNoise,
  parseNumber,
  roundTo,
  topBottomCode,
} from './numeric.js';
import { pseudonymizeValue } from './pseudonym.js';
import { encryptValue, randomToken } from './reversible.js';
import { deriveFromResidentId, UNKNOWN } from './resident-id-derive.js';
import { scrubColumn, type ScrubCounts } from './scrub.js';
import { createSyntheticGenerator } from './synthetic.js';

export interface StepContext {
  /** The policy's name of the column being transformed (for messages and derived names). */
  readonly column: string;
  readonly rng: Rng;
  readonly pseudonymKey: Uint8Array;
  readonly encryptionKey?: Uint8Array;
  /** Parsed hierarchies keyed by the path written in the policy. */
  readonly hierarchies: ReadonlyMap<string, GeneralizationHierarchy>;
  /** Input columns by name (date shifting reads its subject column from here). */
  readonly inputColumns: ReadonlyMap<string, DictionaryColumn>;
  /** Levels the search chose for `level: auto` hierarchy steps, by column. */
  readonly chosenLevels: ReadonlyMap<string, number>;
  /** Columns the search recoded record by record (Mondrian) for `level: auto` steps, by column. */
  readonly recodedColumns?: ReadonlyMap<string, DictionaryColumn>;
  /** Tokenization writes its kept table here (reversible: internal mode only). */
  readonly tokenTables: Map<string, Map<string, string>>;
}

/** What a step did, for the report: parameters only, never keys or values. */
export interface StepRecord {
  readonly kind: TransformSpec['kind'];
  readonly params: Readonly<Record<string, unknown>>;
  /** Distinct values the step could not read and wrote as `*` (derive only). */
  readonly unreadable?: number;
  /** What a scrub replaced (scrub only). */
  readonly scrubbed?: ScrubCounts;
}

export interface StepOutcome {
  /** The column(s) the step leaves: none after drop, several after derive. */
  readonly columns: readonly { readonly column: DictionaryColumn; readonly role?: ColumnRole }[];
  readonly record: StepRecord;
}

function invalid(context: StepContext, step: string, count: number, want: string): DeidError {
  return new DeidError(
    'deid_invalid_value',
    `column ${context.column}: ${count} distinct value(s) are not ${want}, so ${step} cannot apply`,
    { details: { column: context.column, step, count } },
  );
}

/** Maps every non-empty distinct value; `fn` returns undefined for a value it cannot read. */
function mapValues(
  column: DictionaryColumn,
  context: StepContext,
  step: string,
  want: string,
  fn: (value: string) => string | undefined,
): DictionaryColumn {
  let failures = 0;
  const mapped = mapDictionary(column, (value) => {
    if (value === '') return '';
    const out = fn(value);
    if (out === undefined) {
      failures++;
      return value;
    }
    return out;
  });
  if (failures > 0) throw invalid(context, step, failures, want);
  return mapped;
}

function numeric(
  column: DictionaryColumn,
  context: StepContext,
  step: string,
  fn: (x: number, raw: string) => string,
): DictionaryColumn {
  return mapValues(column, context, step, 'numbers', (raw) => {
    const x = parseNumber(toHalfWidth(raw));
    return Number.isNaN(x) ? undefined : fn(x, raw);
  });
}

/**
 * Applies `step` to `column`. Deterministic given the context's rng and keys. Throws DeidError
 * `deid_invalid_value` (column, step, count) when a numeric/date/IP step meets unreadable values,
 * `deid_missing_hierarchy` when a hierarchy file was not supplied, `deid_missing_key` for encrypt
 * without a key.
 */
export function applyStep(
  column: DictionaryColumn,
  step: TransformSpec,
  context: StepContext,
): StepOutcome {
  const keep = (out: DictionaryColumn, params: Record<string, unknown> = {}): StepOutcome => ({
    columns: [{ column: out }],
    record: { kind: step.kind, params },
  });
  switch (step.kind) {
    case 'keep':
      return keep(column);
    case 'drop':
      return { columns: [], record: { kind: 'drop', params: {} } };
    case 'redact':
      return keep(
        mapDictionary(column, (v) => redactValue(v, step.value)),
        { value: step.value },
      );
    case 'mask':
      return keep(
        mapDictionary(column, (v) => maskValue(v, step.keepStart, step.keepEnd, step.maskChar)),
        { keep_start: step.keepStart, keep_end: step.keepEnd, char: step.maskChar },
      );
    case 'pseudonym':
      return keep(
        mapDictionary(column, (v) => pseudonymizeValue(v, context.pseudonymKey, step.lengthHex)),
        {
          algorithm: 'HMAC-SHA256',
          length: step.lengthHex,
          // No parameter is named like a key: reports scrub those, and this one holds no secret.
          reversible: step.keepKey,
          material: step.keepKey
            ? 'kept by the provider'
            : 'per-run random, destroyed after the run',
        },
      );
    case 'bands':
      return keep(
        numeric(column, context, 'bands', (x) => bandOf(x, step.width, step.start)),
        { width: step.width, start: step.start },
      );
    case 'breakpoints':
      return keep(
        numeric(column, context, 'breakpoints', (x) => breakpointBandOf(x, step.breakpoints)),
        { at: step.breakpoints },
      );
    case 'round':
      return keep(
        numeric(column, context, 'round', (x) => roundTo(x, step.to)),
        { to: step.to },
      );
    case 'top_bottom':
      return keep(
        numeric(column, context, 'top_bottom', (x, raw) =>
          topBottomCode(raw, x, step.bottom, step.top),
        ),
        { bottom: step.bottom ?? null, top: step.top ?? null },
      );
    case 'date':
      return keep(
        mapValues(column, context, 'date', 'dates', (raw) => {
          const date = parseCalendarDate(toHalfWidth(raw));
          return date && generalizeDate(date, step.to);
        }),
        { to: step.to },
      );
    case 'age_from_birth_date': {
      const reference = parseCalendarDate(step.referenceDate)!;
      return keep(
        mapValues(column, context, 'age_from_birth_date', 'dates', (raw) => {
          const birth = parseCalendarDate(toHalfWidth(raw));
          if (!birth) return undefined;
          const age = ageOn(birth, reference);
          return step.bandWidth === undefined ? String(age) : bandOf(age, step.bandWidth, 0);
        }),
        { reference_date: step.referenceDate, band: step.bandWidth ?? null },
      );
    }
    case 'ip_truncate':
      return keep(
        mapValues(column, context, 'ip_truncate', 'IP addresses', (raw) =>
          truncateIp(toHalfWidth(raw).trim(), step.v4Prefix, step.v6Prefix),
        ),
        { v4_prefix: step.v4Prefix, v6_prefix: step.v6Prefix },
      );
    case 'hierarchy':
      return keep(...generalizeByHierarchy(column, step, context));
    case 'derive':
      return deriveColumns(column, step, context);
    case 'laplace_noise':
      return keep(addNoise(column, step.scale, step.decimals, context), {
        scale: step.scale,
        decimals: step.decimals,
      });
    case 'date_shift':
      return keep(shiftDates(column, step.maxDays, step.subject, context), {
        max_days: step.maxDays,
        subject: step.subject ?? null,
      });
    case 'synthetic': {
      const next = createSyntheticGenerator(
        step.generator,
        step.locale,
        context.rng.nextInt(2 ** 31),
      );
      return keep(
        mapDictionary(column, (v) => (v === '' ? '' : next())),
        { generator: step.generator, locale: step.locale },
      );
    }
    case 'scrub': {
      const { column: scrubbed, counts } = scrubColumn(column, {
        cell: step.cell,
        context: context.column,
        ...(step.kinds ? { kinds: step.kinds } : {}),
      });
      return {
        columns: [{ column: scrubbed }],
        record: {
          kind: 'scrub',
          params: { kinds: step.kinds ?? 'all', cell: step.cell },
          scrubbed: counts,
        },
      };
    }
    case 'encrypt': {
      const key = context.encryptionKey;
      if (!key || key.length !== 32)
        throw new DeidError(
          'deid_missing_key',
          `column ${context.column}: encrypt needs a 32-byte key`,
          {
            details: { column: context.column },
          },
        );
      return keep(
        mapDictionary(column, (v) => encryptValue(v, key, context.rng)),
        { algorithm: 'AES-256-GCM', reversible: true, material: 'held by the provider' },
      );
    }
    case 'tokenize': {
      const table = new Map<string, string>();
      context.tokenTables.set(context.column, table);
      return keep(
        mapDictionary(column, (v) => {
          if (v === '') return '';
          const token = randomToken(context.rng);
          table.set(v, token);
          return token;
        }),
        { reversible: true, material: 'mapping table kept by the provider' },
      );
    }
  }
}

function generalizeByHierarchy(
  column: DictionaryColumn,
  step: Extract<TransformSpec, { kind: 'hierarchy' }>,
  context: StepContext,
): [DictionaryColumn, Record<string, unknown>] {
  const hierarchy = context.hierarchies.get(step.file);
  if (!hierarchy)
    throw new DeidError(
      'deid_missing_hierarchy',
      `column ${context.column}: hierarchy ${step.file} was not supplied`,
      {
        details: { column: context.column, file: step.file },
      },
    );
  const recoded = step.level === 'auto' ? context.recodedColumns?.get(context.column) : undefined;
  if (recoded !== undefined)
    return [
      { ...recoded, name: column.name },
      { file: step.file, level: null, height: hierarchy.height, chosen_by: 'mondrian' },
    ];
  const level = step.level === 'auto' ? context.chosenLevels.get(context.column) : step.level;
  if (level === undefined || level >= hierarchy.height)
    throw new DeidError(
      'deid_invalid_value',
      `column ${context.column}: level ${String(level ?? step.level)} is outside hierarchy ${step.file} (height ${hierarchy.height})`,
      {
        details: {
          column: context.column,
          file: step.file,
          level: level ?? null,
          height: hierarchy.height,
        },
      },
    );
  const leafCodes = toLeafCodes(hierarchy, column.dictionary, context.column);
  return [
    remapColumn(column, toLevelCodes(hierarchy, leafCodes, level), hierarchy.levels[level]),
    {
      file: step.file,
      level,
      height: hierarchy.height,
      chosen_by: step.level === 'auto' ? 'search' : 'policy',
    },
  ];
}

function deriveColumns(
  column: DictionaryColumn,
  step: Extract<TransformSpec, { kind: 'derive' }>,
  context: StepContext,
): StepOutcome {
  // Resident IDs are validated once per distinct value, then each field maps the dictionary.
  const valid = column.dictionary.map((raw) => {
    const id = toHalfWidth(raw).trim().replace(/x$/, 'X');
    return isValidResidentId(id, 99991231) ? id : undefined;
  });
  let unreadable = 0;
  valid.forEach((id, code) => {
    if (id === undefined && column.dictionary[code] !== '') unreadable++;
  });
  const columns = step.fields.map((field) => ({
    column: mapDictionary(
      column,
      (raw, code) => {
        const id = valid[code];
        if (id === undefined) return raw === '' ? '' : UNKNOWN;
        return deriveFromResidentId(id, field, step.ageBandWidth, step.referenceYear);
      },
      `${context.column}_${field}`,
    ),
    role: step.role,
  }));
  return {
    columns,
    record: {
      kind: 'derive',
      params: {
        fields: step.fields,
        outputs: columns.map((c) => c.column.name),
        age_band: step.ageBandWidth,
        reference_year: step.referenceYear ?? null,
        then: 'drop',
      },
      unreadable,
    },
  };
}

function addNoise(
  column: DictionaryColumn,
  scale: number,
  decimals: number,
  context: StepContext,
): DictionaryColumn {
  const parsed = new Float64Array(column.dictionary.length);
  let failures = 0;
  column.dictionary.forEach((raw, code) => {
    parsed[code] = raw === '' ? Number.NaN : parseNumber(toHalfWidth(raw));
    if (raw !== '' && Number.isNaN(parsed[code])) failures++;
  });
  if (failures > 0) throw invalid(context, 'laplace_noise', failures, 'numbers');
  const rows = column.codes.length;
  const out = new Array<string>(rows);
  for (let row = 0; row < rows; row++) {
    const x = parsed[column.codes[row]];
    out[row] = Number.isNaN(x) ? '' : formatNumber(x + laplaceNoise(context.rng, scale), decimals);
  }
  return encodeColumn(column.name, out);
}

function shiftDates(
  column: DictionaryColumn,
  maxDays: number,
  subject: string | undefined,
  context: StepContext,
): DictionaryColumn {
  const dates = column.dictionary.map((raw) =>
    raw === '' ? undefined : parseCalendarDate(toHalfWidth(raw)),
  );
  const failures = dates.filter(
    (d, code) => d === undefined && column.dictionary[code] !== '',
  ).length;
  if (failures > 0) throw invalid(context, 'date_shift', failures, 'dates');
  const rows = column.codes.length;
  let subjectCodes: Int32Array;
  let subjects: number;
  if (subject === undefined) {
    subjectCodes = Int32Array.from({ length: rows }, (_, i) => i);
    subjects = rows;
  } else {
    const subjectColumn = context.inputColumns.get(subject);
    if (!subjectColumn)
      throw new DeidError(
        'deid_unknown_column',
        `column ${context.column}: date_shift subject ${subject} is not an input column`,
        {
          details: { column: context.column, subject },
        },
      );
    subjectCodes = subjectColumn.codes;
    subjects = subjectColumn.dictionary.length;
  }
  // One shift per subject in [−maxDays, maxDays] \ {0}: intervals within a subject survive.
  const shifts = new Int32Array(subjects);
  for (let s = 0; s < subjects; s++) {
    const magnitude = 1 + context.rng.nextInt(maxDays);
    shifts[s] = context.rng.next() < 0.5 ? -magnitude : magnitude;
  }
  const out = new Array<string>(rows);
  for (let row = 0; row < rows; row++) {
    const date = dates[column.codes[row]];
    out[row] = date === undefined ? '' : shiftDate(date, shifts[subjectCodes[row]]);
  }
  return encodeColumn(column.name, out);
}
