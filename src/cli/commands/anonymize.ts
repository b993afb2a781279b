// `anonex anonymize <file> --policy p.yaml --out f [--report r.json|r.html] [--seed n]`: runs the
// de-identification pipeline offline; refuses (exit 1, nothing written but the report) when the gate does.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { systemClock } from '../../core/clock.js';
import {
  DeidError,
  hierarchyFiles,
  parsePolicy,
  PolicyError,
  runRelease,
  toGateRefusedError,
  toInputPlan,
  type Policy,
  type Release,
} from '../../core/deid/index.js';
import type { TableFormat } from '../../core/table/index.js';
import { processIo, type CliIo } from '../cli-io.js';
import { SOFTWARE } from '../../software.js';
import { createProgressBar, type ProgressStream } from '../progress.js';
import {
  formatOfPath,
  loadEncodedTableFile,
  withTableInputOptions,
  type TableInputFlags,
} from './table-input.js';
import { writeReportFile } from './report-output.js';
import { writeChunksAtomically } from './table-output.js';

interface AnonymizeFlags extends TableInputFlags {
  policy: string;
  out: string;
  report?: string;
  provider?: string;
  datasetName?: string;
  seed?: number;
  outFormat?: TableFormat;
  formulaGuard: boolean;
  bom?: boolean;
}

/** Rows from which the progress bar is worth drawing. */
const PROGRESS_MIN_ROWS = 50_000;

const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

function readPolicyText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyError('policy_invalid', `cannot read policy ${path}`, {
      details: { file: path, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' },
      issues: [{ field: path, reason: 'file not readable' }],
    });
  }
}

/** Hierarchy files are named relative to the policy file; read them all before running. */
function readHierarchies(policy: Policy, policyPath: string): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const file of hierarchyFiles(policy)) {
    const path = resolve(dirname(policyPath), file);
    try {
      texts[file] = readFileSync(path, 'utf8');
    } catch {
      throw new DeidError('deid_missing_hierarchy', `hierarchy ${file} (${path}) cannot be read`, {
        details: { file },
      });
    }
  }
  return texts;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
    throw new InvalidArgumentError('want an integer in [0, 2^32)');
  return n;
}

export function createAnonymizeCommand(
  io: CliIo = processIo,
  progressStream: ProgressStream = process.stderr,
  nowMs: () => number = () => systemClock.nowMs(),
): Command {
  return withTableInputOptions(
    new Command('anonymize')
      .description(
        'De-identify a table with a policy; refuses to write output the Art. 29 gate rejects',
      )
      .argument('<file>', 'CSV, JSON Lines or Arrow file to de-identify')
      .requiredOption('--policy <file>', 'policy YAML (see policies/README.md)')
      .requiredOption(
        '--out <file>',
        'where to write the de-identified table (.csv, .jsonl or .arrow)',
      )
      .option(
        '--report <file>',
        'write the anonymization report here, also when refused: HTML for .html/.htm, else JSON',
      )
      .option('--provider <name>', "the data provider named on the HTML report's certificate")
      .option(
        '--dataset-name <name>',
        "the dataset named on the HTML report's certificate (default: the input file's name)",
      )
      .option(
        '--seed <n>',
        'seed for noise, date shifts and synthetic values (default: random)',
        parseSeed,
      )
      .addOption(
        new Option(
          '--out-format <format>',
          'output format (default: from --out extension)',
        ).choices(['csv', 'jsonl', 'arrow']),
      )
      .option(
        '--no-formula-guard',
        "do not prefix cells starting with = + - @ with ' in CSV output",
      )
      .option('--bom', 'write a UTF-8 BOM before CSV output (Excel)'),
  ).action((file: string, flags: AnonymizeFlags) => {
    const policyText = readPolicyText(flags.policy);
    const policy = parsePolicy(policyText, flags.policy);
    const hierarchies = readHierarchies(policy, flags.policy);
    // Read as the policy's plan says: the columns it only drops are sampled, never held.
    const loaded = loadEncodedTableFile(file, flags, toInputPlan(policy));
    const rows = loaded.table.rows;
    const bar = createProgressBar(progressStream, 'anonymize');
    const drawProgress = rows >= PROGRESS_MIN_ROWS;
    let release: Release;
    try {
      release = runRelease(
        {
          table: loaded.table,
          policy,
          policySha256: sha256(policyText),
          hierarchies,
          seed: flags.seed ?? randomInt(0, 2 ** 31),
          nowMs: nowMs(),
          input: { sha256: loaded.sha256, format: loaded.format, encoding: loaded.encoding },
          artifact: {
            format: flags.outFormat ?? formatOfPath(flags.out),
            formulaGuard: flags.formulaGuard,
            bom: flags.bom,
          },
          software: SOFTWARE,
          ...(drawProgress
            ? { onProgress: (p) => bar.update(p.done, p.total, `${p.stage} ${p.done}/${p.total}`) }
            : {}),
        },
        { randomBytes, writeArtifact: (chunks) => writeChunksAtomically(flags.out, chunks) },
      );
    } finally {
      bar.finish();
    }
    if (flags.report)
      writeReportFile(flags.report, release.report, {
        ...(flags.provider ? { provider: { name: flags.provider } } : {}),
        dataset: { name: flags.datasetName ?? basename(file) },
      });
    const { result, output } = release;
    if (output === undefined)
      throw toGateRefusedError(
        result.verdict,
        `the gate refused the release of ${file} (${result.verdict.refusals.length} reason(s)); nothing was written to ${flags.out}`,
      );
    io.out(
      `anonymized ${rows} rows → ${flags.out} (${output.rows} released, ${result.suppressed} suppressed); ` +
        `policy ${policy.name} v${policy.version} (${policy.mode}); gate: PASS, level ${release.level}\n`,
    );
  });
}

export function registerAnonymizeCommand(program: Command): void {
  program.addCommand(createAnonymizeCommand());
}
