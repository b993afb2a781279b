import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import iconv from 'iconv-lite';
import { createDetectCommand, displayWidth } from '../../src/cli/commands/detect.js';
import { TableError } from '../../src/core/table/index.js';

const NOW = Date.UTC(2026, 10, 27, 8, 0);

async function run(args: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { env: {}, out: (t: string) => void (out += t), err: (t: string) => void (err += t) };
  const stream = { write: (t: string) => void (err += t), isTTY: false };
  const program = new Command('anonex').exitOverride();
  program.addCommand(createDetectCommand(io, stream, () => NOW).exitOverride());
  await program.parseAsync(['node', 'anonex', 'detect', ...args]);
  return { out, err };
}

describe('cli/detect', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonex-detect-'));
  const csv = [
    '姓名,身份证号,手机,订单号,金额',
    '张伟,11010519491231002X,13812345678,202307140000123,12.50',
    '王芳,120104199003071234,13912345678,202307140000124,8.00',
    '李娜,440306198511115671,,202307140000125,99.90',
    '',
  ].join('\r\n');
  const file = join(dir, 'patients.csv');
  writeFileSync(file, iconv.encode(csv, 'gb18030'));

  it('prints exactly the documented JSON shape, reading GB18030', async () => {
    const json = JSON.parse((await run([file, '--json'])).out);
    expect(Object.keys(json)).to.deep.equal(['rows', 'columns']);
    expect(json.rows).to.equal(3);
    const byName = Object.fromEntries(json.columns.map((c: { name: string }) => [c.name, c]));
    expect(Object.keys(byName)).to.deep.equal(['姓名', '身份证号', '手机', '订单号', '金额']);
    expect(byName['身份证号']).to.deep.include({
      type: 'string',
      nulls: 0,
      distinct: 3,
      direct_identifier: true,
    });
    expect(byName['身份证号'].findings[0]).to.deep.include({
      kind: 'cn_resident_id',
      match_rate: 1,
      confidence: 1,
    });
    expect(byName['手机']).to.deep.include({ nulls: 1, direct_identifier: true });
    expect(byName['手机'].findings[0]).to.deep.include({ kind: 'cn_mobile', match_rate: 1 });
    expect(byName['姓名'].findings[0].kind).to.equal('cn_name');
    expect(byName['订单号']).to.deep.include({ type: 'integer', direct_identifier: false });
    expect(byName['金额']).to.deep.include({
      type: 'number',
      findings: [],
      direct_identifier: false,
    });
    for (const column of json.columns)
      expect(column).to.include.all.keys(
        'name',
        'type',
        'nulls',
        'distinct',
        'findings',
        'direct_identifier',
      );
  });

  it('prints an aligned table without --json', async () => {
    const { out } = await run([file]);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).to.equal('rows 3, columns 5, direct identifiers 3');
    expect(lines[1]).to.match(/^column\s+type\s+nulls\s+distinct\s+findings\s+verdict$/);
    const idLine = lines.find((l) => l.startsWith('身份证号'))!;
    expect(idLine).to.include('cn_resident_id 100.0% (1.00)').and.to.include('DIRECT IDENTIFIER');
    // Columns line up in terminal cells even with Han characters in the first column.
    const typeColumn = (l: string) =>
      displayWidth(l.slice(0, l.search(/ (string|integer|number|type)/)));
    expect(new Set(lines.slice(1).map(typeColumn)).size).to.equal(1);
  });

  it('fails with a typed error on a ragged CSV and on a missing file', async () => {
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(ragged, 'a,b\n1,2\n3\n');
    try {
      await run([ragged]);
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(TableError);
      expect((error as TableError).code).to.equal('table_ragged_row');
      expect((error as TableError).details).to.include({ row: 3, line: 3 });
    }
    try {
      await run([join(dir, 'missing.csv')]);
      expect.fail('should throw');
    } catch (error) {
      expect((error as TableError).code).to.equal('table_input_unreadable');
    }
  });
});
