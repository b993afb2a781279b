import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeChunksAtomically } from '../../src/cli/commands/table-output.js';

describe('cli writeChunksAtomically', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anonex-output-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every chunk and returns the SHA-256 and size of the file', () => {
    const path = join(dir, 'out.csv');
    const chunks = [Buffer.from('a,b\n'), Buffer.from('1,2\n'), Buffer.from('张三,4\n')];
    const written = writeChunksAtomically(path, chunks);
    const bytes = readFileSync(path);
    expect(bytes.equals(Buffer.concat(chunks))).to.equal(true);
    expect(written).to.deep.equal({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    });
    expect(readdirSync(dir)).to.deep.equal(['out.csv']);
  });

  it('leaves the previous file and no partial file when producing the chunks fails', () => {
    const path = join(dir, 'out.csv');
    writeFileSync(path, 'previous\n');
    function* failing(): Generator<Uint8Array> {
      yield Buffer.from('a,b\n');
      throw new Error('encoder failed');
    }
    expect(() => writeChunksAtomically(path, failing())).to.throw('encoder failed');
    expect(readFileSync(path, 'utf8')).to.equal('previous\n');
    expect(readdirSync(dir)).to.deep.equal(['out.csv']);
  });
});
