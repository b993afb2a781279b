// The buyer's copy of an artifact: entitled columns only, rows in the trade's fingerprint order.
import type { ColumnTable } from 'arquero';
import { fingerprintRowOrder, rowContents } from '../../core/fingerprint/index.js';
import { readTable, type TableFormat } from '../../core/table/index.js';
import type { BlobStore } from '../../store/blob-store.js';
import type { SecretBox } from '../../store/secret-box.js';
import type { TradeRecord } from '../../store/repositories/trades.js';
import { openFingerprintKey } from '../orders/fingerprint-key.js';

export const ARTIFACT_FORMATS: readonly TableFormat[] = ['csv', 'jsonl', 'arrow'];

/**
 * Reads the anonymized artifact the trade pinned (by its hash; `raw: false`, so a raw upload can
 * never be served even if a hash were confused), keeps the entitled columns in entitlement order,
 * and reorders rows by the trade's keyed permutation.
 */
export async function loadEntitledCopy(
  blobs: BlobStore,
  secrets: SecretBox,
  trade: Pick<TradeRecord, 'id' | 'artifactSha256' | 'sealedFingerprintKey'>,
  artifactFormat: string,
  columns: readonly string[],
): Promise<ColumnTable> {
  const bytes = await blobs.get(trade.artifactSha256, { raw: false });
  const format = (ARTIFACT_FORMATS as readonly string[]).includes(artifactFormat)
    ? (artifactFormat as TableFormat)
    : 'auto';
  const { table } = readTable(bytes, { format });
  const present = new Set(table.columnNames());
  const entitled = table.select(columns.filter((column) => present.has(column))).reify();
  const order = fingerprintRowOrder(rowContents(entitled), openFingerprintKey(secrets, trade));
  return entitled.reify(Array.from(order));
}
