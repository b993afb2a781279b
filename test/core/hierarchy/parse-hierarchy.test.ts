import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { HierarchyError, parseHierarchy } from '../../../src/core/hierarchy/index.js';
import { requireAdultHierarchy } from '../../helpers/adult.js';

function errorOf(run: () => unknown): HierarchyError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(HierarchyError);
    return error as HierarchyError;
  }
  throw new Error('expected a HierarchyError');
}

describe('core/hierarchy/parse-hierarchy', () => {
  const workclass = [
    'Private;Non-Government;*',
    'Self-emp;Non-Government;*',
    'Federal-gov;Government;*',
    'Local-gov;Government;*',
    'State-gov;Government;*',
  ];

  for (const { desc, text } of [
    { desc: 'LF', text: workclass.join('\n') + '\n' },
    { desc: 'CRLF', text: workclass.join('\r\n') + '\r\n' },
    { desc: 'BOM and no final newline', text: '\ufeff' + workclass.join('\n') },
  ]) {
    it(`parses levels, level maps and leaf counts (${desc})`, () => {
      const hierarchy = parseHierarchy(text);
      expect(hierarchy.height).to.equal(3);
      expect(hierarchy.levels[0]).to.deep.equal([
        'Private',
        'Self-emp',
        'Federal-gov',
        'Local-gov',
        'State-gov',
      ]);
      expect(hierarchy.levels[1]).to.deep.equal(['Non-Government', 'Government']);
      expect(hierarchy.levels[2]).to.deep.equal(['*']);
      expect([...hierarchy.toLevel[1]]).to.deep.equal([0, 0, 1, 1, 1]);
      expect([...hierarchy.toLevel[2]]).to.deep.equal([0, 0, 0, 0, 0]);
      expect([...hierarchy.leafCounts[0]]).to.deep.equal([1, 1, 1, 1, 1]);
      expect([...hierarchy.leafCounts[1]]).to.deep.equal([2, 3]);
      expect([...hierarchy.leafCounts[2]]).to.deep.equal([5]);
      expect(hierarchy.leafIndex.get('Local-gov')).to.equal(3);
    });
  }

  it('reads quoted fields with delimiters and doubled quotes', () => {
    const hierarchy = parseHierarchy('"a;b";"say ""hi""";*\nc;x;*\n');
    expect(hierarchy.levels[0]).to.deep.equal(['a;b', 'c']);
    expect(hierarchy.levels[1]).to.deep.equal(['say "hi"', 'x']);
  });

  it('keeps empty values as ordinary leaves', () => {
    const hierarchy = parseHierarchy(';missing;*\nx;known;*\n');
    expect(hierarchy.leafIndex.get('')).to.equal(0);
  });

  const failures: { desc: string; text: string; code: string; line?: number }[] = [
    { desc: 'empty text', text: '\n\n', code: 'hierarchy_empty' },
    { desc: 'ragged row', text: 'a;x;*\nb;*\n', code: 'hierarchy_ragged_row', line: 2 },
    {
      desc: 'ragged row after blank lines',
      text: 'a;x;*\n\nb;x;*\nc;y;z;*\n',
      code: 'hierarchy_ragged_row',
      line: 4,
    },
    {
      desc: 'duplicate value',
      text: 'a;x;*\nb;x;*\na;y;*\n',
      code: 'hierarchy_duplicate_value',
      line: 3,
    },
    {
      desc: 'inconsistent parent',
      text: 'a;x;p;*\nb;x;q;*\n',
      code: 'hierarchy_inconsistent_parent',
      line: 2,
    },
    {
      desc: 'inconsistent parent at the top',
      text: 'a;x;*\nb;y;*\nc;x;**\n',
      code: 'hierarchy_inconsistent_parent',
      line: 3,
    },
    { desc: 'unterminated quote', text: 'a;"x;*\n', code: 'hierarchy_unterminated_quote', line: 1 },
    { desc: 'text after quote', text: 'a;"x"y;*\n', code: 'hierarchy_unterminated_quote', line: 1 },
  ];
  for (const { desc, text, code, line } of failures) {
    it(`refuses ${desc}`, () => {
      const error = errorOf(() => parseHierarchy(text));
      expect(error.code).to.equal(code);
      if (line !== undefined) expect(error.details.line).to.equal(line);
    });
  }

  describe('the Adult hierarchies shipped with ARX', () => {
    const heights: Record<string, { height: number; leaves: number }> = {
      age: { height: 5, leaves: 100 },
      education: { height: 4, leaves: 16 },
      'marital-status': { height: 3, leaves: 7 },
      'native-country': { height: 3, leaves: 41 },
      occupation: { height: 3, leaves: 14 },
      race: { height: 2, leaves: 5 },
      'salary-class': { height: 2, leaves: 2 },
      sex: { height: 2, leaves: 2 },
      workclass: { height: 3, leaves: 8 },
    };
    for (const [attribute, want] of Object.entries(heights)) {
      it(`parses ${attribute}`, () => {
        // Missing data fails the test saying so; it never skips silently.
        const file = requireAdultHierarchy(attribute);
        const hierarchy = parseHierarchy(readFileSync(file, 'utf8'));
        expect(hierarchy.height).to.equal(want.height);
        expect(hierarchy.levels[0].length).to.equal(want.leaves);
        expect(hierarchy.levels[hierarchy.height - 1]).to.deep.equal(['*']);
        expect(hierarchy.leafCounts[hierarchy.height - 1][0]).to.equal(want.leaves);
      });
    }
  });
});
