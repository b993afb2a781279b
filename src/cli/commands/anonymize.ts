// `anonex anonymize <file> --policy p.yaml --out f [--report r.json] [--seed n]`: runs the
// de-identification pipeline offline; refuses (exit 1, nothing written but the report) when the gate does.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { systemClock } from '../../core/clock.js';
import { toChinaYmd } from '../../core/detect/index.js';
import {
  buildRunReport,
  DeidError,
  describeRefusal,
  hierarchyFiles,
  parsePolicy,
  PolicyError,
  runPipeline,
  type PipelineResult,
  type Policy,
} from '../../core/deid/index.js';
import { encodeTableChunks, type TableFormat } from '../../core/table/index.js';
import { processIo, type CliIo } from '../cli-io.js';
import { createProgressBar, type ProgressStream } from '../progress.js';
import {
  formatOfPath,
  loadTableFile,
  withTableInputOptions,
  type TableInputFlags,
} from './table-input.js';
import { writeChunksAtomically } from './table-output.js';

interface AnonymizeFlags extends TableInputFlags {
  policy: string;
  out: string;
  report?: string;
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
      .option('--report <file>', 'write the anonymization report JSON here (also when refused)')
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
    const loaded = loadTableFile(file, flags);
    const rows = loaded.table.numRows();
    const bar = createProgressBar(progressStream, 'anonymize');
    const drawProgress = rows >= PROGRESS_MIN_ROWS;
    // The pseudonym key is fresh crypto randomness every run, whatever the seed: it is never
    // derived from anything reproducible, never written anywhere, and wiped after the run.
    const pseudonymKey = randomBytes(32);
    let result: PipelineResult;
    try {
      result = runPipeline(loaded.table, policy, {
        seed: flags.seed ?? randomInt(0, 2 ** 31),
        todayYmd: toChinaYmd(nowMs()),
        hierarchies,
        pseudonymKey,
        onProgress: drawProgress
          ? (p) => bar.update(p.done, p.total, `${p.stage} ${p.done}/${p.total}`)
          : undefined,
      });
    } finally {
      pseudonymKey.fill(0);
      bar.finish();
    }
    let output: { rows: number; columns: string[]; sha256: string } | undefined;
    if (result.verdict.pass && result.output) {
      const written = writeChunksAtomically(
        flags.out,
        encodeTableChunks(result.output, flags.outFormat ?? formatOfPath(flags.out), {
          formulaGuard: flags.formulaGuard,
          bom: flags.bom,
        }),
      );
      output = {
        rows: result.output.numRows(),
        columns: result.output.columnNames(),
        sha256: written.sha256,
      };
    }
    if (flags.report) {
      const report = buildRunReport(result, {
        generatedAtMs: nowMs(),
        input: {
          rows,
          columns: loaded.table.columnNames(),
          sha256: loaded.sha256,
          format: loaded.format,
          encoding: loaded.encoding,
        },
        policy,
        policySha256: sha256(policyText),
        output,
      });
      writeFileSync(flags.report, `${JSON.stringify(report, null, 2)}\n`);
    }
    if (!result.verdict.pass) {
      const refusals = result.verdict.refusals;
      throw new DeidError(
        'deid_gate_refused',
        `the gate refused the release of ${file} (${refusals.length} reason(s)); nothing was written to ${flags.out}`,
        {
          details: { refusals: refusals.length, stage: result.verdict.stage },
          issues: refusals.map((r) => ({
            field: 'column' in r ? r.column : r.kind,
            reason: describeRefusal(r),
          })),
        },
      );
    }
    io.out(
      `anonymized ${rows} rows → ${flags.out} (${output!.rows} released, ${result.suppressed} suppressed); ` +
        `policy ${policy.name} v${policy.version} (${policy.mode}); gate: PASS\n`,
    );
  });
}

export function registerAnonymizeCommand(program: Command): void {
  program.addCommand(createAnonymizeCommand());
}
