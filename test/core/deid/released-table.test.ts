// The artifact's table against decoding each released row by its input row, one cell at a time.
import { expect } from 'chai';
import {
  permuteReleasedRows,
  seededIndexSource,
} from '../../../src/core/deid/stages/permute-rows.js';
import { toReleasedTable } from '../../../src/core/deid/stages/released-table.js';
import { createRng } from '../../../src/core/rng.js';
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';

describe('core/deid toReleasedTable', () => {
  const rows = 300;
  const rng = createRng(3);
  const sex = Array.from({ length: rows }, () => (rng.next() < 0.5 ? 'F' : 'M'));
  const cost = Array.from({ length: rows }, (_, r) => String(r * 7));
  const columns = [encodeColumn('sex', sex), encodeColumn('cost', cost)];
  const cases = [
    { desc: 'every row, in a random order', suppressed: undefined },
    {
      desc: 'suppressed rows left out',
      suppressed: Uint8Array.from({ length: rows }, (_, r) => (r % 4 === 0 ? 1 : 0)),
    },
  ];
  for (const { desc, suppressed } of cases)
    it(desc, () => {
      const order = permuteReleasedRows(rows, suppressed, seededIndexSource(createRng(5)));
      const table = toReleasedTable(columns, order);
      expect(table.columnNames()).to.deep.equal(['sex', 'cost']);
      expect(table.numRows()).to.equal(order.length);
      expect(Array.from(table.array('sex'))).to.deep.equal([...order].map((r) => sex[r]));
      expect(Array.from(table.array('cost'))).to.deep.equal([...order].map((r) => cost[r]));
    });
});
