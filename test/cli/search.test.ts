import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { SearchCommandEnvironment } from '../../src/cli/commands/search.js';
import { createSearchCommand } from '../../src/cli/commands/search.js';
import { createProgressBar } from '../../src/cli/progress.js';
import { HierarchyError } from '../../src/core/hierarchy/index.js';
import { SearchError } from '../../src/core/search/index.js';
import {
  ADULT_QUASI_IDENTIFIERS,
  adultCsvPath,
  adultHierarchyPath,
  requireAdult,
} from '../helpers/adult.js';

// The printed JSON is walked by path in assertions; chai checks every value.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

function environment(
  signal: AbortSignal = new AbortController().signal,
): SearchCommandEnvironment & { output: () => string } {
  let out = '';
  return {
    io: { env: {}, out: (text) => void (out += text), err: () => undefined },
    progressStream: { write: () => true, isTTY: false },
    createSignal: () => ({ signal, dispose: () => undefined }),
    output: () => out,
  };
}

async function run(args: string[], env = environment()): Promise<string> {
  const program = new Command('anonex').exitOverride();
  program.addCommand(createSearchCommand(env).exitOverride());
  await program.parseAsync(['node', 'anonex', 'search', ...args]);
  return env.output();
}

/** A small table: 12 rows of age, zip and diagnosis, with a zip hierarchy file. */
function fixture(extraRows: string[][] = []): { dir: string; table: string; zip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'anonex-search-'));
  const rows = [
    ['23', '13053', 'flu'],
    ['27', '13068', 'cold'],
    ['28', '13068', 'flu'],
    ['21', '13053', 'cancer'],
    ['52', '14853', 'flu'],
    ['56', '14853', 'cold'],
    ['57', '14850', 'cancer'],
    ['51', '14850', 'flu'],
    ['35', '13053', 'cold'],
    ['36', '13068', 'cancer'],
    ['33', '13068', 'flu'],
    ['31', '13053', 'cold'],
    ...extraRows,
  ];
  const table = join(dir, 'patients.csv');
  writeFileSync(
    table,
    ['age,zip,diagnosis', ...rows.map((row) => row.join(','))].join('\n') + '\n',
  );
  const zip = join(dir, 'zip.csv');
  writeFileSync(
    zip,
    '13053;1305*;130**;*\n13068;1306*;130**;*\n14853;1485*;148**;*\n14850;1485*;148**;*\n',
  );
  return { dir, table, zip };
}

describe('cli/search', () => {
  it('prints the issue #5 JSON shape with levels by column', async () => {
    const { table, zip } = fixture();
    const json = JSON.parse(
      await run([table, '--hierarchy', `zip=${zip}`, '--bands', 'age=10,20', '--k', '3', '--json']),
    ) as Json;
    expect(json).to.include.all.keys(
      'levels',
      'suppressed',
      'classes',
      'min_class',
      'metric',
      'optimal',
      'checked',
      'elapsed_ms',
    );
    expect(Object.keys(json.levels)).to.deep.equal(['zip', 'age']);
    expect(json.optimal).to.equal(true);
    expect(json.metric.name).to.equal('loss');
    expect(json.min_class).to.be.at.least(3);
    expect(json.suppressed).to.equal(0);
    expect(json.checked).to.be.at.least(1);
    expect(json.measurement.k).to.equal(json.min_class);
    expect(json.measurement.utility.loss).to.be.closeTo(json.metric.value, 1e-12);
  });

  it('writes the generalized table with * in suppressed records and stays within the limit', async () => {
    const { dir, table, zip } = fixture();
    const out = join(dir, 'released.csv');
    const json = JSON.parse(
      await run([
        table,
        '--hierarchy',
        `zip=${zip}`,
        '--bands',
        'age=10,20',
        '--k',
        '4',
        '--suppression',
        '0.34',
        '--metric',
        'dm',
        '--out',
        out,
        '--json',
      ]),
    ) as Json;
    expect(json.suppressed).to.be.at.most(4);
    // The privacy module measures the released table independently.
    expect(json.measurement.k).to.be.at.least(4);
    expect(json.measurement.suppressed).to.equal(json.suppressed);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).to.equal('age,zip,diagnosis');
    const starred = lines.slice(1).filter((line) => line.startsWith('*,*,'));
    expect(starred.length).to.equal(json.suppressed);
    expect(readdirSync(dir).filter((name) => name.includes('partial'))).to.deep.equal([]);
  });

  it('enforces l-diversity on --sensitive', async () => {
    const { table, zip } = fixture();
    const json = JSON.parse(
      await run([
        table,
        '--hierarchy',
        `zip=${zip}`,
        '--bands',
        'age=10,20',
        '--sensitive',
        'diagnosis',
        '--k',
        '2',
        '--l',
        '3',
        '--json',
      ]),
    ) as Json;
    expect(json.levels).to.not.equal(null);
    expect(json.min_class).to.be.at.least(3);
  });

  it('runs Mondrian with --method mondrian', async () => {
    const { dir, table, zip } = fixture();
    const out = join(dir, 'mondrian.csv');
    const json = JSON.parse(
      await run([
        table,
        '--hierarchy',
        `zip=${zip}`,
        '--bands',
        'age=10,20',
        '--k',
        '3',
        '--method',
        'mondrian',
        '--out',
        out,
        '--json',
      ]),
    ) as Json;
    expect(json.method).to.equal('mondrian');
    expect(json.optimal).to.equal(false);
    expect(json.min_class).to.be.at.least(3);
    expect(readFileSync(out, 'utf8').split('\n')[1]).to.match(/^\d+(-\d+)?,/);
  });

  it('leaves nothing written when interrupted', async () => {
    const { dir, table, zip } = fixture();
    const out = join(dir, 'never.csv');
    let caught: unknown;
    try {
      await run(
        [table, '--hierarchy', `zip=${zip}`, '--bands', 'age=10,20', '--out', out, '--json'],
        environment(AbortSignal.abort()),
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(SearchError);
    expect((caught as SearchError).code).to.equal('search_cancelled');
    expect(existsSync(out)).to.equal(false);
    expect(readdirSync(dir).sort()).to.deep.equal(['patients.csv', 'zip.csv']);
  });

  it('refuses data values missing from a hierarchy', async () => {
    const { dir, table } = fixture();
    const partial = join(dir, 'partial-zip.csv');
    writeFileSync(partial, '13053;*\n13068;*\n');
    let caught: unknown;
    try {
      await run([table, '--hierarchy', `zip=${partial}`, '--json']);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(HierarchyError);
    expect((caught as HierarchyError).code).to.equal('hierarchy_value_missing');
  });

  it('finds the Adult optimum for k=5 with ARX hierarchies', async function () {
    requireAdult();
    const json = JSON.parse(
      await run([
        adultCsvPath(),
        ...ADULT_QUASI_IDENTIFIERS.flatMap((name) => [
          '--hierarchy',
          `${name}=${adultHierarchyPath(name)}`,
        ]),
        '--k',
        '5',
        '--json',
      ]),
    ) as Json;
    expect(json.levels).to.deep.equal({
      sex: 0,
      age: 4,
      race: 1,
      'marital-status': 1,
      education: 3,
      'native-country': 2,
      workclass: 2,
      occupation: 1,
      'salary-class': 0,
    });
    expect(json.metric.value).to.be.closeTo(0.5731509655759612, 1e-12);
    expect(json.classes).to.equal(24);
    expect(json.measurement.utility.loss).to.be.closeTo(json.metric.value, 1e-12);
  });
});

describe('cli/search with suppression, measured by the privacy module', () => {
  it('reports the same loss as measureHierarchyUtility on the released table', async () => {
    // One outlier (age 95) that is cheaper to suppress than to generalize everybody for.
    const { table, zip } = fixture([['95', '14850', 'flu']]);
    const args = [
      table,
      '--hierarchy',
      `zip=${zip}`,
      '--bands',
      'age=10,20',
      '--k',
      '3',
      '--suppression',
      '0.1',
      '--json',
    ];
    const json = JSON.parse(await run(args)) as Json;
    expect(json.suppressed).to.equal(1);
    expect(json.measurement.suppressed).to.equal(json.suppressed);
    expect(json.measurement.utility.loss).to.be.closeTo(json.metric.value, 1e-12);
  });
});

describe('cli/progress', () => {
  it('draws on a terminal, throttled, and clears the line when finished', () => {
    const writes: string[] = [];
    let nowMs = 0;
    const bar = createProgressBar(
      { write: (text) => writes.push(text), isTTY: true, columns: 80 },
      'search',
      {
        now: () => nowMs,
        intervalMs: 100,
      },
    );
    bar.update(1, 4, 'checked 1');
    nowMs = 50;
    bar.update(2, 4, 'checked 2'); // throttled
    nowMs = 150;
    bar.update(3, 4, 'checked 3');
    bar.finish();
    bar.update(4, 4, 'after finish');
    expect(writes).to.have.length(3);
    expect(writes[0]).to.match(/^\rsearch \[#+-+\] {2}25% {2}checked 1/);
    expect(writes[1]).to.match(/ 75% {2}checked 3/);
    expect(writes[2]).to.equal('\r\x1b[K');
  });

  it('stays silent when stderr is not a terminal', () => {
    const writes: string[] = [];
    const bar = createProgressBar({ write: (text) => writes.push(text), isTTY: false }, 'search');
    bar.update(1, 2);
    bar.finish();
    expect(writes).to.deep.equal([]);
  });
});
