// A trade's fingerprint key: made with the trade, kept sealed under the master key, opened only where
// a buyer's copy is ordered or a leaked copy is traced (seed Art. 49–50: no secret readable at rest).
import type { SecretBox } from '../../store/secret-box.js';
import { fingerprintKeyBinding } from '../../store/sealed-secrets.js';
import type { TradeRecord } from '../../store/repositories/trades.js';

export function sealFingerprintKey(secrets: SecretBox, tradeId: string, key: Uint8Array): string {
  return secrets.seal(Buffer.from(key).toString('hex'), fingerprintKeyBinding(tradeId));
}

/** The trade's key; a value edited or copied from another trade fails `secret_unreadable`. */
export function openFingerprintKey(
  secrets: SecretBox,
  trade: Pick<TradeRecord, 'id' | 'sealedFingerprintKey'>,
): Buffer {
  return Buffer.from(
    secrets.open(trade.sealedFingerprintKey, fingerprintKeyBinding(trade.id)),
    'hex',
  );
}
