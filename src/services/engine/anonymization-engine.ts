// The one seam between the provider workflow and the engine (core/table, detect, deid, privacy,
// report): datasets profile uploads through it and the job runner anonymizes through it.
import type { ReportCertificate } from '../../core/report/index.js';
import type { StoredBlob } from '../../store/blob-store.js';
import type { DataFormat } from '../datasets/catalog-metadata.js';

export interface ColumnFinding {
  readonly kind: string;
  readonly match_rate: number;
  readonly confidence: number;
}

/** What a provider sees of an upload: figures and masked examples, never a raw value. */
export interface ColumnProfile {
  readonly name: string;
  readonly type: string;
  readonly nulls: number;
  /** Null when the detector skipped counting (very high-cardinality columns). */
  readonly distinct: number | null;
  readonly findings: readonly ColumnFinding[];
  readonly direct_identifier: boolean;
  /** Up to three distinct values, masked (see maskExample). */
  readonly examples: readonly string[];
}

export interface DatasetProfile {
  readonly rows: number;
  readonly encoding: string;
  readonly columns: readonly ColumnProfile[];
}

/** A blob of the store, read by the engine's worker thread itself (never copied through the gateway). */
export interface BlobReference {
  readonly sha256: string;
  readonly raw: boolean;
  readonly sizeBytes: number;
}

/** Where a table's bytes are: a stored blob (the gateway), or bytes in memory (tests, tools). */
export type TableSource = { readonly blob: BlobReference } | { readonly content: Buffer };

export type TableInput = TableSource & {
  readonly format: DataFormat;
  /** Overrides encoding detection (`utf-8`, `gb18030`). */
  readonly encoding?: string;
  /**
   * A CSV's data rows, counted on its way into the store (core/table CsvRowCounter): spares the
   * profile a pass over the blob. A hint, checked against the rows the profile reads.
   */
  readonly csvRows?: number;
};

export type AnonymizationInput = TableInput & {
  readonly policyYaml: string;
  /** Name the policy is reported under (file name or `uploaded`). */
  readonly policySource: string;
  readonly seed: number;
  readonly rawSha256: string;
  /**
   * Who provided which dataset revision, and the job: printed on the HTML report's certificate
   * (before review; the review's decision is added when a review's report is rendered).
   */
  readonly certificate?: Pick<ReportCertificate, 'provider' | 'dataset' | 'jobId'>;
};

/** The phases a running job reports, in order. */
export const JOB_PHASES = [
  'loading',
  'detecting',
  'transforming',
  'measuring',
  'reporting',
] as const;
export type JobPhase = (typeof JOB_PHASES)[number];

export interface ProgressUpdate {
  readonly phase: JobPhase;
  /** 0..100 over the whole run. */
  readonly pct: number;
}

export interface AnonymizationResult {
  /**
   * The anonymized table, serialised in `artifactFormat`: already in the blob store when the engine
   * stored it from its worker thread, else the bytes for the job runner to store.
   */
  readonly artifact: Buffer | StoredBlob;
  readonly artifactFormat: DataFormat;
  /** The report document (core/report JSON); its canonical JSON is what reviewers approve. */
  readonly report: Readonly<Record<string, unknown>>;
  readonly reportHtml: string;
  /** GB/T 42460 identifiability level. */
  readonly level: 'L1' | 'L2' | 'L3' | 'L4';
  /** The Art. 29 irreversibility gate. */
  readonly gatePassed: boolean;
  /** Headline figures for job listings (k, R, suppressed, rows). */
  readonly summary: Readonly<Record<string, unknown>>;
}

export interface AnonymizationEngine {
  /** Reads the table and returns the per-column profile with detector findings. */
  profileDataset(input: TableInput): Promise<DatasetProfile>;
  /**
   * Runs a policy over a raw table. Calls `onProgress` between phases; when it throws (a cancelled
   * job), the run stops with that error.
   */
  anonymize(
    input: AnonymizationInput,
    onProgress: (update: ProgressUpdate) => Promise<void>,
  ): Promise<AnonymizationResult>;
  /** The first `limit` rows of an anonymized artifact, for listing previews. */
  previewRows(input: TableInput, limit: number): Promise<Record<string, unknown>[]>;
}

/**
 * Masks an example value so a provider recognises the column without the value leaving the
 * store: long values keep their first and last character, short ones only their last, and values
 * of direct-identifier columns keep nothing but their length.
 */
export function maskExample(value: string, directIdentifier: boolean): string {
  const characters = [...value];
  if (directIdentifier || characters.length <= 1) return '*'.repeat(Math.max(characters.length, 1));
  if (characters.length <= 4) return '*'.repeat(characters.length - 1) + characters.at(-1);
  return characters[0] + '*'.repeat(characters.length - 2) + characters.at(-1);
}
