// What the docs show as files is the files: shipped policy snippets are verbatim, and the example
// request bodies the transcripts send are accepted by the schemas that validate them.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateCatalogMetadata } from '../../src/services/datasets/catalog-metadata.js';
import { reviewDecisionSchema } from '../../src/services/reviews/review-state.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('docs: examples are the real files', () => {
  const pages = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const marked = pages.flatMap((page) =>
    [...read(page).matchAll(/<!-- shipped: (\S+) -->\n```yaml\n([\s\S]*?)```/g)].map((match) => ({
      page,
      file: match[1],
      snippet: match[2],
    })),
  );

  it('marks at least the hospital policy in docs/deidentification.md', () => {
    expect(marked.map(({ page, file }) => `${page} ${file}`)).to.include(
      'docs/deidentification.md policies/hospital-visits.yaml',
    );
  });

  for (const { page, file, snippet } of marked) {
    it(`${page} shows ${file} as shipped (comments aside)`, () => {
      const shipped = read(file)
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .join('\n')
        .trim();
      expect(snippet.trim()).to.equal(shipped);
    });
  }

  it('docs/examples/dataset.json is a dataset the service accepts', () => {
    const body = JSON.parse(read('docs/examples/dataset.json')) as {
      name: string;
      metadata: unknown;
    };
    expect(body.name.trim()).to.not.equal('');
    expect(() => validateCatalogMetadata(body.metadata)).not.to.throw();
  });

  it('docs/examples/decision.json is a review decision the service accepts', () => {
    const parsed = reviewDecisionSchema.safeParse(JSON.parse(read('docs/examples/decision.json')));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).to.equal(true);
  });
});
