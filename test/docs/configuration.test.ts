import { expect } from 'chai';
import { readFileSync } from 'node:fs';

/** Variables declared in src/config.ts's environment schema. */
function configuredVariables(): string[] {
  const source = readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8');
  const schema = source.slice(source.indexOf('const environmentSchema'), source.indexOf('\n});'));
  return [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]);
}

/** Variables in the table of docs/deployment.md's Configuration section. */
function documentedVariables(): string[] {
  const page = readFileSync(new URL('../../docs/deployment.md', import.meta.url), 'utf8');
  const start = page.indexOf('\n## Configuration\n');
  const end = page.indexOf('\n## ', start + 1);
  const section = page.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]);
}

describe('docs: configuration table', () => {
  it('documents every environment variable src/config.ts reads, and only those', () => {
    const configured = configuredVariables();
    expect(configured).to.include('DATABASE_URL');
    expect(documentedVariables().sort()).to.deep.equal(configured.sort());
  });
});
