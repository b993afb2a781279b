// Two buyers' copies differ, and a leaked (partial, reordered-column, CSV round-tripped) copy names its trade.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { table } from 'arquero';
import {
  attributeLeakedCopy,
  fingerprintKeyCommitment,
  fingerprintRowOrder,
  fingerprintWatermark,
  recordContents,
  rowContents,
  scoreRowOrder,
} from '../../../src/core/fingerprint/index.js';
import { createRng } from '../../../src/core/rng.js';

const keyOf = (label: string): Uint8Array => createHash('sha256').update(label).digest();
const rng = createRng(42);
const rowCount = 300;
const artifact = table({
  age_band: Array.from({ length: rowCount }, () => ['20-29', '30-39', '40-49'][rng.nextInt(3)]),
  region: Array.from({ length: rowCount }, () => `1201${String(rng.nextInt(16)).padStart(2, '0')}`),
  income: Array.from({ length: rowCount }, () => rng.nextInt(50) * 1000 + 0.5),
});
const contents = rowContents(artifact);
const trades = ['trd_a', 'trd_b', 'trd_c'].map((tradeId) => ({ tradeId, key: keyOf(tradeId) }));

/** The copy a buyer receives, as records in delivered order. */
function deliveredRecords(key: Uint8Array): Record<string, unknown>[] {
  const order = fingerprintRowOrder(contents, key);
  return Array.from(order, (row) => artifact.object(row) as Record<string, unknown>);
}

/** A CSV round trip: every value becomes text, as a leaked file would be read back. */
function viaCsv(records: Record<string, unknown>[]): Record<string, string>[] {
  return records.map((record) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)])),
  );
}

describe('core/fingerprint', () => {
  it('gives two buyers distinguishable copies with the same rows', () => {
    const orderA = fingerprintRowOrder(contents, trades[0].key);
    const orderB = fingerprintRowOrder(contents, trades[1].key);
    expect([...orderA].sort((x, y) => x - y)).to.deep.equal([...orderB].sort((x, y) => x - y));
    let samePosition = 0;
    for (let i = 0; i < orderA.length; i++)
      if (contents[orderA[i]] === contents[orderB[i]]) samePosition++;
    expect(samePosition / orderA.length).to.be.lessThan(0.2);
    expect(fingerprintWatermark(trades[0].key, 'trd_a')).to.not.equal(
      fingerprintWatermark(trades[1].key, 'trd_b'),
    );
    expect(fingerprintWatermark(trades[0].key, 'trd_a')).to.match(/^[0-9a-f]{16}$/);
  });

  it('is deterministic per trade: a second download has the same order', () => {
    expect([...fingerprintRowOrder(contents, trades[0].key)]).to.deep.equal([
      ...fingerprintRowOrder(contents, trades[0].key),
    ]);
  });

  it('commits to the key without revealing it', () => {
    expect(fingerprintKeyCommitment(trades[0].key)).to.match(/^[0-9a-f]{64}$/);
    expect(fingerprintKeyCommitment(trades[0].key)).to.not.equal(
      fingerprintKeyCommitment(trades[1].key),
    );
  });

  for (const trade of trades) {
    it(`attributes a leaked partial CSV copy with reordered columns to ${trade.tradeId}`, () => {
      const leaked = viaCsv(deliveredRecords(trade.key)).filter((_, i) => i % 3 !== 1);
      const columns = ['income', 'region', 'age_band'];
      const attribution = attributeLeakedCopy(recordContents(leaked, columns), trades);
      expect(attribution.verdict).to.equal('attributed');
      expect(attribution.tradeId).to.equal(trade.tradeId);
      expect(attribution.ranking[0].score).to.equal(1);
      expect(attribution.ranking[1].score).to.be.lessThan(0.7);
    });
  }

  it('leaves a copy in some other order inconclusive', () => {
    const shuffled = [...contents];
    const shuffleRng = createRng(9);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = shuffleRng.nextInt(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const attribution = attributeLeakedCopy(shuffled, trades);
    expect(attribution.verdict).to.equal('inconclusive');
    expect(attribution.tradeId).to.equal(undefined);
  });

  it('refuses to attribute from too few rows', () => {
    const leaked = recordContents(
      viaCsv(deliveredRecords(trades[0].key)).slice(0, 8),
      artifact.columnNames(),
    );
    const attribution = attributeLeakedCopy(leaked, trades);
    expect(scoreRowOrder(leaked, trades[0].key).score).to.equal(1);
    expect(attribution.verdict).to.equal('inconclusive');
  });
});
