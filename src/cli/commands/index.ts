// Registers every CLI command; each command lives in its own file and adds itself here.
import type { Command } from 'commander';
import { registerAdminCommand } from './admin.js';
import { registerAnonymizeCommand } from './anonymize.js';
import { registerDetectCommand } from './detect.js';
import { registerEvaluateCommand } from './evaluate.js';
import { registerSearchCommand } from './search.js';
import { registerServeCommand } from './serve.js';
import { registerLedgerCommand } from './ledger.js';
import { registerReceiptCommand } from './receipt.js';
import { registerWitnessCommand } from './witness.js';

export type CommandRegistrar = (program: Command) => void;

const registrars: readonly CommandRegistrar[] = [
  registerServeCommand,
  registerAdminCommand,
  registerEvaluateCommand,
  registerSearchCommand,
  registerDetectCommand,
  registerAnonymizeCommand,
  registerLedgerCommand,
  registerReceiptCommand,
  registerWitnessCommand,
];

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
