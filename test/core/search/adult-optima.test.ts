import { expect } from 'chai';
import type { SearchInput } from '../../../src/core/search/index.js';
import { searchGeneralizationSync } from '../../../src/core/search/index.js';
import { loadAdultSearchInput, requireAdult } from '../../helpers/adult.js';

// Optima recomputed over all 12,960 nodes without any pruning, each node grouped from the rows by
// the privacy module's counting primitive: `node --import tsx scripts/bench/search.ts --verify`.
const WANT: {
  k: number;
  suppression: number;
  levels: number[];
  loss: number;
  suppressed: number;
}[] = [
  { k: 2, suppression: 0, levels: [0, 4, 1, 1, 3, 2, 0, 2, 0], loss: 0.529696, suppressed: 0 },
  { k: 10, suppression: 0, levels: [0, 4, 1, 1, 3, 2, 2, 1, 0], loss: 0.573151, suppressed: 0 },
  { k: 20, suppression: 0, levels: [0, 4, 1, 1, 3, 2, 2, 1, 0], loss: 0.573151, suppressed: 0 },
  {
    k: 5,
    suppression: 0.05,
    levels: [0, 3, 0, 0, 2, 1, 1, 2, 0],
    loss: 0.241932,
    suppressed: 1346,
  },
];

describe('core/search on Adult (ARX data and hierarchies), checked against exhaustive search', function () {
  this.timeout(60_000);
  let input: SearchInput | null = null;
  before(() => {
    requireAdult();
    input = loadAdultSearchInput();
  });
  for (const want of WANT) {
    it(`k=${want.k}, ${want.suppression * 100}% suppression, loss`, function () {
      const { outcome } = searchGeneralizationSync(input!, {
        criteria: { k: want.k },
        suppressionLimit: want.suppression,
        metric: 'loss',
      });
      expect(outcome.levels).to.deep.equal(want.levels);
      expect(outcome.value).to.be.closeTo(want.loss, 5e-7);
      expect(outcome.suppressedCount).to.equal(want.suppressed);
      expect(outcome.checked).to.be.below(outcome.latticeSize / 10);
    });
  }
});
