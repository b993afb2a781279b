// The one place that reads environment variables: every setting, its default and its validation.
import { availableParallelism, totalmem } from 'node:os';
import { resolve, join } from 'node:path';
import { z } from 'zod';
import type { BlobStoreLocation } from './store/blob-store.js';

const GIB = 1024 * 1024 * 1024;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const environmentSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional(),
  /** Schema used on PostgreSQL; tests set one per run so runs never collide. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  DATABASE_POOL_MAX: positiveInt(20),
  SQLITE_READ_THREADS: positiveInt(2),
  ANONEX_MASTER_KEY: z.string().optional(),
  BLOB_STORE: z.enum(['file', 's3']).default('file'),
  S3_BUCKET: z.string().min(3).optional(),
  S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9!_.*'()-]+\/)*$/, 'empty, or path segments each ending in /')
    .default(''),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JSON_BODY_LIMIT: z.string().default('1mb'),
  MAX_UPLOAD_BYTES: positiveInt(2 * GIB),
  JOB_CONCURRENCY: positiveInt(1),
  JOB_MEMORY_MB: z.coerce.number().int().min(64).optional(),
  LEDGER_BATCH_MAX_ENTRIES: positiveInt(256),
  LEDGER_BATCH_MAX_MS: positiveInt(250),
  LEDGER_ORIGIN: z.string().default('anonex.local/ledger'),
  LEDGER_RECONCILE_START_ENTRIES: z.coerce.number().int().min(0).default(10_000),
  /** Comma-separated `<url> <vkey>` pairs: the witnesses the gateway asks to cosign checkpoints. */
  LEDGER_WITNESSES: z.string().default(''),
  LEDGER_WITNESS_INTERVAL_MS: positiveInt(2_000),
  PUBLIC_URL: z.string().url().optional(),
  EXCHANGE_NAME: z.string().trim().min(1).max(200).default('anonex'),
  EXCHANGE_CONTACT_EMAIL: z.string().email().optional(),
  SHUTDOWN_GRACE_MS: positiveInt(10_000),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z.enum(['true', 'false']).default('false'),
  HOLIDAY_CALENDAR_DIR: z.string().min(1).optional(),
  SERVING_THREADS: z.coerce.number().int().min(1).optional(),
  SERVING_MEMORY_MB: z.coerce.number().int().min(64).default(1024),
  SERVING_CACHE_MB: z.coerce.number().int().min(16).default(4096),
  SERVING_ACCESSES_IN_FLIGHT: z.coerce.number().int().min(1).optional(),
});

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** `sqlite:<path>` for the embedded default, or a postgres:// URL. */
  readonly databaseUrl: string;
  readonly databaseSchema: string | undefined;
  /**
   * PostgreSQL connections one gateway may hold. Orders and catalog reads are short queries, so a
   * pool about twice the cores the database has keeps it busy without queueing in it; several
   * gateways together stay below the server's max_connections (100 by default).
   */
  readonly databasePoolMax: number;
  /**
   * SQLite: worker threads, each with its own query-only connection, that run the heavy reads
   * (catalog pages, key lookups) so they never block the event loop; writes stay on the main
   * connection. Two keeps a 2-core machine's second core busy without starving the first.
   */
  readonly sqliteReadThreads: number;
  /** 32-byte key as hex or base64; when absent the gateway uses DATA_DIR/master.key. */
  readonly masterKey: string | undefined;
  /** Where blobs live: DATA_DIR/blobs (default) or an S3-compatible bucket. */
  readonly blobStore: BlobStoreLocation;
  readonly logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  readonly jsonBodyLimit: string;
  readonly maxUploadBytes: number;
  readonly jobConcurrency: number;
  /**
   * Heap limit (MiB) of each engine worker thread (an upload's profile, a job's run); reaching it
   * fails the task with `job_out_of_memory`. Default: see defaultJobMemoryMb.
   */
  readonly jobMemoryMb: number;
  readonly ledgerBatchMaxEntries: number;
  readonly ledgerBatchMaxMs: number;
  readonly ledgerOrigin: string;
  /**
   * The start check reconciles the business tables with the whole ledger while it holds at most
   * this many entries, and with this many latest entries (plus row counts) beyond; 0 skips it.
   * `anonex ledger audit` always reconciles everything (docs/security.md).
   */
  readonly ledgerReconcileStartEntries: number;
  /**
   * Witnesses (C2SP tlog-witness) the gateway submits each checkpoint to, in order; their
   * cosignatures are added to the stored checkpoint, so receipts and exports carry them.
   */
  readonly ledgerWitnesses: readonly { readonly url: string; readonly vkey: string }[];
  readonly ledgerWitnessIntervalMs: number;
  readonly publicUrl: string | undefined;
  /** The exchange as its public catalog names it (publisher, contact point). */
  readonly exchange: { readonly name: string; readonly contactEmail: string | undefined };
  readonly shutdownGraceMs: number;
  /**
   * Whether webhooks may target loopback, link-local, private and reserved addresses (a gateway
   * whose buyers receive events inside one private network); false refuses them (SSRF).
   */
  readonly webhookAllowPrivateAddresses: boolean;
  /**
   * A directory of `cn-YYYY.json` holiday calendars (the shipped format) for years published after
   * this release, read at start; a year there replaces the shipped one.
   */
  readonly holidayCalendarDir: string | undefined;
  /** The buyers' query engine (DuckDB, services/delivery): see docs/deployment.md "Serving". */
  readonly serving: ServingConfig;
  /**
   * Buyer queries under way at once on this gateway, and apart from them downloads; more wait in
   * arrival order before their work starts (services/admission-queue.ts). Default: four times the
   * machine's cores.
   */
  readonly servingAccessesInFlight: number;
}

export interface ServingConfig {
  /** DuckDB worker threads; default: the machine's cores. */
  readonly threads: number;
  /** DuckDB's memory limit; larger sorts and joins spill to `tempDirectory`. */
  readonly memoryMb: number;
  /** Bound on the local copies of served artifacts (least recently used are removed first). */
  readonly cacheMb: number;
  /** DATA_DIR/serving: the artifact cache and DuckDB's spill files. */
  readonly directory: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** What the machine offers, for defaults that follow it (injected by tests). */
export interface MachineResources {
  readonly totalMemoryBytes: number;
  /** A cgroup's memory limit when the process runs under one (0 or undefined: none). */
  readonly constrainedMemoryBytes?: number;
}

const thisMachine = (): MachineResources => ({
  totalMemoryBytes: totalmem(),
  constrainedMemoryBytes: process.constrainedMemory?.(),
});

/**
 * Three quarters of the memory left after 1 GiB for the gateway itself, shared by the jobs that
 * run at once; at least 512 MiB. On the 24 GiB project machine with one job: 17,664 MiB.
 */
export function defaultJobMemoryMb(machine: MachineResources, jobConcurrency: number): number {
  const constrained = machine.constrainedMemoryBytes ?? 0;
  const bytes =
    constrained > 0 ? Math.min(constrained, machine.totalMemoryBytes) : machine.totalMemoryBytes;
  const availableMb = bytes / (1024 * 1024) - 1024;
  return Math.max(512, Math.floor((availableMb * 0.75) / jobConcurrency));
}

/** Reads and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  machine: MachineResources = thisMachine(),
): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  const dataDir = resolve(values.DATA_DIR);
  const blobStore = blobStoreLocationOf(values, dataDir);
  return Object.freeze({
    host: values.HOST,
    port: values.PORT,
    dataDir,
    databaseUrl: values.DATABASE_URL ?? `sqlite:${join(dataDir, 'anonex.sqlite')}`,
    databaseSchema: values.DATABASE_SCHEMA,
    databasePoolMax: values.DATABASE_POOL_MAX,
    sqliteReadThreads: values.SQLITE_READ_THREADS,
    masterKey: values.ANONEX_MASTER_KEY,
    blobStore,
    logLevel: values.LOG_LEVEL,
    jsonBodyLimit: values.JSON_BODY_LIMIT,
    maxUploadBytes: values.MAX_UPLOAD_BYTES,
    jobConcurrency: values.JOB_CONCURRENCY,
    jobMemoryMb: values.JOB_MEMORY_MB ?? defaultJobMemoryMb(machine, values.JOB_CONCURRENCY),
    ledgerBatchMaxEntries: values.LEDGER_BATCH_MAX_ENTRIES,
    ledgerBatchMaxMs: values.LEDGER_BATCH_MAX_MS,
    ledgerOrigin: values.LEDGER_ORIGIN,
    ledgerReconcileStartEntries: values.LEDGER_RECONCILE_START_ENTRIES,
    ledgerWitnesses: parseWitnessList(values.LEDGER_WITNESSES),
    ledgerWitnessIntervalMs: values.LEDGER_WITNESS_INTERVAL_MS,
    publicUrl: values.PUBLIC_URL,
    exchange: Object.freeze({
      name: values.EXCHANGE_NAME,
      contactEmail: values.EXCHANGE_CONTACT_EMAIL,
    }),
    shutdownGraceMs: values.SHUTDOWN_GRACE_MS,
    webhookAllowPrivateAddresses: values.WEBHOOK_ALLOW_PRIVATE_ADDRESSES === 'true',
    holidayCalendarDir:
      values.HOLIDAY_CALENDAR_DIR === undefined ? undefined : resolve(values.HOLIDAY_CALENDAR_DIR),
    serving: Object.freeze({
      threads: values.SERVING_THREADS ?? availableParallelism(),
      memoryMb: values.SERVING_MEMORY_MB,
      cacheMb: values.SERVING_CACHE_MB,
      directory: join(dataDir, 'serving'),
    }),
    servingAccessesInFlight: values.SERVING_ACCESSES_IN_FLIGHT ?? 4 * availableParallelism(),
  });
}

/**
 * The blob store's location. A bucket is shared by several gateways, so each must be given the
 * deployment's master key: a key generated into one gateway's DATA_DIR could not read the others'.
 */
function blobStoreLocationOf(
  values: z.infer<typeof environmentSchema>,
  dataDir: string,
): BlobStoreLocation {
  if (values.BLOB_STORE === 'file') return { kind: 'file', dataDir };
  const problems: string[] = [];
  if (values.S3_BUCKET === undefined) problems.push('S3_BUCKET: required when BLOB_STORE=s3');
  if (values.ANONEX_MASTER_KEY === undefined)
    problems.push(
      'ANONEX_MASTER_KEY: required when BLOB_STORE=s3 (every gateway of the deployment needs the same key)',
    );
  if ((values.S3_ACCESS_KEY_ID === undefined) !== (values.S3_SECRET_ACCESS_KEY === undefined))
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: give both or neither');
  if (problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return {
    kind: 's3',
    bucket: values.S3_BUCKET as string,
    prefix: values.S3_PREFIX,
    endpoint: values.S3_ENDPOINT,
    region: values.S3_REGION,
    forcePathStyle: values.S3_FORCE_PATH_STYLE === 'true',
    credentials:
      values.S3_ACCESS_KEY_ID === undefined
        ? undefined
        : {
            accessKeyId: values.S3_ACCESS_KEY_ID,
            secretAccessKey: values.S3_SECRET_ACCESS_KEY as string,
          },
  };
}

/** `<url> <vkey>, <url> <vkey>`: each witness's submission prefix and verifier key. */
function parseWitnessList(text: string): { url: string; vkey: string }[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .map((item) => {
      const [url, vkey, ...rest] = item.split(/\s+/);
      if (vkey === undefined || rest.length > 0 || !/^https?:\/\//.test(url))
        throw new ConfigError(
          `LEDGER_WITNESSES: ${JSON.stringify(item)} is not "<http(s) url> <vkey>"`,
        );
      return { url: url.replace(/\/+$/, ''), vkey };
    });
}
