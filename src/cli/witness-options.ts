// The `--witness <vkey>` (repeatable) and `--min-witnesses <n>` options of `anonex ledger verify`
// and `anonex receipt verify`: which witnesses' cosignatures the checked checkpoint must carry.
import type { Command } from 'commander';

export interface WitnessOptionValues {
  readonly witness: string[];
  readonly minWitnesses?: string;
}

export function addWitnessOptions(command: Command, checkpoint: string): Command {
  return command
    .option(
      '--witness <vkey>',
      `a witness whose cosignature ${checkpoint} must carry (C2SP vkey); repeatable`,
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      '--min-witnesses <n>',
      'how many of the --witness keys must have cosigned (default: all)',
    );
}
