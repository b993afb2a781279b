// Property-based fuzzing (fast-check, seeded) of what reads untrusted input: the table readers
// (CSV, JSON Lines, Arrow IPC), the policy parser and the query parser. The property: any input is
// either accepted or refused with the module's own typed error, never another exception, and in
// bounded time. FUZZ_RUNS raises the count for a long local run; the corpus holds found cases.
import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { table } from 'arquero';
import { parsePolicy, PolicyError } from '../../src/core/deid/index.js';
import type { AnonexError } from '../../src/core/errors.js';
import { parseQuery, QueryError } from '../../src/core/query/index.js';
import { readTable, TableError, writeTable } from '../../src/core/table/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
/** Per input: far above what any of these inputs needs, far below a hang. */
const MAX_MS_PER_INPUT = 2_000;

interface Corpus {
  readonly tables: readonly string[];
  readonly policies: readonly string[];
  readonly queries: readonly unknown[];
}
const corpus = JSON.parse(
  readFileSync(fileURLToPath(new URL('./corpus/readers.json', import.meta.url)), 'utf8'),
) as Corpus;

/** Runs `read`; passes if it returns or throws `expected`, fails on any other throw or a slow run. */
function refusesCleanly(read: () => unknown, expected: new (...args: never[]) => AnonexError) {
  const started = performance.now();
  try {
    read();
  } catch (error) {
    if (!(error instanceof expected)) throw error;
  }
  const elapsed = performance.now() - started;
  if (elapsed > MAX_MS_PER_INPUT) throw new Error(`took ${elapsed.toFixed(0)} ms`);
}

const readBytes = (bytes: Uint8Array) => () => readTable(bytes);
const readText = (text: string) => readBytes(new TextEncoder().encode(text));

/** Characters that matter to a CSV or JSON Lines reader, plus Chinese text and odd code points. */
const TABLE_CHARACTERS = [
  ',',
  ';',
  '\t',
  '|',
  '"',
  "'",
  '\n',
  '\r',
  '\r\n',
  '{',
  '}',
  '[',
  ']',
  ':',
  '\\',
  ' ',
  '\u0000',
  '\ufeff',
  '\u200b',
  '\u202e',
  'a',
  'Z',
  '0',
  '9',
  '-',
  '.',
  'e',
  '张',
  '伟',
  '，',
  '\ud83d\ude00',
];
const tableText = fc
  .array(fc.constantFrom(...TABLE_CHARACTERS), { maxLength: 400 })
  .map((pieces) => pieces.join(''));
const jsonLines = fc
  .array(fc.oneof(fc.json(), fc.string({ maxLength: 20 })), { minLength: 1, maxLength: 20 })
  .map((lines) => lines.join('\n'));

describe('fuzz: readers and parsers refuse bad input cleanly (fast-check)', function () {
  this.timeout(120_000);

  it('replays the corpus of found cases', () => {
    for (const text of corpus.tables) refusesCleanly(readText(text), TableError);
    for (const text of corpus.policies) refusesCleanly(() => parsePolicy(text), PolicyError);
    const schema = { columns: [{ name: 'a', type: 'number' as const }] };
    for (const query of corpus.queries)
      refusesCleanly(() => parseQuery(query as never, schema), QueryError);
  });

  it('reads arbitrary bytes as a table or refuses them with a TableError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), (bytes) =>
        refusesCleanly(readBytes(bytes), TableError),
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('reads CSV-like and JSON-Lines-like text or refuses it with a TableError', () => {
    fc.assert(
      fc.property(fc.oneof(tableText, jsonLines), (text) =>
        refusesCleanly(readText(text), TableError),
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('reads a damaged Arrow IPC file or refuses it with a TableError', () => {
    const valid = writeTable(table({ a: [1, 2, 3], b: ['x', 'y', '张'] }), 'arrow');
    expect(readTable(valid).table.numRows()).to.equal(3);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(valid.length),
        (edits, keep) => {
          const damaged = valid.slice(0, Math.max(1, keep));
          for (const [at, value] of edits) if (at < damaged.length) damaged[at] = value;
          refusesCleanly(readBytes(damaged), TableError);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('parses arbitrary text as a policy or refuses it with a PolicyError', () => {
    const yamlish = fc
      .array(
        fc.constantFrom(
          'name: x\n',
          'version: 1\n',
          'mode: listing\n',
          'columns:\n',
          '  a: ',
          '{ role: quasi }',
          '{ role: identifier, transform: drop }',
          'hierarchy: ',
          '../',
          'level: ',
          '&a ',
          '*a ',
          '[',
          ']',
          '{',
          '}',
          '- ',
          ': ',
          '\n',
          '  ',
          'privacy: { k: 5 }\n',
          '"',
          "'",
          '#',
          '!!str ',
        ),
        { maxLength: 60 },
      )
      .map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 300 })), (text) =>
        refusesCleanly(() => parsePolicy(text), PolicyError),
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('parses arbitrary JSON as a query or refuses it with a QueryError', () => {
    const schema = {
      columns: [
        { name: 'department', type: 'string' as const },
        { name: 'cost', type: 'number' as const },
      ],
    };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (input) =>
        refusesCleanly(() => parseQuery(input as never, schema), QueryError),
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
