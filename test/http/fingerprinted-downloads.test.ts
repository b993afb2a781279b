// Downloads carry the in-value fingerprint (issue 19): each trade's copy is the release less the
// rows its codeword withholds under the listing's plan (made once, off the event loop, stored);
// two trades' copies differ by exactly those rows, each passes every privacy figure the release
// passes, queries see the same copy, and listings that cannot be marked still download whole.
import { expect } from 'chai';
import type { ColumnTable } from 'arquero';
import {
  prepareRelease,
  rowContents,
  verifyNoPrivacyRegression,
  withheldRowsOf,
} from '../../src/core/fingerprint/index.js';
import { readTable } from '../../src/core/table/index.js';
import { openFingerprintKey } from '../../src/services/orders/fingerprint-key.js';
import { SEALED_PREFIX } from '../../src/store/secret-box.js';
import { findTrade } from '../../src/store/repositories/trades.js';
import { createListingFixture } from '../helpers/buyer-workflow.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import {
  createReleaseListing,
  orderOverApi,
  type ReleaseListing,
} from '../helpers/incident-fixture.js';

/** Multiset difference: the items of `from` not matched by an item of `minus`. */
function without(from: readonly string[], minus: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of minus) counts.set(item, (counts.get(item) ?? 0) + 1);
  return from.filter((item) => {
    const left = counts.get(item) ?? 0;
    if (left === 0) return true;
    counts.set(item, left - 1);
    return false;
  });
}

const sorted = (items: readonly string[]) => [...items].sort();

/** Keeps the smallest class's size of every class: every class at the minimum, so no row can go. */
function everyClassAtMinimum(table: ColumnTable, quasiIdentifiers: readonly string[]): ColumnTable {
  const keys = rowContents(table, quasiIdentifiers);
  const sizes = new Map<string, number>();
  for (const key of keys) sizes.set(key, (sizes.get(key) ?? 0) + 1);
  const smallest = Math.min(...sizes.values());
  const taken = new Map<string, number>();
  const kept: number[] = [];
  keys.forEach((key, row) => {
    const count = taken.get(key) ?? 0;
    if (count < smallest) kept.push(row);
    taken.set(key, count + 1);
  });
  return table.reify(kept);
}

describe('http fingerprinted downloads', function () {
  this.timeout(180_000);
  let gateway: TestGateway;
  let provider: TestMember;
  let buyers: TestMember[];
  let release: ReleaseListing;
  const ordered: { trade: string; entitlement: string }[] = [];

  const order = (buyer: TestMember, listingId: string) => orderOverApi(gateway, buyer, listingId);
  const download = (buyer: TestMember, entitlement: string, format = 'csv') =>
    gateway.request('GET', `/api/v1/entitlements/${entitlement}/download?format=${format}`, {
      key: buyer.key,
    });

  before(async () => {
    gateway = await startTestGateway();
    provider = await gateway.createMember(['provider']);
    buyers = [await gateway.createMember(['buyer']), await gateway.createMember(['buyer'])];
    release = await createReleaseListing(gateway.running.deps, {
      providerOrganizationId: provider.organization.id,
    });
    for (const buyer of buyers) ordered.push(await order(buyer, release.listing.listingId));
  });
  after(() => gateway.stop());

  it("serves each trade the release less its withheld rows; two copies differ by exactly those, and each passes the gate's figures", async () => {
    const { prepared, plan } = release;
    const releaseRows = rowContents(prepared.release.table);
    const slots = plan.first.length;
    expect(slots).to.be.greaterThan(100);
    const copies: string[][] = [];
    const withheldRows: string[][] = [];
    for (const [index, buyer] of buyers.entries()) {
      const reply = await download(buyer, ordered[index].entitlement);
      expect(reply.status, reply.text).to.equal(200);
      expect(reply.headers.get('anonex-fingerprint')).to.equal(
        `anonex-withheld-pairs-v1; rows-withheld=${slots}; plan=${plan.digest.slice(0, 16)}`,
      );
      expect(reply.headers.get('anonex-row-count')).to.equal(String(releaseRows.length - slots));
      const served = readTable(Buffer.from(reply.text), { format: 'csv' }).table;
      const trade = await findTrade(gateway.running.deps.db, ordered[index].trade);
      const withheld = withheldRowsOf(
        plan,
        openFingerprintKey(gateway.running.deps.secrets, trade!),
      );
      const withheldContents = Array.from(withheld, (row) => releaseRows[row]);
      const contents = rowContents(served, prepared.release.table.columnNames());
      // Naive oracle: the release's rows, minus the rows this trade's codeword withholds.
      expect(sorted(contents)).to.deep.equal(sorted(without(releaseRows, withheldContents)));
      copies.push(contents);
      withheldRows.push(withheldContents);

      // What is served, measured with the gate's own models: nothing the release passes fails.
      const servedPrivacy = prepareRelease({ ...prepared.release, table: served }).privacy;
      verifyNoPrivacyRegression(prepared.privacy, servedPrivacy);
      expect(servedPrivacy.measurement.classes).to.equal(prepared.privacy.measurement.classes);
      expect(servedPrivacy.measurement.k).to.equal(prepared.privacy.measurement.k);
      expect(servedPrivacy.checks.map((check) => check.pass)).to.deep.equal(
        prepared.privacy.checks.map((check) => check.pass),
      );
    }
    // The two copies differ by their withheld rows, nothing else.
    expect(sorted(without(copies[0], copies[1]))).to.deep.equal(
      sorted(without(withheldRows[1], withheldRows[0])),
    );
    expect(sorted(without(copies[1], copies[0]))).to.deep.equal(
      sorted(without(withheldRows[0], withheldRows[1])),
    );
    expect(without(copies[0], copies[1])).to.have.length.greaterThan(slots / 4);

    // The same trade gets the same copy every time (plan stored, not re-drawn).
    const again = await download(buyers[0], ordered[0].entitlement);
    const againTable = readTable(Buffer.from(again.text), { format: 'csv' }).table;
    expect(sorted(rowContents(againTable, prepared.release.table.columnNames()))).to.deep.equal(
      sorted(copies[0]),
    );
    const stored = await gateway.running.deps
      .db('listing_fingerprint_plans')
      .where({ listing_id: release.listing.listingId })
      .first();
    expect(stored).to.include({ state: 'planned', digest: plan.digest });
    expect(String(stored.sealed_pairs).startsWith(SEALED_PREFIX)).to.equal(true);
  });

  it("answers row queries and aggregates over the buyer's copy", async () => {
    const rows = release.prepared.encoded.rowCount - release.plan.first.length;
    const counted = await gateway.request(
      'POST',
      `/api/v1/entitlements/${ordered[0].entitlement}/query`,
      { key: buyers[0].key, body: { aggregates: [{ fn: 'count', as: 'n' }] } },
    );
    expect(counted.status, counted.text).to.equal(200);
    expect(counted.json.rows).to.deep.equal([[rows]]);
    const column = release.prepared.release.table.columnNames()[0];
    const listed = await gateway.request(
      'POST',
      `/api/v1/entitlements/${ordered[1].entitlement}/query`,
      { key: buyers[1].key, body: { select: [column], limit: 5 } },
    );
    expect(listed.status, listed.text).to.equal(200);
    expect(listed.json.matchedRows).to.equal(rows);
  });

  it('delivers a release too small to mark whole, and says so', async () => {
    const small = await createReleaseListing(gateway.running.deps, {
      providerOrganizationId: provider.organization.id,
      reshape: everyClassAtMinimum,
    });
    const { entitlement } = await order(buyers[0], small.listing.listingId);
    const reply = await download(buyers[0], entitlement);
    expect(reply.status, reply.text).to.equal(200);
    expect(reply.headers.get('anonex-fingerprint')).to.equal('none; reason=release_too_small');
    const served = readTable(Buffer.from(reply.text), { format: 'csv' }).table;
    expect(served.numRows()).to.equal(small.prepared.encoded.rowCount);
    expect(small.plan.first.length).to.equal(0);
  });

  it('still downloads a legacy listing whose report does not describe its release, or cannot be read', async () => {
    const { deps } = gateway.running;
    const legacy = await createListingFixture(deps, {
      providerOrganizationId: provider.organization.id,
    });
    // A report of an older version: no column roles, no measured quasi-identifiers.
    const report = await deps.blobs.put(Buffer.from(JSON.stringify({ privacy: null })), {
      raw: false,
    });
    await deps
      .db('listings')
      .where({ id: legacy.listingId })
      .update({ report_sha256: report.sha256 });
    // And one whose report blob is missing: planning fails, the copy is still served.
    const broken = await createListingFixture(deps, {
      providerOrganizationId: provider.organization.id,
    });
    for (const [listingId, reason] of [
      [legacy.listingId, 'release_undescribed'],
      [broken.listingId, 'plan_unavailable'],
    ]) {
      const { entitlement } = await order(buyers[1], listingId);
      const reply = await download(buyers[1], entitlement);
      expect(reply.status, reply.text).to.equal(200);
      expect(reply.headers.get('anonex-fingerprint')).to.equal(`none; reason=${reason}`);
      expect(reply.headers.get('anonex-row-count')).to.equal(
        String(reply.text.trim().split('\n').length - 1),
      );
    }
  });
});
