// A listing over a real release (the hospital fixture through the shipped policy) with the report
// and policy an attribution reads, and leaked copies made as the in-value mark makes them: the
// copy a trade's key gives under the listing's plan (core markCopy), as CSV.
import { readFileSync } from 'node:fs';
import type { ColumnTable } from 'arquero';
import { buildHospitalRelease } from '../../fixtures/fingerprint/hospital-release.js';
import { parsePolicy } from '../../src/core/deid/index.js';
import {
  fingerprintReleaseOf,
  markCopy,
  planFingerprint,
  prepareRelease,
  type FingerprintPlan,
  type PreparedRelease,
} from '../../src/core/fingerprint/index.js';
import { readTable, writeTable } from '../../src/core/table/index.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { listingFingerprintKey } from '../../src/services/incidents/index.js';
import { openFingerprintKey } from '../../src/services/orders/fingerprint-key.js';
import { findTrade } from '../../src/store/repositories/trades.js';
import { createListingFixture, type ListingFixture } from './buyer-workflow.js';
import type { TestGateway, TestMember } from './gateway.js';

const POLICY_PATH = 'policies/hospital-visits.yaml';

export interface ReleaseListing {
  readonly listing: ListingFixture;
  /** The release as the gateway reads it back from the stored artifact. */
  readonly prepared: PreparedRelease;
  readonly plan: FingerprintPlan;
  /** The CSV of the copy trade `tradeId` receives (withheld rows left out). */
  leakedCopyOf(tradeId: string): Promise<Buffer>;
}

/** A published listing of `rows` visits (the release's rows in release order, as CSV). */
export async function createReleaseListing(
  deps: ServiceDeps,
  options: {
    rows?: number;
    providerOrganizationId?: string;
    /** Reshapes the released table before it is listed (e.g. to leave the plan no room). */
    reshape?: (table: ColumnTable, quasiIdentifiers: readonly string[]) => ColumnTable;
  } = {},
): Promise<ReleaseListing> {
  const built = buildHospitalRelease({ rows: options.rows ?? 4000, seed: 19 });
  const table = options.reshape?.(built.table, built.quasiIdentifiers) ?? built.table;
  const csv = Buffer.from(writeTable(table, 'csv')).toString('utf8');
  const listing = await createListingFixture(deps, {
    artifactCsv: csv,
    providerOrganizationId: options.providerOrganizationId,
  });
  const columns = table.columnNames();
  const roles = Object.fromEntries(
    columns.map((column) => [column, built.sensitive.includes(column) ? 'sensitive' : 'quasi']),
  );
  const report = {
    transforms: columns.map((column) => ({
      column,
      role: roles[column],
      steps: [],
      outputs: [column],
    })),
    gate: { quasiIdentifiers: { declared: [], measured: built.quasiIdentifiers } },
  };
  const stored = await deps.blobs.put(Buffer.from(JSON.stringify(report)), { raw: false });
  const policyYaml = readFileSync(POLICY_PATH, 'utf8');
  const row = (await deps.db('listings').where({ id: listing.listingId }).first()) as {
    job_id: string;
  };
  await deps
    .db('listings')
    .where({ id: listing.listingId })
    .update({ report_sha256: stored.sha256 });
  await deps.db('anonymization_jobs').where({ id: row.job_id }).update({ policy_yaml: policyYaml });
  const prepared = prepareRelease(
    fingerprintReleaseOf(
      readTable(Buffer.from(csv), { format: 'csv' }).table,
      {
        roles: roles as Record<string, 'quasi' | 'sensitive'>,
        quasiIdentifiers: built.quasiIdentifiers,
      },
      parsePolicy(policyYaml, POLICY_PATH),
    ),
  );
  const plan = planFingerprint(prepared, {
    listingKey: await listingFingerprintKey(deps, listing.listingId),
  });
  return {
    listing,
    prepared,
    plan,
    async leakedCopyOf(tradeId) {
      const trade = await findTrade(deps.db, tradeId);
      if (trade === undefined) throw new Error(`no trade ${tradeId}`);
      const { copy } = markCopy(prepared, plan, openFingerprintKey(deps.secrets, trade));
      return Buffer.from(writeTable(copy, 'csv'));
    },
  };
}

/** `buyer` orders `listingId` for research over the API: the trade's and the entitlement's ids. */
export async function orderOverApi(
  gateway: TestGateway,
  buyer: TestMember,
  listingId: string,
): Promise<{ trade: string; entitlement: string }> {
  const reply = await gateway.request('POST', '/api/v1/orders', {
    key: buyer.key,
    body: { listingId, purpose: 'research' },
  });
  if (reply.status !== 201) throw new Error(`order refused (${reply.status}): ${reply.text}`);
  return { trade: reply.json.trade.id as string, entitlement: reply.json.entitlement.id as string };
}
