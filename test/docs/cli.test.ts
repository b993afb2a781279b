import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT_STATUS } from '../../src/cli/exit-status.js';
import { buildProgram } from '../../src/cli/index.js';

// A newline first, so the title matches like every other heading.
const page = `\n${readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8')}`;

/** The rows of the table under `heading`: first cells, backticks stripped. */
function firstCells(heading: string): string[] {
  const start = page.indexOf(`\n${heading}\n`);
  expect(start, heading).to.be.greaterThan(-1);
  const end = page.indexOf('\n## ', start + 1);
  const section = page.slice(start, end === -1 ? undefined : end);
  // A cell may hold escaped bars (`add\|list`).
  return [...section.matchAll(/^\| ((?:[^|\\]|\\\|)+?) \|/gm)]
    .map((match) => match[1].replaceAll('`', '').replaceAll('\\', ''))
    .filter((cell) => !/^-+$/.test(cell) && cell !== 'command' && cell !== 'status');
}

/** `anonex admin member add|list`-style names of every leaf command of the program. */
function leafCommands(command: Command, prefix: string): string[] {
  const name = `${prefix} ${command.name()}`.trim();
  if (command.commands.length === 0) return [name];
  return command.commands.flatMap((sub) => leafCommands(sub, name));
}

describe('docs: docs/cli.md', () => {
  it('lists every command of the program', () => {
    const documented = firstCells('# The `anonex` command line').join('\n');
    for (const leaf of leafCommands(buildProgram(), '')) {
      const [, ...words] = leaf.split(' ');
      const verb = words.at(-1)!;
      const group = words.slice(0, -1).join(' ');
      // `admin member add|list` documents `admin member add` and `admin member list`.
      const pattern = new RegExp(
        `^anonex ${group === '' ? '' : `${group} `}(\\S*\\|)?${verb}(\\|\\S*)?( |$)`,
        'm',
      );
      expect(documented, leaf).to.match(pattern);
    }
  });

  it('documents exactly the exit statuses the CLI uses', () => {
    const documented = firstCells('## Exit statuses').map(Number);
    expect(documented).to.deep.equal(Object.values(EXIT_STATUS));
  });
});
