import { expect } from 'chai';
import {
  HierarchyError,
  parseHierarchy,
  toLeafCodes,
  toLevelCodes,
} from '../../../src/core/hierarchy/index.js';

describe('core/hierarchy/leaf-codes', () => {
  const hierarchy = parseHierarchy('a;x;*\nb;x;*\nc;y;*\n');

  it('maps a dictionary to leaves and levels', () => {
    const leaves = toLeafCodes(hierarchy, ['c', 'a', 'b'], 'col');
    expect([...leaves]).to.deep.equal([2, 0, 1]);
    expect([...toLevelCodes(hierarchy, leaves, 1)]).to.deep.equal([1, 0, 0]);
    expect([...toLevelCodes(hierarchy, leaves, 2)]).to.deep.equal([0, 0, 0]);
  });

  it('refuses values missing from the hierarchy, counting them', () => {
    let caught: unknown;
    try {
      toLeafCodes(hierarchy, ['a', 'd', 'e'], 'col');
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(HierarchyError);
    expect((caught as HierarchyError).code).to.equal('hierarchy_value_missing');
    expect((caught as HierarchyError).details).to.deep.equal({ attribute: 'col', missing: 2 });
  });
});
