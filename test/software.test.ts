// The version is read once, from package.json, and the CLI, the report and the API name it.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { buildProgram } from '../src/cli/index.js';
import { SOFTWARE } from '../src/software.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

describe('software', () => {
  it("is package.json's name and version", () => {
    expect(SOFTWARE).to.deep.equal({ name: manifest.name, version: manifest.version });
  });

  it('is what `anonex --version` prints', () => {
    expect(buildProgram().version()).to.equal(manifest.version);
  });
});
