// A leaked copy downloaded as Parquet (issue 19: the mark survives re-encoding to Parquet): two
// buyers download their copies of one listing as Parquet through the API; each copy is filed as
// is, or after DuckDB re-sorted it and dropped half its columns, and the incident names the trade
// that downloaded it. A damaged Parquet file is refused as the filer's input, never a 500.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect } from 'chai';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import {
  createReleaseListing,
  orderOverApi,
  type ReleaseListing,
} from '../helpers/incident-fixture.js';

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The copy re-written by DuckDB: sorted by its last kept column, only every other column kept. */
async function resortedHalfColumns(parquet: Buffer, scratch: string): Promise<Buffer> {
  const input = join(scratch, 'in.parquet');
  const output = join(scratch, 'out.parquet');
  writeFileSync(input, parquet);
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    const described = await connection.runAndReadAll(
      `DESCRIBE SELECT * FROM read_parquet(${quote(input)})`,
    );
    const names = described.getRowsJS().map((row) => String(row[0]));
    const kept = names.filter((_, index) => index % 2 === 1).map(quoteName);
    expect(kept.length).to.be.at.least(2);
    await connection.run(
      `COPY (SELECT ${kept.join(', ')} FROM read_parquet(${quote(input)}) ORDER BY ${kept.at(-1)}, ${kept[0]}) TO ${quote(output)} (FORMAT parquet)`,
    );
    connection.closeSync();
    return readFileSync(output);
  } finally {
    instance.closeSync();
  }
}

describe('http incident attribution of a Parquet copy', function () {
  this.timeout(300_000);
  let gateway: TestGateway;
  let provider: TestMember;
  let release: ReleaseListing;
  let scratch: string;
  const trades: string[] = [];
  const copies: Buffer[] = [];

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'anonex-parquet-leak-'));
    gateway = await startTestGateway();
    provider = await gateway.createMember(['provider']);
    release = await createReleaseListing(gateway.running.deps, {
      rows: 10_000,
      providerOrganizationId: provider.organization.id,
    });
    for (let i = 0; i < 2; i++) {
      const buyer = await gateway.createMember(['buyer']);
      const ordered = await orderOverApi(gateway, buyer, release.listing.listingId);
      trades.push(ordered.trade);
      const download = await fetch(
        `${gateway.url}/api/v1/entitlements/${ordered.entitlement}/download?format=parquet`,
        { headers: { authorization: `Bearer ${buyer.key}` } },
      );
      expect(download.status).to.equal(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(bytes.subarray(0, 4).toString('latin1')).to.equal('PAR1');
      copies.push(bytes);
    }
  });
  after(async () => {
    await gateway.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function file(copy: Buffer, contentType: string, query = '') {
    return gateway.request(
      'POST',
      `/api/v1/listings/${release.listing.listingId}/incidents?description=found&filename=leak.parquet${query}`,
      { key: provider.key, rawBody: copy, headers: { 'content-type': contentType } },
    );
  }

  async function attribute(incidentId: string) {
    return gateway.request('POST', `/api/v1/incidents/${incidentId}/attribute`, {
      key: provider.key,
    });
  }

  function expectNames(reply: Awaited<ReturnType<typeof attribute>>, leaker: string): void {
    expect(reply.status, reply.text).to.equal(200);
    const { attribution } = reply.json;
    expect(attribution.verdict).to.equal('attributed');
    expect(reply.json.tradeId).to.equal(leaker);
    for (const score of attribution.ranking as { tradeId: string; accused: boolean }[])
      expect(score.accused, score.tradeId).to.equal(score.tradeId === leaker);
  }

  it('names the trade of a copy filed as downloaded (application/vnd.apache.parquet)', async () => {
    const filed = await file(copies[0], 'application/vnd.apache.parquet');
    expect(filed.status, filed.text).to.equal(201);
    expect(filed.json.leakedCopy.format).to.equal('parquet');
    expectNames(await attribute(filed.json.id), trades[0]);
  });

  it('names the trade of a copy DuckDB re-sorted with half its columns dropped, filed as "csv"', async () => {
    const leaked = await resortedHalfColumns(copies[1], scratch);
    // Declared CSV (a careless filer): the magic number says Parquet.
    const filed = await file(leaked, 'application/octet-stream', '&format=csv');
    expect(filed.status, filed.text).to.equal(201);
    expect(filed.json.leakedCopy.format).to.equal('parquet');
    expectNames(await attribute(filed.json.id), trades[1]);
  });

  const damages: readonly { name: string; damage: (copy: Buffer) => Buffer }[] = [
    {
      name: 'cut short (no PAR1 at its end)',
      damage: (copy) => copy.subarray(0, copy.length - 100),
    },
    {
      name: 'with its footer overwritten (PAR1 at both ends)',
      damage: (copy) => {
        const damaged = Buffer.from(copy);
        const footerLength = damaged.readUInt32LE(damaged.length - 8);
        damaged.fill(0xff, damaged.length - 8 - footerLength, damaged.length - 8);
        return damaged;
      },
    },
  ];
  for (const { name, damage } of damages)
    it(`refuses a Parquet copy ${name} with validation_failed naming the file`, async () => {
      const filed = await file(damage(copies[0]), 'application/vnd.apache.parquet');
      expect(filed.status, filed.text).to.equal(201);
      const refused = await attribute(filed.json.id);
      expect(refused.status, refused.text).to.equal(400);
      expect(refused.json.type).to.equal('urn:anonex:problem:validation_failed');
      expect(refused.json.errors).to.have.length(1);
      expect(refused.json.errors[0].field).to.equal('leakedCopy');
      expect(refused.json.errors[0].reason).to.match(/^leak\.parquet /);
      // The incident stays filed: the filer may close it or file the copy again.
      const read = await gateway.request('GET', `/api/v1/incidents/${filed.json.id}`, {
        key: provider.key,
      });
      expect(read.json.state).to.equal('filed');
    });
});
