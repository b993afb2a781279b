// Attribution of copies really downloaded through the API (issue 19): four buyers download their
// copies of one listing, each copy is leaked after what leakers do (re-sorted, half the columns
// dropped, a fifth of the rows kept, CSV re-encoded as JSON Lines, renamed columns, rows deleted,
// numbers rewritten, two copies merged), filed as an incident and attributed: the right trade is
// named with its score and false-accusation probability, no innocent trade is accused.
import { expect } from 'chai';
import type { ColumnTable } from 'arquero';
import { createRng } from '../../src/core/rng.js';
import { readTable, writeTable } from '../../src/core/table/index.js';
import {
  applyLeakAttacks,
  colludeCopies,
  type LeakAttack,
} from '../../fixtures/fingerprint/leak-attacks.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import {
  createReleaseListing,
  orderOverApi,
  type ReleaseListing,
} from '../helpers/incident-fixture.js';

interface Leak {
  readonly name: string;
  /** The buyers whose copies make the leak. */
  readonly from: readonly number[];
  readonly attacks: readonly LeakAttack[];
  readonly format: 'csv' | 'jsonl';
}

const LEAKS: readonly Leak[] = [
  {
    name: 're-sorted by columns, half the columns dropped',
    from: [0],
    attacks: [
      { kind: 'resort', by: 'column' },
      { kind: 'drop_columns', keep: 4 },
    ],
    format: 'csv',
  },
  {
    name: 'a fifth of the rows kept, shuffled, re-encoded CSV → JSON Lines',
    from: [1],
    attacks: [
      { kind: 'keep_rows', share: 0.2 },
      { kind: 'resort', by: 'shuffle' },
    ],
    format: 'jsonl',
  },
  {
    name: 'renamed columns, a fifth deleted, numbers rewritten, shuffled',
    from: [2],
    attacks: [
      { kind: 'rename_columns' },
      { kind: 'delete_rows', share: 0.2 },
      { kind: 'round_numerics' },
      { kind: 'resort', by: 'shuffle' },
    ],
    format: 'csv',
  },
  {
    name: 'two buyers merge their copies (union), re-sorted',
    from: [3, 0],
    attacks: [{ kind: 'resort', by: 'column' }],
    format: 'csv',
  },
];

describe('http incident attribution of real downloads', function () {
  this.timeout(300_000);
  let gateway: TestGateway;
  let provider: TestMember;
  let buyers: TestMember[];
  let release: ReleaseListing;
  const trades: string[] = [];
  const copies: ColumnTable[] = [];

  before(async () => {
    gateway = await startTestGateway();
    provider = await gateway.createMember(['provider']);
    buyers = [];
    for (let i = 0; i < 4; i++) buyers.push(await gateway.createMember(['buyer']));
    release = await createReleaseListing(gateway.running.deps, {
      rows: 10_000,
      providerOrganizationId: provider.organization.id,
    });
    for (const buyer of buyers) {
      const ordered = await orderOverApi(gateway, buyer, release.listing.listingId);
      trades.push(ordered.trade);
      const download = await gateway.request(
        'GET',
        `/api/v1/entitlements/${ordered.entitlement}/download?format=csv`,
        { key: buyer.key },
      );
      expect(download.status, download.text).to.equal(200);
      expect(download.headers.get('anonex-fingerprint')).to.match(/^anonex-withheld-pairs-v1;/);
      copies.push(readTable(Buffer.from(download.text), { format: 'csv' }).table);
    }
  });
  after(() => gateway.stop());

  LEAKS.forEach((leak, index) => {
    it(`names the trade of a copy ${leak.name}`, async () => {
      const rng = createRng(1900 + index);
      const merged =
        leak.from.length === 1
          ? copies[leak.from[0]]
          : colludeCopies(copies[leak.from[0]], copies[leak.from[1]], 'union', rng);
      const leaked = applyLeakAttacks(merged, leak.attacks, rng);
      const filed = await gateway.request(
        'POST',
        `/api/v1/listings/${release.listing.listingId}/incidents?description=${encodeURIComponent(leak.name)}&format=${leak.format}`,
        {
          key: provider.key,
          rawBody: Buffer.from(writeTable(leaked, leak.format)),
          headers: { 'content-type': 'application/octet-stream' },
        },
      );
      expect(filed.status, filed.text).to.equal(201);
      const attributed = await gateway.request(
        'POST',
        `/api/v1/incidents/${filed.json.id}/attribute`,
        { key: provider.key },
      );
      expect(attributed.status, attributed.text).to.equal(200);
      const { attribution } = attributed.json;
      const leakers = leak.from.map((buyer) => trades[buyer]);
      expect(attribution.verdict).to.equal('attributed');
      expect(leakers).to.include(attributed.json.tradeId);
      expect(attribution.ranking).to.have.length(trades.length);
      for (const score of attribution.ranking as {
        tradeId: string;
        score: number;
        falseAccusationProbability: number;
        accused: boolean;
      }[]) {
        const guilty = leakers.includes(score.tradeId);
        // Every colluder is named; no innocent trade comes near the threshold.
        expect(score.accused, score.tradeId).to.equal(guilty);
        if (guilty) {
          expect(score.score).to.be.greaterThan(0);
          expect(score.falseAccusationProbability).to.be.at.most(attribution.threshold);
        } else {
          expect(score.falseAccusationProbability).to.be.greaterThan(attribution.threshold);
        }
      }
    });
  });
});
