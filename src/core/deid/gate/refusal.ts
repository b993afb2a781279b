// The Art. 29 gate's refusals: each reason a listing run is refused, naming what and where, and its one-line description.
import type { DetectorKind } from '../../detect/detector.js';
import type { Policy, TransformKind } from '../policy.js';

/** One reason a run is refused. */
export type GateRefusal =
  | { readonly kind: 'reversible_step'; readonly column: string; readonly step: TransformKind }
  | { readonly kind: 'unnamed_column'; readonly column: string }
  | {
      readonly kind: 'direct_identifier_remains';
      readonly column: string;
      readonly detector: DetectorKind;
      /** Rows whose value the detector recognises. */
      readonly count: number;
    }
  | {
      /** Identifiers found inside released cells, disguised or in text (gate/identifiers-in-cells.ts). */
      readonly kind: 'identifier_in_cells';
      readonly column: string;
      readonly identifierKind: string;
      /** Rows whose cell holds at least one span of the kind. */
      readonly cells: number;
    }
  | {
      /** A released column whose name holds an identifier (gate/identifiers-in-headers.ts). */
      readonly kind: 'identifier_in_header';
      readonly column: string;
      readonly identifierKinds: readonly string[];
    }
  | {
      /** Running text released under a role other than `text` (gate/text-like.ts). */
      readonly kind: 'text_like_column';
      readonly column: string;
      /** Share of its non-empty cells that are long or sentences. */
      readonly textShare: number;
      readonly threshold: number;
    }
  | {
      /** Two released columns that form an identifier when concatenated (gate/split-identifiers.ts). */
      readonly kind: 'split_identifier';
      readonly column: string;
      readonly secondColumn: string;
      readonly detector: DetectorKind;
      /** Share of sampled rows whose concatenation is a valid identifier. */
      readonly share: number;
    }
  | {
      /** A column declared `text` that is not running text (it would escape k; gate/text-like.ts). */
      readonly kind: 'not_free_text';
      readonly column: string;
      /** Share of its distinct values that are long or sentences. */
      readonly textShare: number;
      readonly threshold: number;
    }
  | {
      readonly kind: 'suppression_limit_exceeded';
      readonly suppressed: number;
      readonly allowed: number;
      /** The declared quasi-identifiers suppression worked over. */
      readonly quasiIdentifiers?: readonly string[];
    }
  | {
      /** A released column not under k that tells most rows apart (gate/near-unique.ts). */
      readonly kind: 'near_unique_column';
      readonly column: string;
      /** Share of the column's non-empty released values held by one row each. */
      readonly uniqueShare: number;
      readonly threshold: number;
      /** The hash the values look like (an unkeyed digest is restored by enumeration). */
      readonly digest?: string;
    }
  | {
      /** An identifier's transform leaves too few candidate originals (gate/candidate-originals.ts). */
      readonly kind: 'recoverable_transform';
      readonly column: string;
      readonly steps: readonly TransformKind[];
      /** The detected kind whose validator (check digit, dates) counted the candidates. */
      readonly identifierKind: string | null;
      /** Fewest candidate originals of a sampled released value. */
      readonly candidates: number;
      /** At least this many are required: max(k, the context's minimum class size). */
      readonly required: number;
    }
  | {
      readonly kind: 'privacy_requirement';
      readonly model: string;
      readonly attribute: string | null;
      readonly value: number | null;
      readonly threshold: number;
      /** The columns classes were formed over (every released column an attacker could know). */
      readonly quasiIdentifiers?: readonly string[];
    };

export interface GateVerdict {
  readonly mode: Policy['mode'];
  /** True when nothing was refused (always true in internal mode: nothing is listed). */
  readonly pass: boolean;
  /** `policy`: refused before any transform ran; `output`: refused after inspecting the result. */
  readonly stage: 'policy' | 'output';
  readonly refusals: readonly GateRefusal[];
}

/** One line per refusal, for the CLI and logs (no data values, only names and counts). */
export function describeRefusal(refusal: GateRefusal): string {
  switch (refusal.kind) {
    case 'reversible_step':
      return `column ${refusal.column}: step ${refusal.step} is reversible (Art. 29: data must not be restorable)`;
    case 'unnamed_column':
      return `column ${refusal.column}: not named by the policy (listing mode refuses what it does not name)`;
    case 'direct_identifier_remains':
      return `column ${refusal.column}: ${refusal.count} value(s) still match the ${refusal.detector} detector`;
    case 'identifier_in_cells':
      return `column ${refusal.column}: ${refusal.cells} cell(s) hold a ${refusal.identifierKind} inside their value (in text, behind a label, encoded or split by separators); give it role text with transform scrub, or drop it`;
    case 'identifier_in_header':
      return `column ${refusal.column}: its name holds a ${refusal.identifierKinds.join(', ')} (the header row is released too); rename the column`;
    case 'text_like_column':
      return `column ${refusal.column}: ${percent(refusal.textShare)} of its cells are running text (threshold ${percent(refusal.threshold)}): declare it role text with transform scrub, or drop it`;
    case 'split_identifier':
      return `columns ${refusal.column} + ${refusal.secondColumn}: joined, ${percent(refusal.share)} of the sampled rows are a valid ${refusal.detector}: an identifier split over two columns; drop or generalize them`;
    case 'not_free_text':
      return `column ${refusal.column}: declared text, but only ${percent(refusal.textShare)} of its distinct values are running text (threshold ${percent(refusal.threshold)}): free text stays outside k, so declare the column's real role`;
    case 'suppression_limit_exceeded':
      return `suppression of ${refusal.suppressed} record(s) needed for k${refusal.quasiIdentifiers ? ` over ${refusal.quasiIdentifiers.join(', ')}` : ''} exceeds the limit of ${refusal.allowed}`;
    case 'near_unique_column':
      return (
        `column ${refusal.column}: ${percent(refusal.uniqueShare)} of its released values are unique (threshold ${percent(refusal.threshold)}): a de facto identifier` +
        (refusal.digest
          ? `; its values look like ${refusal.digest} digests, which an unkeyed hash of an identifier lets anyone restore by enumeration`
          : '') +
        '; generalize it under k, pseudonymize or drop it'
      );
    case 'recoverable_transform':
      return `column ${refusal.column}: ${refusal.steps.join(' + ')} leaves ${refusal.candidates} candidate original(s) for a released value${refusal.identifierKind ? ` (counted with the ${refusal.identifierKind} check)` : ''}, fewer than ${refusal.required}: the identifier can be restored; drop, derive or pseudonymize it`;
    case 'privacy_requirement':
      return `${refusal.model}${refusal.attribute ? ` on ${refusal.attribute}` : ''}${refusal.quasiIdentifiers ? ` over ${refusal.quasiIdentifiers.join(', ')}` : ''}: measured ${refusal.value ?? 'undefined'}, threshold ${refusal.threshold}`;
  }
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}
