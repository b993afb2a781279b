// Types of the browser receipt verifier (ledger-verify.js), for the tests that run it under Node.

export class ReceiptCheckError extends Error {
  readonly step: 'format' | 'certificate' | 'checkpoint' | 'signature' | 'inclusion' | 'opening';
}

export interface ReceiptCheck {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly origin: string;
  readonly signer: string;
  readonly rootHashHex: string;
  readonly leafHashHex: string;
  readonly entry: unknown;
  /** The entry with the receipt's openings checked and applied (the entry itself without openings). */
  readonly openedEntry: unknown;
}

export function verifyReceipt(receipt: unknown, certificatePem: string): Promise<ReceiptCheck>;
export function ed25519KeysFromPem(pem: string): Uint8Array[];
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<Uint8Array>;
export function hashLeaf(entryBytes: Uint8Array): Promise<Uint8Array>;
export function toHex(bytes: Uint8Array): string;
