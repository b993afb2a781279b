// The error catalogue is generated from the error families: every family class in src/ exports its
// codes and is listed in ERROR_FAMILIES; each code is either a problem type or internal-only, and
// both lists are documented in docs/problems.md.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { TableError } from '../../src/core/table/index.js';
import {
  ERROR_CODES,
  ERROR_FAMILIES,
  INTERNAL_ONLY_CODES,
  isErrorCode,
} from '../../src/edge/error-codes.js';
import { problemCatalog } from '../../src/edge/problem-catalog.js';
import { toProblem } from '../../src/edge/problem.js';
import { ServiceError } from '../../src/services/errors.js';

const srcDirectory = fileURLToPath(new URL('../../src/', import.meta.url));

/**
 * Classes that extend AnonexError without a family of their own, with the reason.
 * PipelineRunError rebuilds, on the gateway's side of the engine's thread, an error of another
 * family (same code and area), so its codes are that family's.
 */
const NOT_A_FAMILY = ['PipelineRunError'];

interface FamilyClass {
  readonly file: string;
  readonly className: string;
  readonly area: string;
}

/** Every `class X extends AnonexError<…> { readonly area = '…' }` under src/. */
function familyClasses(): FamilyClass[] {
  const found: FamilyClass[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const match of text.matchAll(
          /class (\w+) extends AnonexError<[^>]+> \{\s*readonly area(?: = '([a-z_]+)'|: string);/g,
        )) {
          found.push({ file: path, className: match[1], area: match[2] ?? '' });
        }
      }
    }
  };
  walk(srcDirectory);
  return found;
}

/** Rows of the "Codes that never reach HTTP" table of docs/problems.md: code and family. */
function documentedInternalCodes(): { code: string; family: string }[] {
  const text = readFileSync(new URL('../../docs/problems.md', import.meta.url), 'utf8');
  const section = text.slice(text.indexOf('\n## Codes that never reach HTTP\n'));
  return [...section.matchAll(/^\| `([a-z_0-9]+)` \| ([a-z_]+) \|/gm)].map((match) => ({
    code: match[1],
    family: match[2],
  }));
}

const familyCodes = Object.values(ERROR_FAMILIES).flat() as string[];
const familyOf = (code: string) =>
  Object.entries(ERROR_FAMILIES).find(([, codes]) =>
    (codes as readonly string[]).includes(code),
  )?.[0];

describe('http error families', () => {
  const classes = familyClasses();

  it('finds the families in src/ (the scan works)', () => {
    expect(classes.map((found) => found.className)).to.include.members([
      'ServiceError',
      'TableError',
      'PolicyError',
      'DeidError',
      'PipelineRunError',
    ]);
  });

  it('every family class exports its codes, listed in ERROR_FAMILIES under its area', async () => {
    for (const { file, className, area } of classes) {
      if (NOT_A_FAMILY.includes(className)) continue;
      const where = `${className} (${relative(srcDirectory, file)}, area '${area}')`;
      expect(ERROR_FAMILIES, where).to.have.property(area);
      const module = (await import(file)) as Record<string, unknown>;
      const listed = JSON.stringify(ERROR_FAMILIES[area as keyof typeof ERROR_FAMILIES]);
      const exported = Object.entries(module).filter(
        ([name, value]) => name.endsWith('_ERROR_CODES') && JSON.stringify(value) === listed,
      );
      expect(exported, `${where} exports the codes ERROR_FAMILIES.${area} lists`).to.have.length(1);
    }
    const areas = classes
      .filter((found) => !NOT_A_FAMILY.includes(found.className))
      .map((found) => found.area);
    expect(Object.keys(ERROR_FAMILIES).sort()).to.deep.equal([...new Set(areas)].sort());
  });

  it('codes are snake_case and unique across every family, internal ones included', () => {
    for (const code of familyCodes) expect(code).to.match(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    expect(new Set(familyCodes).size).to.equal(familyCodes.length);
  });

  it('each code is a problem type or internal-only, never both and never neither', () => {
    const internal = new Set<string>(INTERNAL_ONLY_CODES);
    const cataloged = new Set(Object.keys(problemCatalog));
    for (const code of familyCodes) {
      expect(internal.has(code) !== cataloged.has(code), code).to.equal(true);
    }
    expect([...ERROR_CODES].sort()).to.deep.equal(
      familyCodes.filter((c) => !internal.has(c)).sort(),
    );
  });

  it('docs/problems.md lists every internal-only code with its family, and nothing else', () => {
    const documented = documentedInternalCodes();
    expect(documented.map((row) => row.code).sort()).to.deep.equal([...INTERNAL_ONLY_CODES].sort());
    for (const row of documented) expect(row.family, row.code).to.equal(familyOf(row.code));
  });

  it('an internal-only error at the edge is a logged 500; a cataloged one has its status', () => {
    const escaped = new TableError('table_ragged_row', 'row 3 has 4 cells, want 3');
    expect(isErrorCode(escaped.code)).to.equal(false);
    const outcome = toProblem(escaped);
    expect([outcome.problem.status, outcome.problem.code, outcome.unexpected]).to.deep.equal([
      500,
      'internal_error',
      true,
    ]);
    const cataloged = toProblem(new ServiceError('conflict', 'taken'));
    expect([cataloged.problem.status, cataloged.problem.code, cataloged.unexpected]).to.deep.equal([
      409,
      'conflict',
      false,
    ]);
  });
});
