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
  /** Damaged Arrow IPC inputs, base64, with how each was found. */
  readonly arrow: readonly { readonly found: string; readonly base64: string }[];
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
    for (const { base64 } of corpus.arrow)
      refusesCleanly(readBytes(new Uint8Array(Buffer.from(base64, 'base64'))), TableError);
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

  it('reads a damaged Arrow IPC file or stream or refuses it with a TableError', () => {
    // Every supported kind of column, so damage reaches each kind of buffer; both IPC formats.
    const source = table({
      a: [1, 2, 3, 4],
      b: ['x', 'y', '张', 'x'],
      c: [true, null, false, true],
      d: [new Date(0), null, new Date(1e12), null],
      e: [[1], [2, 3], [], null],
      f: [1.5, null, 2.5, 3],
    });
    const valids = (['file', 'stream'] as const).map((arrowFormat) =>
      writeTable(source, 'arrow', { arrowFormat }),
    );
    for (const valid of valids) expect(readTable(valid).table.numRows()).to.equal(4);
    const longest = Math.max(...valids.map((v) => v.length));
    // A byte set, or a 32-bit word set to a length-like value (the damage that asks for memory).
    const edit = fc.oneof(
      fc.tuple(fc.constant(1), fc.nat(longest), fc.integer({ min: 0, max: 255 })),
      fc.tuple(
        fc.constant(4),
        fc.nat(longest),
        fc.oneof(fc.integer(), fc.constantFrom(-1, -8, 0x7fffffff, 1 << 20, 1 << 28)),
      ),
    );
    fc.assert(
      fc.property(
        fc.nat(valids.length - 1),
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(longest)),
        (which, edits, keep) => {
          const valid = valids[which];
          const damaged = valid.slice(0, keep === null ? valid.length : Math.max(1, keep));
          const view = new DataView(damaged.buffer);
          for (const [size, at, value] of edits) {
            if (at + size > damaged.length) continue;
            if (size === 1) damaged[at] = value;
            else view.setInt32(at, value, true);
          }
          // Reading every row too: the decoder is lazy, a bad value would throw on access.
          refusesCleanly(() => readTable(damaged).table.objects(), TableError);
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
