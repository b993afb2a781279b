import { expect } from 'chai';
import { buildIntervalHierarchy, HierarchyError } from '../../../src/core/hierarchy/index.js';

describe('core/hierarchy/interval-hierarchy', () => {
  it('nests integer bands 5, 10, 20 then *', () => {
    const hierarchy = buildIntervalHierarchy(['23', '17', '40', '21', '39'], {
      widths: [5, 10, 20],
    });
    expect(hierarchy.height).to.equal(5);
    expect(hierarchy.levels[0]).to.deep.equal(['17', '21', '23', '39', '40']);
    expect(hierarchy.levels[1]).to.deep.equal(['15-19', '20-24', '35-39', '40-44']);
    expect(hierarchy.levels[2]).to.deep.equal(['10-19', '20-29', '30-39', '40-49']);
    expect(hierarchy.levels[3]).to.deep.equal(['0-19', '20-39', '40-59']);
    expect(hierarchy.levels[4]).to.deep.equal(['*']);
    expect([...hierarchy.leafCounts[3]]).to.deep.equal([1, 3, 1]);
  });

  it('labels fractional bands as half-open intervals from an origin', () => {
    const hierarchy = buildIntervalHierarchy(['0.3', '1.2', '-0.1'], { widths: [0.5], origin: 0 });
    expect(hierarchy.levels[1]).to.deep.equal(['[-0.5, 0)', '[0, 0.5)', '[1, 1.5)']);
  });

  for (const { desc, values, widths, code } of [
    { desc: 'non-nested widths', values: ['1'], widths: [5, 12], code: 'hierarchy_invalid_bands' },
    { desc: 'decreasing widths', values: ['1'], widths: [10, 5], code: 'hierarchy_invalid_bands' },
    { desc: 'zero width', values: ['1'], widths: [0], code: 'hierarchy_invalid_bands' },
    {
      desc: 'a non-numeric value',
      values: ['1', 'x'],
      widths: [5],
      code: 'hierarchy_non_numeric_value',
    },
    { desc: 'an empty value', values: [''], widths: [5], code: 'hierarchy_non_numeric_value' },
    {
      desc: 'duplicate values',
      values: ['3', '3'],
      widths: [5],
      code: 'hierarchy_duplicate_value',
    },
  ]) {
    it(`refuses ${desc}`, () => {
      let caught: unknown;
      try {
        buildIntervalHierarchy(values, { widths });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(HierarchyError);
      expect((caught as HierarchyError).code).to.equal(code);
    });
  }
});
