// The ledger's checkpoint key files in a backup: each sealed under the master key, bound to its
// file name, so the backup alone never reveals a private key and a file cannot be swapped for another.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackupError } from '../../store/errors.js';
import type { SecretBox } from '../../store/secret-box.js';
import { ledgerKeysDirectory, writePrivateFile } from '../ledger/exchange-identity.js';

const KEY_FILE = /^[0-9a-f]{64}\.(key|cert)\.pem$/;

const bindingOf = (file: string) => `backup.ledger_key:${file}`;

/** Every key and certificate file of DATA_DIR/ledger/keys, sealed: file name → sealed PEM. */
export function sealLedgerKeyFiles(dataDir: string, secrets: SecretBox): Record<string, string> {
  const directory = ledgerKeysDirectory(dataDir);
  let files: string[];
  try {
    files = readdirSync(directory).filter((file) => KEY_FILE.test(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  return Object.fromEntries(
    files
      .sort()
      .map((file) => [
        file,
        secrets.seal(readFileSync(join(directory, file), 'utf8'), bindingOf(file)),
      ]),
  );
}

/** Opens each sealed file (`secret_unreadable` under another key) and writes it (0600). */
export function restoreLedgerKeyFiles(
  dataDir: string,
  secrets: SecretBox,
  sealed: Readonly<Record<string, string>>,
): string[] {
  const directory = ledgerKeysDirectory(dataDir);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  for (const [file, value] of Object.entries(sealed)) {
    if (!KEY_FILE.test(file))
      throw new BackupError('backup_unreadable', `not a ledger key file: ${JSON.stringify(file)}`, {
        details: { file },
      });
    writePrivateFile(join(directory, file), secrets.open(value, bindingOf(file)));
    written.push(file);
  }
  return written;
}
