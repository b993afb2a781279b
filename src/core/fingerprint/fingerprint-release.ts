// The release a listing sells, as fingerprinting sees it: its table, which columns form the
// equivalence classes, which are sensitive, and the thresholds every marked copy must still pass.
import type { ColumnTable } from 'arquero';
import {
  computeEquivalenceClasses,
  type ContextProbabilities,
  type EquivalenceClasses,
  type PrivacyRequirements,
  type ReleaseContext,
} from '../privacy/index.js';
import { encodeColumn, type DictionaryColumn } from '../table/dictionary-column.js';
import { encodeCanonicalColumn } from './canonical-value.js';
import { FingerprintError } from './fingerprint-error.js';

export interface FingerprintRelease {
  /** The released artifact; row ordinals in a plan index its rows in this order. */
  readonly table: ColumnTable;
  /**
   * The columns equivalence classes are formed over. Under the gate this is every released column
   * that is not sensitive (an attacker may know any of them); pass what the gate measured k over.
   */
  readonly quasiIdentifiers: readonly string[];
  /** Sensitive columns: l, t and δ are measured on them. */
  readonly sensitive: readonly string[];
  /** Thresholds the release passed (k, l, t…); a marked copy must pass every one of them too. */
  readonly requirements: PrivacyRequirements;
  /** The GB/T 42460 assessment the release passed: its context, R threshold and pr inputs. */
  readonly gbt42460?: {
    readonly context: ReleaseContext;
    readonly riskThreshold: number;
    readonly probabilities?: ContextProbabilities;
  };
}

/** A release encoded once for planning, marking or attribution. */
export interface EncodedRelease {
  readonly rowCount: number;
  readonly columnNames: readonly string[];
  /** Every column as canonical text (see canonical-value.ts): what a leaked copy is matched against. */
  readonly canonical: readonly DictionaryColumn[];
  /** The quasi-identifiers and sensitive columns as raw strings, exactly as the gate measured them. */
  readonly quasiIdentifiers: readonly DictionaryColumn[];
  readonly sensitive: readonly DictionaryColumn[];
  /** Classes over the raw quasi-identifiers. */
  readonly classes: EquivalenceClasses;
  /** Per row: how many rows of the release share its whole canonical content (1 = unique). */
  readonly contentSizes: Int32Array;
}

/** Encodes `release`; throws `fingerprint_unknown_column` when it names a column its table lacks. */
export function encodeRelease(release: FingerprintRelease): EncodedRelease {
  const { table } = release;
  const columnNames = table.columnNames();
  const present = new Set(columnNames);
  for (const name of [...release.quasiIdentifiers, ...release.sensitive]) {
    if (!present.has(name)) {
      throw new FingerprintError(
        'fingerprint_unknown_column',
        `the release names column ${name}, which its table does not have`,
        { details: { column: name } },
      );
    }
  }
  const raw = (name: string): DictionaryColumn =>
    encodeColumn(name, table.array(name) as ArrayLike<unknown>);
  const canonical = columnNames.map((name) =>
    encodeCanonicalColumn(name, table.array(name) as ArrayLike<unknown>),
  );
  const quasiIdentifiers = release.quasiIdentifiers.map(raw);
  const contents = computeEquivalenceClasses(canonical);
  const contentSizes = new Int32Array(table.numRows());
  for (let row = 0; row < contentSizes.length; row++)
    contentSizes[row] = contents.classSizes[contents.classOfRecord[row]];
  return {
    rowCount: table.numRows(),
    columnNames,
    canonical,
    quasiIdentifiers,
    sensitive: release.sensitive.map(raw),
    classes: computeEquivalenceClasses(quasiIdentifiers),
    contentSizes,
  };
}
