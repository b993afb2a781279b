// `anonex ledger export|verify` and `anonex receipt verify`: real database, real files, and the
// exit status and message of the real process for a tampered export.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { CliIo } from '../../src/cli/cli-io.js';
import { createLedgerCommand } from '../../src/cli/commands/ledger.js';
import { createReceiptCommand } from '../../src/cli/commands/receipt.js';
import { loadConfig } from '../../src/config.js';
import {
  LedgerError,
  rfc9162Hasher as hasher,
  signCheckpoint,
} from '../../src/core/ledger/index.js';
import { composeServices } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { recordLedgerEvent } from '../../src/services/ledger-outbox.js';
import { createCheckpointKey } from '../../src/services/ledger/exchange-identity.js';
import { testKey } from '../core/ledger/test-keys.js';

async function run(
  command: 'ledger' | 'receipt',
  env: NodeJS.ProcessEnv,
  args: string[],
): Promise<string> {
  const out: string[] = [];
  const io: CliIo = { env, out: (t) => void out.push(t), err: () => undefined };
  const program = (
    command === 'ledger' ? createLedgerCommand(io) : createReceiptCommand(io)
  ).exitOverride();
  await program.parseAsync(args, { from: 'user' });
  return out.join('');
}

async function failure(
  command: 'ledger' | 'receipt',
  env: NodeJS.ProcessEnv,
  args: string[],
): Promise<LedgerError> {
  try {
    await run(command, env, args);
  } catch (error) {
    expect(error).to.be.instanceOf(LedgerError);
    return error as LedgerError;
  }
  throw new Error('verified');
}

describe('cli ledger and receipt', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let exportPath: string;
  let certPath: string;
  let receiptPath: string;
  let lines: string[];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'anonex-cli-ledger-'));
    env = {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      LEDGER_BATCH_MAX_ENTRIES: '4',
      LEDGER_ORIGIN: 'anonex.cli/ledger',
    };
    const { deps, services } = await composeServices(loadConfig(env), {
      logger: createLogger({ logLevel: 'silent' }),
      announce: () => undefined,
    });
    let outboxId = 0;
    for (let i = 0; i < 10; i++) {
      outboxId = await deps.db.transaction((trx) =>
        recordLedgerEvent(trx, deps.clock, { kind: 'trade', trade_id: `trd_${i}` }),
      );
    }
    await services.ledger.open();
    await services.ledger.flush();
    receiptPath = join(dataDir, 'receipt.json');
    writeFileSync(
      receiptPath,
      JSON.stringify(await services.ledger.receiptForOutboxEntry(outboxId), null, 2),
    );
    certPath = join(dataDir, 'exchange.pem');
    writeFileSync(certPath, await services.ledger.certificateBundle());
    await deps.db.destroy();
    exportPath = join(dataDir, 'ledger.jsonl');
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exports the ledger and verifies the export with the certificate', async () => {
    expect(await run('ledger', env, ['export', '--out', exportPath])).to.equal(
      `exported 10 entries and 3 checkpoints to ${exportPath}\n`,
    );
    lines = readFileSync(exportPath, 'utf8').trimEnd().split('\n');
    expect(lines).to.have.length(1 + 10 + 3);
    const out = await run('ledger', env, [
      'verify',
      exportPath,
      '--cert',
      certPath,
      '--checkpoint',
      receiptPath,
    ]);
    expect(out).to.match(
      /^OK: 10 entries, 3 checkpoints verified; root [A-Za-z0-9+/]{43}= signed for anonex\.cli\/ledger by key [0-9a-f]{8}\n$/,
    );
  });

  const write = (name: string, content: string[]) => {
    const path = join(dataDir, name);
    writeFileSync(path, `${content.join('\n')}\n`);
    return path;
  };
  const edit = (index: number, change: (v: Record<string, unknown>) => Record<string, unknown>) =>
    lines.map((line, i) => (i === index ? JSON.stringify(change(JSON.parse(line))) : line));
  // lines: 0 header; 1–4 entries 0–3; 5 checkpoint; 6–9 entries 4–7; 10 checkpoint; 11–12 entries 8–9; 13 checkpoint.
  const cases: {
    desc: string;
    content: () => string[];
    code: string;
    message: RegExp;
    extra?: string[];
  }[] = [
    {
      desc: 'modified',
      content: () => edit(7, (v) => ({ ...v, entry: '{"kind":"trade","trade_id":"forged"}' })),
      code: 'ledger_entry_modified',
      message: /^line 8: entry 5: content does not hash/,
    },
    {
      desc: 'deleted',
      content: () => lines.filter((_, i) => i !== 7),
      code: 'ledger_entry_missing',
      message: /^line 8: entry 6: want entry 5 here/,
    },
    {
      desc: 'inserted',
      content: () => [...lines.slice(0, 7), lines[6], ...lines.slice(7)],
      code: 'ledger_entry_out_of_order',
      message: /^line 8: entry 4: want entry 5/,
    },
    {
      desc: 'reordered',
      content: () => [...lines.slice(0, 6), lines[7], lines[6], ...lines.slice(8)],
      code: 'ledger_entry_missing',
      message: /^line 7: entry 5: want entry 4/,
    },
    {
      desc: 'signed by another key',
      content: () =>
        edit(10, () => ({
          checkpoint: signCheckpoint(
            {
              origin: 'anonex.cli/ledger',
              treeSize: 8,
              rootHash: hasher.hashLeaf(Buffer.from('x')),
              extensions: [],
            },
            [testKey('anonex.cli/ledger', 5).signer],
          ),
        })),
      code: 'ledger_untrusted_signer',
      message:
        /^line 11: checkpoint 2 \(line 11\): signed by anonex\.cli\/ledger\/[0-9a-f]{8}, none of them a trusted key/,
    },
    {
      desc: 'truncated',
      content: () => lines.slice(0, 11),
      code: 'ledger_truncated',
      message: /ends at 8 entries but checkpoint .* is signed for 10/,
      extra: ['--checkpoint', '<receipt>'],
    },
  ];
  for (const c of cases) {
    it(`names the first bad entry or checkpoint of a ${c.desc} export (${c.code})`, async () => {
      const path = write(`${c.desc.replace(/ /g, '-')}.jsonl`, c.content());
      const extra = (c.extra ?? []).map((arg) => (arg === '<receipt>' ? receiptPath : arg));
      const error = await failure('ledger', env, ['verify', path, '--cert', certPath, ...extra]);
      expect(error.code).to.equal(c.code);
      expect(error.message).to.match(c.message);
    });
  }

  it('verifies a receipt, and refuses a tampered one or another certificate', async () => {
    expect(await run('receipt', env, ['verify', receiptPath, '--cert', certPath])).to.match(
      /^OK: entry 9 \(trade\) is in anonex\.cli\/ledger at tree size 10, signed by key [0-9a-f]{8}\n$/,
    );
    const receipt = JSON.parse(readFileSync(receiptPath, 'utf8'));
    const forged = join(dataDir, 'forged-receipt.json');
    writeFileSync(
      forged,
      JSON.stringify({ ...receipt, entry: receipt.entry.replace('trd_9', 'trd_0') }),
    );
    expect((await failure('receipt', env, ['verify', forged, '--cert', certPath])).code).to.equal(
      'ledger_root_mismatch',
    );
    const otherCert = join(dataDir, 'other.pem');
    const { row } = createCheckpointKey(
      mkdtempSync(join(tmpdir(), 'anonex-other-')),
      'anonex.cli/ledger',
      Date.now(),
    );
    writeFileSync(otherCert, row.certificatePem);
    expect(
      (await failure('receipt', env, ['verify', receiptPath, '--cert', otherCert])).code,
    ).to.equal('ledger_untrusted_signer');
    writeFileSync(otherCert, 'not a certificate');
    expect(
      (await failure('receipt', env, ['verify', receiptPath, '--cert', otherCert])).code,
    ).to.equal('ledger_malformed_certificate');
  });

  it('audit reports each ledger entry without its row, as text and as JSON, and fails', async () => {
    const capture = async (args: string[]) => {
      const out: string[] = [];
      const io: CliIo = { env, out: (t) => void out.push(t), err: () => undefined };
      const error = await createLedgerCommand(io)
        .exitOverride()
        .parseAsync(['audit', ...args], { from: 'user' })
        .then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
      return { out: out.join(''), error: error as LedgerError | undefined };
    };
    const text = await capture([]);
    expect(text.error?.code).to.equal('ledger_reconciliation_differences');
    const lines = text.out.trimEnd().split('\n');
    expect(lines[0]).to.equal(
      'DIFFERENCE trade trd_0: ledger entry 0 records it, the database has no such row',
    );
    expect(lines).to.have.length(11);
    expect(lines[10]).to.equal('FAILED: 0 rows and 10 ledger entries reconciled; 10 differences');
    const json = await capture(['--json']);
    expect(json.error?.code).to.equal('ledger_reconciliation_differences');
    const report = JSON.parse(json.out) as { differences: { kind: string; id: string }[] };
    expect(report.differences.map((d) => `${d.kind} ${d.id}`)).to.include('row_missing trd_9');
  });

  it('audit passes over a database that matches its ledger', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'anonex-cli-audit-'));
    try {
      const out = await run('ledger', { ...env, DATA_DIR: emptyDir }, ['audit']);
      expect(out).to.equal('OK: 0 rows and 0 ledger entries reconciled; 0 differences\n');
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  it('exits 1 naming the bad entry from the real process, 0 when it verifies', function () {
    // Two real processes, each compiling the CLI under tsx: ~4 s apiece alone, far more on a busy machine.
    this.timeout(60_000);
    const runner =
      "import { main } from './src/cli/index.ts'; await main(['node', 'anonex', ...process.argv.slice(1)]);";
    const cli = (args: string[]) =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', runner, ...args],
        { encoding: 'utf8', env: { ...process.env, ...env } },
      );
    const ok = cli(['ledger', 'verify', exportPath, '--cert', certPath]);
    expect(ok.status, ok.stderr).to.equal(0);
    const bad = cli(['ledger', 'verify', join(dataDir, 'modified.jsonl'), '--cert', certPath]);
    expect(bad.status).to.equal(1);
    expect(bad.stderr).to.match(
      /^anonex: line 8: entry 5: content does not hash to its leaf hash \[ledger_entry_modified\]\n$/,
    );
  });
});
