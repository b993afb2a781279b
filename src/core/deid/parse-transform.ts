// Parses one column's `transform:` entry (a name, a one-key map, or a list of them) into TransformSpecs.
import { z } from 'zod';
import type { FieldIssue, FieldIssueCode } from '../errors.js';
import { codedRefinement, codeOfZodIssue } from '../zod-issue-code.js';
import { IDENTIFIER_KINDS, isIdentifierKind, type IdentifierKind } from '../detect/kinds.js';
import type { DeriveField, TransformSpec } from './policy.js';

/** A problem found while parsing, located by its path inside the YAML document. */
export interface PathIssue {
  readonly path: readonly (string | number)[];
  /** The English sentence (API, CLI); `code` and `params` let the console say it in its language. */
  readonly reason: string;
  readonly code: FieldIssueCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

const isoDate = z
  .string()
  .refine(
    (text) => /^\d{4}-\d{2}-\d{2}$/.test(text),
    codedRefinement('policy_date_format', 'want a date as YYYY-MM-DD'),
  );
const role = z.enum(['identifier', 'quasi', 'sensitive', 'insensitive', 'text']);
const identifierKind = z
  .string()
  .refine(
    isIdentifierKind,
    codedRefinement(
      'policy_unknown_identifier_kind',
      `unknown identifier kind; want one of ${IDENTIFIER_KINDS.join(', ')}`,
    ),
  );
const deriveField = z.enum(['birth_year', 'birth_decade', 'age_band', 'sex', 'province', 'city']);

/**
 * Parameter schema and builder per transform name. Params of a bare name (`drop`) are `{}`;
 * list-shaped params (`derive: [a, b]`, `breakpoints: [1, 2]`) are rewritten by `shorthand`.
 */
const steps: Record<
  string,
  { params: z.ZodType; build: (p: never) => TransformSpec; shorthand?: string }
> = {
  keep: { params: z.strictObject({}), build: () => ({ kind: 'keep' }) },
  drop: { params: z.strictObject({}), build: () => ({ kind: 'drop' }) },
  redact: {
    params: z.strictObject({ value: z.string().default('*') }),
    build: (p: { value: string }) => ({ kind: 'redact', value: p.value }),
    shorthand: 'value',
  },
  mask: {
    params: z.strictObject({
      keep_start: z.number().int().min(0).default(0),
      keep_end: z.number().int().min(0).default(0),
      char: z.string().length(1).default('*'),
    }),
    build: (p: { keep_start: number; keep_end: number; char: string }) => ({
      kind: 'mask',
      keepStart: p.keep_start,
      keepEnd: p.keep_end,
      maskChar: p.char,
    }),
  },
  pseudonym: {
    params: z.strictObject({
      length: z.number().int().min(8).max(64).default(16),
      keep_key: z.boolean().default(false),
    }),
    build: (p: { length: number; keep_key: boolean }) => ({
      kind: 'pseudonym',
      lengthHex: p.length,
      keepKey: p.keep_key,
    }),
  },
  bands: {
    params: z.strictObject({ width: z.number().positive(), start: z.number().default(0) }),
    build: (p: { width: number; start: number }) => ({
      kind: 'bands',
      width: p.width,
      start: p.start,
    }),
    shorthand: 'width',
  },
  breakpoints: {
    params: z.strictObject({
      at: z
        .array(z.number())
        .min(1)
        .refine(
          (a) => a.every((v, i) => i === 0 || v > a[i - 1]),
          codedRefinement('policy_not_increasing', 'want strictly increasing'),
        ),
    }),
    build: (p: { at: number[] }) => ({ kind: 'breakpoints', breakpoints: p.at }),
    shorthand: 'at',
  },
  round: {
    params: z.strictObject({ to: z.number().positive() }),
    build: (p: { to: number }) => ({ kind: 'round', to: p.to }),
    shorthand: 'to',
  },
  top_bottom: {
    params: z
      .strictObject({ bottom: z.number().optional(), top: z.number().optional() })
      .refine(
        (p) => p.bottom !== undefined || p.top !== undefined,
        codedRefinement('policy_bounds', 'want bottom, top or both'),
      )
      .refine(
        (p) => p.bottom === undefined || p.top === undefined || p.bottom < p.top,
        codedRefinement('policy_bounds', 'want bottom < top'),
      ),
    build: (p: { bottom?: number; top?: number }) => ({ kind: 'top_bottom', ...p }),
  },
  date: {
    params: z.strictObject({ to: z.enum(['year', 'quarter', 'month']) }),
    build: (p: { to: 'year' | 'quarter' | 'month' }) => ({ kind: 'date', to: p.to }),
    shorthand: 'to',
  },
  age_from_birth_date: {
    params: z.strictObject({
      reference_date: isoDate,
      band: z.number().int().positive().optional(),
    }),
    build: (p: { reference_date: string; band?: number }) => ({
      kind: 'age_from_birth_date',
      referenceDate: p.reference_date,
      ...(p.band === undefined ? {} : { bandWidth: p.band }),
    }),
  },
  date_shift: {
    params: z.strictObject({
      max_days: z.number().int().positive(),
      subject: z.string().min(1).optional(),
    }),
    build: (p: { max_days: number; subject?: string }) => ({
      kind: 'date_shift',
      maxDays: p.max_days,
      ...(p.subject === undefined ? {} : { subject: p.subject }),
    }),
  },
  hierarchy: {
    params: z.strictObject({
      file: z.string().min(1),
      level: z.union([z.number().int().min(0), z.literal('auto')]),
    }),
    build: (p: { file: string; level: number | 'auto' }) => ({
      kind: 'hierarchy',
      file: p.file,
      level: p.level,
    }),
  },
  derive: {
    params: z.strictObject({
      fields: z.array(deriveField).min(1),
      reference_year: z.number().int().min(1900).max(2200).optional(),
      age_band: z.number().int().positive().default(10),
      role: role.default('quasi'),
    }),
    build: (p: {
      fields: DeriveField[];
      reference_year?: number;
      age_band: number;
      role: 'identifier' | 'quasi' | 'sensitive' | 'insensitive' | 'text';
    }) => ({
      kind: 'derive',
      fields: p.fields,
      ageBandWidth: p.age_band,
      role: p.role,
      ...(p.reference_year === undefined ? {} : { referenceYear: p.reference_year }),
    }),
    shorthand: 'fields',
  },
  ip_truncate: {
    params: z.strictObject({
      v4_prefix: z.number().int().min(0).max(32).default(24),
      v6_prefix: z.number().int().min(0).max(128).default(48),
    }),
    build: (p: { v4_prefix: number; v6_prefix: number }) => ({
      kind: 'ip_truncate',
      v4Prefix: p.v4_prefix,
      v6Prefix: p.v6_prefix,
    }),
  },
  laplace_noise: {
    params: z.strictObject({
      scale: z.number().positive(),
      decimals: z.number().int().min(0).max(10).default(0),
    }),
    build: (p: { scale: number; decimals: number }) => ({
      kind: 'laplace_noise',
      scale: p.scale,
      decimals: p.decimals,
    }),
  },
  synthetic: {
    params: z.strictObject({
      generator: z.enum(['name', 'address', 'phone', 'email', 'company', 'text']),
      locale: z.enum(['zh_CN', 'en']).default('zh_CN'),
    }),
    build: (p: {
      generator: 'name' | 'address' | 'phone' | 'email' | 'company' | 'text';
      locale: 'zh_CN' | 'en';
    }) => ({ kind: 'synthetic', generator: p.generator, locale: p.locale }),
    shorthand: 'generator',
  },
  scrub: {
    params: z.strictObject({
      kinds: z.array(identifierKind).min(1).optional(),
      cell: z.enum(['placeholder', 'drop']).default('placeholder'),
    }),
    build: (p: { kinds?: string[]; cell: 'placeholder' | 'drop' }) => ({
      kind: 'scrub',
      cell: p.cell,
      ...(p.kinds === undefined ? {} : { kinds: p.kinds as IdentifierKind[] }),
    }),
  },
  encrypt: { params: z.strictObject({}), build: () => ({ kind: 'encrypt' }) },
  tokenize: { params: z.strictObject({}), build: () => ({ kind: 'tokenize' }) },
};

/** The transform names a policy may use, for messages and docs. */
export const TRANSFORM_NAMES: readonly string[] = Object.keys(steps);

/**
 * Parses `raw` (the value of `transform:`) found at `path`. Returns the steps, or pushes
 * issues and returns an empty list.
 */
export function parseTransforms(
  raw: unknown,
  path: readonly (string | number)[],
  issues: PathIssue[],
): TransformSpec[] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) {
    const out: TransformSpec[] = [];
    raw.forEach((item, index) => {
      const step = parseStep(item, [...path, index], issues);
      if (step) out.push(step);
    });
    return out;
  }
  const step = parseStep(raw, path, issues);
  return step ? [step] : [];
}

function parseStep(
  raw: unknown,
  path: readonly (string | number)[],
  issues: PathIssue[],
): TransformSpec | undefined {
  let name: string;
  let params: unknown;
  if (typeof raw === 'string') {
    name = raw;
    params = {};
  } else if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const keys = Object.keys(raw);
    if (keys.length !== 1) {
      issues.push({
        path,
        reason: `want one transform name as the only key, got ${keys.length}`,
        code: 'policy_transform_shape',
      });
      return undefined;
    }
    name = keys[0];
    params = (raw as Record<string, unknown>)[name] ?? {};
  } else {
    issues.push({
      path,
      reason: 'want a transform name or a one-key map',
      code: 'policy_transform_shape',
    });
    return undefined;
  }
  const step = steps[name];
  if (!step) {
    issues.push({
      path: typeof raw === 'string' ? path : [...path, name],
      reason: `unknown transform "${name}"; want one of ${TRANSFORM_NAMES.join(', ')}`,
      code: 'policy_unknown_transform',
      params: { name },
    });
    return undefined;
  }
  if (step.shorthand && (typeof params !== 'object' || params === null || Array.isArray(params)))
    params = { [step.shorthand]: params };
  const parsed = step.params.safeParse(params);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      issues.push({
        path: [...path, ...(typeof raw === 'string' ? [] : [name]), ...pathOf(issue.path)],
        reason: issue.message,
        ...codeOfZodIssue(issue),
      });
    return undefined;
  }
  return step.build(parsed.data as never);
}

function pathOf(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/** Formats path issues as field issues (`file:line field`). */
export function toFieldIssues(
  issues: readonly PathIssue[],
  locate: (path: readonly (string | number)[]) => number,
  source: string,
): FieldIssue[] {
  return issues.map((issue) => ({
    field: `${source}:${locate(issue.path)} ${issue.path.join('.') || '(document)'}`,
    reason: issue.reason,
    code: issue.code,
    ...(issue.params ? { params: issue.params } : {}),
  }));
}
