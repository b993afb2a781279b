// Which objects of a blob store a backup covers, and the directory file each is kept in.
import { join } from 'node:path';
import { BackupError } from '../../store/errors.js';

/** Object prefixes of a blob store: blobs (anonymized, raw, the key check) and sealed files. */
export const BACKED_UP_PREFIXES = ['blobs/', 'sealed/'] as const;

/**
 * The path of object `name` under a root directory. Names come from the store's own listing
 * (`blobs/…`, `sealed/…`); one with `..` or an absolute path would escape the root and is refused.
 */
export function objectPath(root: string, name: string): string {
  if (name.split('/').some((segment) => segment === '..' || segment === '') || name.startsWith('/'))
    throw new BackupError('backup_unreadable', `not an object name: ${JSON.stringify(name)}`, {
      details: { name },
    });
  return join(root, name);
}
