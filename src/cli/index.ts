// The `anonex` command line: one commander program, one file per command under commands/.
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { isAnonexError } from '../core/errors.js';
import { SOFTWARE } from '../software.js';
import { CommandExit, EXIT_STATUS } from './exit-status.js';

export function buildProgram(): Command {
  const program = new Command('anonex')
    .description('Anonymization and data trading gateway')
    .version(SOFTWARE.version)
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program);
  return program;
}

/**
 * Runs the CLI; typed errors become one line on stderr and exit status 1 (2 for usage errors, a
 * command's own status for `CommandExit`; docs/cli.md).
 */
export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT_STATUS.ok : EXIT_STATUS.usage;
      return;
    }
    if (error instanceof CommandExit) {
      process.stderr.write(`anonex: ${error.message}\n`);
      process.exitCode = error.exitStatus;
      return;
    }
    if (isAnonexError(error)) {
      process.stderr.write(`anonex: ${error.message} [${error.code}]\n`);
      for (const issue of error.issues) process.stderr.write(`  ${issue.field}: ${issue.reason}\n`);
      process.exitCode = EXIT_STATUS.error;
      return;
    }
    throw error;
  }
}
