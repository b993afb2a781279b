// Matching a leaked copy's columns to the release's: by name, else by values; re-encoded values found.
import { expect } from 'chai';
import { table } from 'arquero';
import { prepareRelease } from '../../../src/core/fingerprint/index.js';
import { projectLeak } from '../../../src/core/fingerprint/leaked-columns.js';
import { smallRelease } from './small-release.js';

describe('core/fingerprint/leaked-columns', () => {
  const { encoded, release } = prepareRelease(smallRelease());
  const rows = release.table.slice(0, 50);
  const column = (name: string): unknown[] => Array.from(rows.array(name) as ArrayLike<unknown>);

  it('matches by name whatever the case, spacing and column order', () => {
    const leaked = table({ ' COST ': column('cost'), Sex: column('sex') });
    const { columns, unmatched } = projectLeak(leaked, encoded);
    expect(columns.map((c) => [c.match.leaked, c.match.release, c.match.by])).to.deep.equal([
      [' COST ', 'cost', 'name'],
      ['Sex', 'sex', 'name'],
    ]);
    expect(unmatched).to.deep.equal([]);
  });

  it('matches renamed and swapped headers by their values', () => {
    const leaked = table({ 诊断: column('diagnosis'), age: column('sex'), sex: column('age') });
    const byLeaked = Object.fromEntries(
      projectLeak(leaked, encoded).columns.map((c) => [c.match.leaked, c.match]),
    );
    expect(byLeaked['诊断'].release).to.equal('diagnosis');
    expect(byLeaked['诊断'].by).to.equal('values');
    expect(byLeaked.age.release).to.equal('sex');
    expect(byLeaked.sex.release).to.equal('age');
  });

  it('finds typed and reformatted numbers among the release codes and keeps foreign values apart', () => {
    const typed = column('cost').map((v) => Number(v) + 1e-9);
    const leaked = table({ cost: [...typed, '99999'] });
    const [projected] = projectLeak(leaked, encoded).columns;
    const releaseRows = encoded.rowCount;
    const costCodes = encoded.canonical[encoded.columnNames.indexOf('cost')].codes;
    for (let r = 0; r < 50; r++)
      expect(projected.column.codes[releaseRows + r]).to.equal(costCodes[r]);
    const foreign = projected.column.codes[releaseRows + 50];
    expect(projected.column.dictionary[foreign]).to.equal('99999');
    expect(foreign).to.be.at.least(
      encoded.canonical[encoded.columnNames.indexOf('cost')].dictionary.length,
    );
  });

  it('leaves a column that matches nothing unmatched', () => {
    const leaked = table({
      remark: rows.array('sex') as unknown[],
      note: Array.from({ length: 50 }, (_, i) => `x${i}`),
    });
    const { columns, unmatched } = projectLeak(leaked, encoded);
    expect(columns.map((c) => c.match.release)).to.deep.equal(['sex']);
    expect(unmatched).to.deep.equal(['note']);
  });
});
