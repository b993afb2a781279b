// Parses a policy YAML document into a validated Policy; every error names file, line, field and reason.
import { LineCounter, parseDocument, isNode, visit, type Document } from 'yaml';
import { z } from 'zod';
import { PolicyError } from './errors.js';
import { codeOfZodIssue } from '../zod-issue-code.js';
import type { ColumnPolicy, Policy, PrivacyRequirements, TransformSpec } from './policy.js';
import { parseTransforms, toFieldIssues, type PathIssue } from './parse-transform.js';

const probability = z.number().min(0).max(1);

const columnSchema = z.strictObject({
  role: z.enum(['identifier', 'quasi', 'sensitive', 'insensitive', 'text']),
  transform: z.unknown().optional(),
  /** Shorthand for `transform: { hierarchy: { file, level } }`. */
  hierarchy: z.string().min(1).optional(),
  level: z.union([z.number().int().min(0), z.literal('auto')]).optional(),
});

const privacySchema = z.strictObject({
  k: z.number().int().min(1).optional(),
  l: z.record(z.string(), z.number().min(1)).default({}),
  l_model: z.enum(['distinct', 'entropy', 'recursive']).default('distinct'),
  c: z.number().positive().optional(),
  t: z.record(z.string(), probability).default({}),
  suppression_limit: probability.default(0),
  context: z.enum(['public-release', 'data-use-agreement', 'enclave']).default('public-release'),
  risk_threshold: probability.default(0.05),
  attempt: z
    .strictObject({
      deliberate: probability.default(1),
      inadvertent: probability.default(1),
      breach: probability.default(1),
    })
    .default({ deliberate: 1, inadvertent: 1, breach: 1 }),
});

const generalizationSchema = z.union([
  z
    .enum(['manual', 'auto', 'mondrian'])
    .transform((method) => ({ method, metric: 'loss' as const })),
  z.strictObject({
    method: z.enum(['manual', 'auto', 'mondrian']).default('manual'),
    metric: z.enum(['loss', 'dm', 'aecs', 'precision']).default('loss'),
  }),
]);

const policySchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'want lower-case letters, digits, . _ -'),
  version: z.number().int().min(1),
  mode: z.enum(['listing', 'internal']),
  purpose: z.string().min(1).optional(),
  legal_basis: z.string().min(1).optional(),
  description: z.string().optional(),
  columns: z.record(z.string(), columnSchema),
  privacy: privacySchema.optional(),
  generalization: generalizationSchema.default({ method: 'manual', metric: 'loss' }),
});

/**
 * Parses and validates policy YAML. `source` is the file name used in messages.
 * Throws PolicyError `policy_invalid_yaml` for YAML syntax errors and `policy_invalid` for
 * schema or consistency problems; `issues` lists each as `{ field: "file:line path", reason }`.
 */
export function parsePolicy(text: string, source = 'policy.yaml'): Policy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => ({
      field: `${source}:${lineCounter.linePos(e.pos[0]).line} (syntax)`,
      reason: e.message.split('\n')[0],
      code: 'policy_yaml_syntax' as const,
    }));
    throw new PolicyError('policy_invalid_yaml', `${source}: not valid YAML`, {
      details: { file: source },
      issues,
    });
  }
  refuseAliases(doc, lineCounter, source);
  const locate = (path: readonly (string | number)[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      // A key's own line is a better anchor than its parent map's for a missing/odd value.
      const parent = doc.getIn(path.slice(0, n - 1), true);
      if (n > 0 && parent && typeof parent === 'object' && 'items' in parent) {
        const items = (parent as { items: { key?: unknown }[] }).items;
        const pair = items.find(
          (item) => isNode(item.key) && (item.key as { value?: unknown }).value === path[n - 1],
        );
        if (pair && isNode(pair.key) && pair.key.range)
          return lineCounter.linePos(pair.key.range[0]).line;
      }
    }
    return 1;
  };
  const fail = (issues: PathIssue[]): never => {
    throw new PolicyError(
      'policy_invalid',
      `${source}: ${issues.length} problem(s) in the policy`,
      {
        details: { file: source },
        issues: toFieldIssues(issues, locate, source),
      },
    );
  };

  const js: unknown = doc.toJS();
  const parsed = policySchema.safeParse(js);
  if (!parsed.success) {
    const schemaIssues: PathIssue[] = parsed.error.issues.map((issue) => ({
      path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
      reason: issue.message,
      ...codeOfZodIssue(issue),
    }));
    // Report transform problems in the same pass, so one edit cycle fixes everything.
    const rawColumns = (js as { columns?: unknown } | null)?.columns;
    if (rawColumns && typeof rawColumns === 'object')
      for (const [name, column] of Object.entries(rawColumns))
        if (column && typeof column === 'object' && 'transform' in column)
          parseTransforms(column.transform, ['columns', name, 'transform'], schemaIssues);
    fail(schemaIssues);
  }
  const raw = parsed.data!;
  const issues: PathIssue[] = [];
  const columns: ColumnPolicy[] = [];
  for (const [name, column] of Object.entries(raw.columns)) {
    const path = ['columns', name];
    const transforms: TransformSpec[] = parseTransforms(
      column.transform,
      [...path, 'transform'],
      issues,
    );
    if (column.hierarchy !== undefined) {
      if (column.level === undefined)
        issues.push({
          path: [...path, 'hierarchy'],
          reason: 'a hierarchy needs a level',
          code: 'policy_hierarchy_needs_level',
        });
      else transforms.push({ kind: 'hierarchy', file: column.hierarchy, level: column.level });
    } else if (column.level !== undefined)
      issues.push({
        path: [...path, 'level'],
        reason: 'a level needs a hierarchy',
        code: 'policy_level_needs_hierarchy',
      });
    const declaredSteps =
      column.transform === undefined || column.transform === null
        ? 0
        : Array.isArray(column.transform)
          ? column.transform.length
          : 1;
    checkColumn(
      name,
      column.role,
      transforms,
      raw.mode,
      raw.generalization.method,
      declaredSteps + (column.hierarchy === undefined ? 0 : 1),
      issues,
    );
    columns.push({ name, role: column.role, transforms, line: locate(path) });
  }
  const privacy = raw.privacy ? toPrivacy(raw.privacy) : undefined;
  if (privacy) {
    const byName = new Map(columns.map((c) => [c.name, c]));
    for (const [kind, map] of [
      ['l', privacy.l],
      ['t', privacy.t],
    ] as const)
      for (const sa of Object.keys(map))
        if (byName.get(sa)?.role !== 'sensitive')
          issues.push({
            path: ['privacy', kind, sa],
            reason: `"${sa}" must be a column with role sensitive`,
            code: 'policy_needs_sensitive',
            params: { column: sa },
          });
    if (privacy.lModel === 'recursive' && privacy.c === undefined && Object.keys(privacy.l).length)
      issues.push({
        path: ['privacy', 'c'],
        reason: 'recursive l-diversity needs c',
        code: 'policy_recursive_needs_c',
      });
  }
  if (raw.generalization.method !== 'manual' && privacy?.k === undefined)
    issues.push({
      path: ['generalization'],
      reason: 'automatic generalization needs privacy.k',
      code: 'policy_automatic_needs_k',
    });
  if (issues.length > 0) fail(issues);
  return Object.freeze({
    name: raw.name,
    version: raw.version,
    mode: raw.mode,
    ...(raw.purpose === undefined ? {} : { purpose: raw.purpose }),
    ...(raw.legal_basis === undefined ? {} : { legalBasis: raw.legal_basis }),
    ...(raw.description === undefined ? {} : { description: raw.description }),
    columns,
    ...(privacy ? { privacy } : {}),
    generalization: raw.generalization,
    source,
  });
}

function toPrivacy(p: z.infer<typeof privacySchema>): PrivacyRequirements {
  return {
    ...(p.k === undefined ? {} : { k: p.k }),
    l: p.l,
    lModel: p.l_model,
    ...(p.c === undefined ? {} : { c: p.c }),
    t: p.t,
    suppressionLimit: p.suppression_limit,
    context: p.context,
    riskThreshold: p.risk_threshold,
    attempt: p.attempt,
  };
}

/** Consistency rules between a column's role and its steps, checked before anything runs. */
function checkColumn(
  name: string,
  role: ColumnPolicy['role'],
  transforms: readonly TransformSpec[],
  mode: Policy['mode'],
  method: string,
  declaredSteps: number,
  issues: PathIssue[],
): void {
  const path = ['columns', name];
  const kinds = transforms.map((t) => t.kind);
  const dropIndex = kinds.indexOf('drop');
  if (dropIndex >= 0 && dropIndex !== kinds.length - 1)
    issues.push({
      path: [...path, 'transform'],
      reason: 'nothing can follow drop',
      code: 'policy_after_drop',
    });
  const deriveIndex = kinds.indexOf('derive');
  if (deriveIndex >= 0 && deriveIndex !== kinds.length - 1)
    issues.push({
      path: [...path, 'transform'],
      reason: 'derive drops the column: it must be last',
      code: 'policy_derive_last',
    });
  for (const step of transforms)
    if (
      step.kind === 'derive' &&
      step.fields.includes('age_band') &&
      step.referenceYear === undefined
    )
      issues.push({
        path: [...path, 'transform'],
        reason: 'derive age_band needs reference_year (ages change; the policy fixes the year)',
        code: 'policy_age_band_year',
      });
  for (const step of transforms)
    if (step.kind === 'hierarchy' && step.level === 'auto' && method === 'manual')
      issues.push({
        path: [...path],
        reason: 'level auto needs generalization: auto (or mondrian)',
        code: 'policy_level_auto_manual',
      });
  if (kinds.includes('scrub') && role !== 'text')
    issues.push({
      path: [...path, 'role'],
      reason: 'scrub works on free text: give the column role text',
      code: 'policy_scrub_needs_text',
    });
  // Free text holds identifiers inside sentences: a listing releases it scrubbed or not at all.
  if (mode === 'listing' && role === 'text' && !kinds.includes('scrub') && kinds.at(-1) !== 'drop')
    issues.push({
      path: [...path, 'transform'],
      reason: 'a text column in a listing policy must be scrubbed (transform: scrub) or dropped',
      code: 'policy_text_unscrubbed',
    });
  // An identifier listed untouched would be refused by the gate anyway; say it at parse time.
  if (
    mode === 'listing' &&
    role === 'identifier' &&
    transforms.length === declaredSteps &&
    transforms.every((t) => t.kind === 'keep')
  )
    issues.push({
      path: [...path, 'role'],
      reason:
        'an identifier in a listing policy needs a transform (drop, pseudonym, mask, derive…)',
      code: 'policy_identifier_untransformed',
    });
}

/**
 * A policy has no use for anchors and aliases, and nested aliases expand exponentially ("billion
 * laughs": a few hundred bytes that become gigabytes in toJS). Refused before anything expands.
 */
function refuseAliases(doc: Document, lineCounter: LineCounter, source: string): void {
  const lines: number[] = [];
  visit(doc, {
    Alias(_key, node) {
      lines.push(node.range ? lineCounter.linePos(node.range[0]).line : 1);
      return lines.length >= 5 ? visit.BREAK : undefined;
    },
  });
  if (lines.length === 0) return;
  throw new PolicyError(
    'policy_invalid_yaml',
    `${source}: YAML aliases are not allowed in a policy`,
    {
      details: { file: source },
      issues: lines.map((line) => ({
        field: `${source}:${line} (alias)`,
        reason: 'aliases (*name) are not allowed in a policy; write the value out',
        code: 'policy_yaml_alias' as const,
      })),
    },
  );
}
