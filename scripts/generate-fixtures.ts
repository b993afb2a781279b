// Writes the fixture samples and label files, or streams one large fixture to disk.
//
//   npx tsx scripts/generate-fixtures.ts
//       fixtures/samples/<name>.csv (UTF-8, SAMPLE_ROWS rows, SAMPLE_SEED), utility-bills.gb18030.csv,
//       and fixtures/labels/<name>.json for every fixture.
//   npx tsx scripts/generate-fixtures.ts --fixture hospital-visits --rows 1000000 \
//       --out fixtures/large/hospital-visits.csv [--seed 7] [--encoding gb18030]
//       streams rows to the file in 64 KiB chunks; memory stays flat whatever --rows is.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import {
  FIXTURES,
  SAMPLE_ROWS,
  SAMPLE_SEED,
  sampleFiles,
  toCsv,
  toCsvRecord,
  toLabelFile,
  type FixtureDefinition,
} from '../fixtures/generators/index.js';

type Encoding = 'utf-8' | 'gb18030';

function encode(text: string, encoding: Encoding): Buffer {
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gb18030');
}

function findFixture(name: string): FixtureDefinition {
  const found = FIXTURES.find((definition) => definition.name === name);
  if (found === undefined)
    throw new Error(
      `unknown fixture ${name}; want one of ${FIXTURES.map((d) => d.name).join(', ')}`,
    );
  return found;
}

async function streamFixture(
  definition: FixtureDefinition,
  options: { rows: number; seed: number; out: string; encoding: Encoding },
): Promise<void> {
  mkdirSync(dirname(options.out), { recursive: true });
  const stream = createWriteStream(options.out);
  const started = performance.now();
  let chunk = toCsvRecord(definition.columns.map((column) => column.name));
  let written = 0;
  for (const row of definition.iterate({ rows: options.rows, seed: options.seed })) {
    chunk += toCsvRecord(row);
    written++;
    if (chunk.length >= 1 << 16) {
      if (!stream.write(encode(chunk, options.encoding))) await once(stream, 'drain');
      chunk = '';
    }
    if (written % 100_000 === 0)
      process.stderr.write(`\r${definition.name}: ${written} / ${options.rows} rows`);
  }
  stream.end(encode(chunk, options.encoding));
  await once(stream, 'finish');
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `\r${definition.name}: ${written} rows → ${options.out} in ${seconds.toFixed(1)} s (${Math.round(written / seconds)} rows/s)\n`,
  );
}

/** JSON.stringify with two spaces, short arrays of strings on one line (as prettier prints them). */
function toPrettyJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    /\[\n\s+("[^"\n]*"(?:,\n\s+"[^"\n]*")*)\n\s+\]/g,
    (_match, items: string) => `[${items.split(/,\n\s+/).join(', ')}]`,
  );
  return `${text}\n`;
}

function writeSamples(): void {
  mkdirSync('fixtures/samples', { recursive: true });
  mkdirSync('fixtures/labels', { recursive: true });
  for (const definition of FIXTURES) {
    const table = definition.generate({ rows: SAMPLE_ROWS, seed: SAMPLE_SEED });
    const text = toCsv(
      table.columns.map((column) => column.name),
      table.rows,
    );
    for (const sample of sampleFiles(definition.name)) {
      const bytes = encode(text, sample.encoding);
      writeFileSync(sample.file, bytes);
      console.log(
        `${sample.file}: ${table.rows.length} rows, ${bytes.length} bytes (${sample.encoding})`,
      );
    }
    const labels = `fixtures/labels/${definition.name}.json`;
    writeFileSync(labels, toPrettyJson(toLabelFile(definition)));
    console.log(`${labels}: ${definition.columns.length} columns`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      fixture: { type: 'string' },
      rows: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      encoding: { type: 'string', default: 'utf-8' },
    },
  });
  if (values.out === undefined) {
    writeSamples();
    return;
  }
  const encoding = values.encoding;
  if (encoding !== 'utf-8' && encoding !== 'gb18030')
    throw new Error(`--encoding must be utf-8 or gb18030, got ${encoding}`);
  const rows = Number(values.rows ?? SAMPLE_ROWS);
  const seed = Number(values.seed ?? SAMPLE_SEED);
  if (!Number.isInteger(rows) || rows < 0)
    throw new Error(`--rows must be a non-negative integer, got ${values.rows}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  const names =
    values.fixture === undefined ? FIXTURES.map((d) => d.name) : values.fixture.split(',');
  for (const name of names) {
    const out = names.length === 1 ? values.out : values.out.replace(/(\.csv)?$/, `-${name}.csv`);
    await streamFixture(findFixture(name), { rows, seed, out, encoding });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `generate-fixtures: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
