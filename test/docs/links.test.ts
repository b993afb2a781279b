// The README and docs/ link into each other: every relative link must name a file that exists and,
// with a `#fragment`, a heading of that file (GitHub's anchor rules), so a moved section is noticed.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Text outside fenced code blocks: links and headings inside examples do not count. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(path: string): Set<string> {
  const headings = [...prose(readFileSync(path, 'utf8')).matchAll(/^#{1,6} (.+)$/gm)];
  return new Set(headings.map((match) => headingAnchor(match[1])));
}

describe('docs: links between the README and docs/', () => {
  it('computes anchors as GitHub does', () => {
    expect(
      headingAnchor('Automatic generalization: optimal search and Mondrian (`anonex search`)'),
    ).to.equal('automatic-generalization-optimal-search-and-mondrian-anonex-search');
    expect(headingAnchor('What the gateway checks at start')).to.equal(
      'what-the-gateway-checks-at-start',
    );
  });

  for (const page of PAGES) {
    it(`${page}: every relative link resolves`, () => {
      const broken: string[] = [];
      const text = prose(readFileSync(join(ROOT, page), 'utf8'));
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file, fragment] = target.split('#');
        const path = file === '' ? join(ROOT, page) : join(ROOT, dirname(page), file);
        if (!existsSync(path)) broken.push(`${target} (no ${relative(ROOT, path)})`);
        else if (fragment !== undefined && path.endsWith('.md') && !anchorsOf(path).has(fragment))
          broken.push(`${target} (no heading #${fragment})`);
      }
      expect(broken).to.deep.equal([]);
    });
  }
});
