// The catalog metadata seed Art. 10 requires of every dataset, with the Art. 15–16 and Art. 21 rules.
import { z } from 'zod';
import type { FieldIssue } from '../../core/errors.js';
import { validationFailed } from '../errors.js';
import { codeOfZodIssue } from './parse-input.js';

/** Data Security Law classification: core / important / general data. */
export const SECURITY_GRADES = ['core', 'important', 'general'] as const;
/** Art. 15 sharing types and Art. 21 open types share one vocabulary. */
export const SHARING_TYPES = ['unconditional', 'conditional', 'none'] as const;
export const SHARING_METHODS = ['download', 'query_api'] as const;
export const DATA_FORMATS = ['csv', 'jsonl', 'arrow'] as const;
export const UPDATE_FREQUENCIES = [
  'once',
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'irregular',
] as const;

export type SecurityGrade = (typeof SECURITY_GRADES)[number];
export type SharingType = (typeof SHARING_TYPES)[number];
export type DataFormat = (typeof DATA_FORMATS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/** One body schema, used for validation here and for the OpenAPI document at the edge. */
export const catalogMetadataSchema = z
  .object({
    classification: z.object({
      /** Subject category (e.g. 医疗卫生 / health). */
      subjectCategory: text(200),
      securityGrade: z.enum(SECURITY_GRADES),
    }),
    format: z.enum(DATA_FORMATS),
    /** The data dictionary: one entry per column. */
    attributes: z
      .array(z.object({ column: text(200), description: text(2000), unit: text(50).optional() }))
      .min(1),
    updateFrequency: z.enum(UPDATE_FREQUENCIES),
    sharingType: z.enum(SHARING_TYPES),
    openType: z.enum(SHARING_TYPES),
    sharingMethod: z.array(z.enum(SHARING_METHODS)).min(1),
    usageRequirements: text(4000),
    /** Required when sharingType or openType is conditional or none (Art. 16, Art. 21). */
    legalBasis: text(2000).optional(),
    dataSource: text(4000),
    /** Art. 7: the purpose the data was collected for. */
    purpose: text(2000).optional(),
  })
  .strict();

export type CatalogMetadata = z.infer<typeof catalogMetadataSchema>;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Validates Art. 10 metadata; throws `validation_failed` whose issues name every missing field
 * (reason `missing`) and every invalid one. Conditional and not-shared data must cite a legal
 * basis (Art. 16; Art. 21 for open types).
 */
export function validateCatalogMetadata(input: unknown): CatalogMetadata {
  const parsed = catalogMetadataSchema.safeParse(input);
  const issues: FieldIssue[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.') || '(root)';
      const missing = valueAt(input, issue.path) === undefined;
      issues.push(
        missing
          ? { field, reason: 'missing', code: 'required' }
          : { field, reason: issue.message, ...codeOfZodIssue(issue) },
      );
    }
  } else {
    const metadata = parsed.data;
    const restricted =
      metadata.sharingType !== 'unconditional' || metadata.openType !== 'unconditional';
    if (restricted && metadata.legalBasis === undefined) {
      issues.push({ field: 'legalBasis', reason: 'missing', code: 'required' });
    }
    const columns = metadata.attributes.map((attribute) => attribute.column);
    const duplicate = columns.find((column, index) => columns.indexOf(column) !== index);
    if (duplicate !== undefined) {
      issues.push({
        field: 'attributes',
        reason: `column "${duplicate}" is described twice`,
        code: 'duplicate',
        params: { column: duplicate },
      });
    }
  }
  if (issues.length > 0 || !parsed.success) {
    const missing = issues.filter((issue) => issue.reason === 'missing').map((i) => i.field);
    throw validationFailed(
      missing.length > 0
        ? `catalog metadata is missing ${missing.join(', ')}`
        : 'catalog metadata is invalid',
      issues,
    );
  }
  return parsed.data;
}
