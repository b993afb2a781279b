import { expect } from 'chai';
import { readFileSync } from 'node:fs';

/** Variables declared in src/config.ts's environment schema. */
function configuredVariables(): string[] {
  const source = readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8');
  const schema = source.slice(source.indexOf('const environmentSchema'), source.indexOf('\n});'));
  return [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]);
}

/** Variables in the configuration table of docs/readme/10-foundation.md. */
function documentedVariables(): string[] {
  const text = readFileSync(new URL('../../docs/readme/10-foundation.md', import.meta.url), 'utf8');
  return [...text.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]);
}

describe('docs: configuration table', () => {
  it('documents every environment variable src/config.ts reads, and only those', () => {
    const configured = configuredVariables();
    expect(configured).to.include('DATABASE_URL');
    expect(documentedVariables().sort()).to.deep.equal(configured.sort());
  });
});
