// The de-identification policy model: what each column is and what happens to it (policies/README.md).
import type { IdentifierKind } from '../detect/kinds.js';

/**
 * The part a column plays in re-identification (ISO/IEC 20889 terms), and `text`: free text whose
 * identifiers sit inside sentences, released only scrubbed span by span (`transform: scrub`).
 */
export type ColumnRole = 'identifier' | 'quasi' | 'sensitive' | 'insensitive' | 'text';

/** Every role, in the order the policy docs list them. */
export const COLUMN_ROLES: readonly ColumnRole[] = [
  'identifier',
  'quasi',
  'sensitive',
  'insensitive',
  'text',
];

/** What a scrub does with a cell that holds an identifier: replace each span, or empty the cell. */
export type ScrubCell = 'placeholder' | 'drop';

/**
 * listing: the Art. 29 gate applies (no reversible step, no direct identifier left, every column named).
 * internal: pseudonymised use inside the provider; reversible steps are allowed, nothing is listed.
 */
export type PolicyMode = 'listing' | 'internal';

export type DateGranularity = 'year' | 'quarter' | 'month';

/** What a resident-ID number can be reduced to before it is dropped. */
export type DeriveField = 'birth_year' | 'birth_decade' | 'age_band' | 'sex' | 'province' | 'city';

export type SyntheticGenerator = 'name' | 'address' | 'phone' | 'email' | 'company' | 'text';

export type SyntheticLocale = 'zh_CN' | 'en';

/** One transform step, discriminated by `kind`; YAML spells them in snake_case (policies/README.md). */
export type TransformSpec =
  | { readonly kind: 'keep' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'redact'; readonly value: string }
  | {
      readonly kind: 'mask';
      readonly keepStart: number;
      readonly keepEnd: number;
      readonly maskChar: string;
    }
  | { readonly kind: 'pseudonym'; readonly lengthHex: number; readonly keepKey: boolean }
  | { readonly kind: 'bands'; readonly width: number; readonly start: number }
  | { readonly kind: 'breakpoints'; readonly breakpoints: readonly number[] }
  | { readonly kind: 'round'; readonly to: number }
  | { readonly kind: 'top_bottom'; readonly bottom?: number; readonly top?: number }
  | { readonly kind: 'date'; readonly to: DateGranularity }
  | {
      readonly kind: 'age_from_birth_date';
      readonly referenceDate: string;
      readonly bandWidth?: number;
    }
  | { readonly kind: 'date_shift'; readonly maxDays: number; readonly subject?: string }
  | { readonly kind: 'hierarchy'; readonly file: string; readonly level: number | 'auto' }
  | {
      readonly kind: 'derive';
      readonly fields: readonly DeriveField[];
      readonly referenceYear?: number;
      readonly ageBandWidth: number;
      readonly role: ColumnRole;
    }
  | { readonly kind: 'ip_truncate'; readonly v4Prefix: number; readonly v6Prefix: number }
  | { readonly kind: 'laplace_noise'; readonly scale: number; readonly decimals: number }
  | {
      readonly kind: 'synthetic';
      readonly generator: SyntheticGenerator;
      readonly locale: SyntheticLocale;
    }
  | {
      readonly kind: 'scrub';
      /** Kinds replaced (detect's IDENTIFIER_KINDS names); absent: every kind. */
      readonly kinds?: readonly IdentifierKind[];
      readonly cell: ScrubCell;
    }
  | { readonly kind: 'encrypt' }
  | { readonly kind: 'tokenize' };

export type TransformKind = TransformSpec['kind'];

/** Steps anyone holding a kept secret or table could undo: never allowed in listing mode (Art. 29). */
export const REVERSIBLE_KINDS: ReadonlySet<TransformKind> = new Set(['encrypt', 'tokenize']);

/**
 * Steps after which nobody outside the run can compute a person's released value from the
 * original: a keyed pseudonym (its key destroyed after the run) and a synthetic draw. Such a
 * column links rows of the release to each other but not to anything an attacker holds.
 */
export const UNLINKABLE_STEPS: ReadonlySet<TransformKind> = new Set(['pseudonym', 'synthetic']);

/** True when the step can be undone by whoever holds what the run kept. */
export function isReversible(step: TransformSpec): boolean {
  return REVERSIBLE_KINDS.has(step.kind) || (step.kind === 'pseudonym' && step.keepKey);
}

export interface ColumnPolicy {
  readonly name: string;
  readonly role: ColumnRole;
  /** Applied in order; an empty list keeps the column as it is. */
  readonly transforms: readonly TransformSpec[];
  /** 1-based line of the column's entry in the policy file, for messages. */
  readonly line: number;
}

export type ReleaseContext = 'public-release' | 'data-use-agreement' | 'enclave';

export type LDiversityModel = 'distinct' | 'entropy' | 'recursive';

export interface PrivacyRequirements {
  readonly k?: number;
  /** Minimum l per sensitive attribute. */
  readonly l: Readonly<Record<string, number>>;
  readonly lModel: LDiversityModel;
  /** c of recursive (c,l)-diversity. */
  readonly c?: number;
  /** Maximum t-closeness distance per sensitive attribute. */
  readonly t: Readonly<Record<string, number>>;
  /** Share of records (0..1) that may be suppressed. */
  readonly suppressionLimit: number;
  readonly context: ReleaseContext;
  /** GB/T 42460 R threshold. */
  readonly riskThreshold: number;
  /** GB/T 42460 pr(context) inputs: probabilities of a deliberate attempt, an inadvertent one, a breach. */
  readonly attempt: {
    readonly deliberate: number;
    readonly inadvertent: number;
    readonly breach: number;
  };
}

export type GeneralizationMethod = 'manual' | 'auto' | 'mondrian';

export type UtilityMetric = 'loss' | 'dm' | 'aecs' | 'precision';

export interface Policy {
  readonly name: string;
  readonly version: number;
  readonly mode: PolicyMode;
  readonly purpose?: string;
  readonly legalBasis?: string;
  readonly description?: string;
  /** In file order. */
  readonly columns: readonly ColumnPolicy[];
  readonly privacy?: PrivacyRequirements;
  readonly generalization: {
    readonly method: GeneralizationMethod;
    readonly metric: UtilityMetric;
  };
  /** File the policy came from (for messages), as the caller named it. */
  readonly source: string;
}

/** Hierarchy files named by the policy (paths as written in it), in the order they appear. */
export function hierarchyFiles(policy: Policy): string[] {
  const files = new Set<string>();
  for (const column of policy.columns)
    for (const step of column.transforms) if (step.kind === 'hierarchy') files.add(step.file);
  return [...files];
}
