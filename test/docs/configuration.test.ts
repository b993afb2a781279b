import { expect } from 'chai';
import { readFileSync } from 'node:fs';

/** Variables declared in src/config.ts's environment schema. */
function configuredVariables(): string[] {
  const source = readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8');
  const schema = source.slice(source.indexOf('const environmentSchema'), source.indexOf('\n});'));
  return [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]);
}

/** Variables in the table of the README's Configuration section. */
function documentedVariables(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('\n## Configuration\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]);
}

describe('docs: configuration table', () => {
  it('documents every environment variable src/config.ts reads, and only those', () => {
    const configured = configuredVariables();
    expect(configured).to.include('DATABASE_URL');
    expect(documentedVariables().sort()).to.deep.equal(configured.sort());
  });
});
