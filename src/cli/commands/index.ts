// Registers every CLI command; each command lives in its own file and adds itself here.
import type { Command } from 'commander';

export type CommandRegistrar = (program: Command) => void;

const registrars: readonly CommandRegistrar[] = [];

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
