// The database a benchmark's gateways use: SQLite in each gateway's DATA_DIR, or, when
// DATABASE_URL names PostgreSQL, a fresh schema `bench_<random>` per gateway, dropped afterwards.
// A fresh schema matters: a gateway refuses a ledger signed by another gateway's key
// (ledger_untrusted_signer), so a bench run on a schema an earlier run left behind fails.
import { randomBytes } from 'node:crypto';
import { databaseKind, openDatabase } from '../../src/store/db.js';

export interface BenchDatabase {
  readonly postgres: boolean;
  /** 'PostgreSQL' or 'SQLite', for the benchmark's report. */
  readonly label: string;
  /**
   * The environment for a gateway (or CLI) on a new schema of its own: DATABASE_URL and
   * DATABASE_SCHEMA on PostgreSQL; nothing on SQLite (the database lives in DATA_DIR).
   */
  freshSchemaEnv(): Record<string, string>;
  /** Drops every schema freshSchemaEnv made (after the gateways using them stopped). */
  drop(): Promise<void>;
}

export function benchDatabase(url: string | undefined = process.env.DATABASE_URL): BenchDatabase {
  const postgresUrl = url && databaseKind(url) === 'postgres' ? url : undefined;
  const schemas: string[] = [];
  return {
    postgres: postgresUrl !== undefined,
    label: postgresUrl ? 'PostgreSQL' : 'SQLite',
    freshSchemaEnv(): Record<string, string> {
      if (!postgresUrl) return {};
      const schema = `bench_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      return { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema };
    },
    async drop() {
      if (!postgresUrl || schemas.length === 0) return;
      const db = await openDatabase({ url: postgresUrl });
      try {
        for (const schema of schemas.splice(0))
          await db.raw('drop schema if exists ?? cascade', [schema]);
      } finally {
        await db.destroy();
      }
    },
  };
}
