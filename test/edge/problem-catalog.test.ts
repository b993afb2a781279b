import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '../../src/edge/error-codes.js';
import {
  problemCatalog,
  problemTypeOf,
  PROBLEM_TYPE_PREFIX,
} from '../../src/edge/problem-catalog.js';

/** Rows of docs/problems.md's table: type, status, title. */
function documentedProblems(): { type: string; status: number; title: string }[] {
  const text = readFileSync(new URL('../../docs/problems.md', import.meta.url), 'utf8');
  return text
    .split('\n')
    .map((line) => /^\| `([^`]+)` \| (\d{3}) \| ([^|]+) \|/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ type: match[1], status: Number(match[2]), title: match[3].trim() }));
}

describe('http problem catalog', () => {
  it('error codes are snake_case and unique across areas', () => {
    for (const code of ERROR_CODES) expect(code).to.match(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    const seen = new Set<string>();
    const duplicates = ERROR_CODES.filter((code) =>
      seen.has(code) ? true : (seen.add(code), false),
    );
    expect(duplicates).to.deep.equal([]);
  });

  it('every code has a catalog row, and every catalog row a code', () => {
    expect(Object.keys(problemCatalog).sort()).to.deep.equal([...ERROR_CODES].sort());
    for (const kind of Object.values(problemCatalog)) {
      expect(kind.status).to.be.within(400, 599);
    }
  });

  it('docs/problems.md documents every catalog row with its status and title, and nothing else', () => {
    const documented = documentedProblems();
    const cataloged = Object.entries(problemCatalog).map(([code, kind]) => ({
      type: problemTypeOf(code as keyof typeof problemCatalog),
      status: kind.status,
      title: kind.title,
    }));
    expect(documented.map((row) => row.type).sort()).to.deep.equal(
      cataloged.map((row) => row.type).sort(),
    );
    for (const row of documented) {
      expect(row.type.startsWith(PROBLEM_TYPE_PREFIX)).to.equal(true);
      expect(cataloged).to.deep.include(row);
    }
  });
});
