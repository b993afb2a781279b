// Offline verification of an anonex trade receipt in the browser with Web Crypto only: the
// checkpoint's Ed25519 signature by a key in the exchange certificate, the entry hashed as an
// RFC 9162 leaf, its inclusion proof up to the checkpoint's root, and a party's openings of the
// entry's salted commitments. It mirrors src/core/ledger (receipt.ts, checkpoint.ts,
// proof-verification.ts, commitments.ts) without sharing code, so a
// buyer's browser checks the gateway rather than trusting it; the tests run both on one receipt.

const encoder = new TextEncoder();
const ED25519_SPKI_PREFIX = [0x06, 0x03, 0x2b, 0x65, 0x70]; // OID 1.3.101.112 (id-Ed25519)

/** A verification failure; `step` names what did not hold. */
export class ReceiptCheckError extends Error {
  constructor(step, message) {
    super(message);
    this.name = 'ReceiptCheckError';
    this.step = step;
  }
}

function fail(step, message) {
  throw new ReceiptCheckError(step, message);
}

function decodeBase64(text, step) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    fail(step, 'not base64');
  }
  const binary = atob(text);
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function equalBytes(a, b) {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

export function toHex(bytes) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** RFC 9162 §2.1.1: leaf hash SHA-256(0x00 ‖ entry), node hash SHA-256(0x01 ‖ left ‖ right). */
export const hashLeaf = (entryBytes) => sha256(concat(Uint8Array.of(0), entryBytes));
const hashChildren = (left, right) => sha256(concat(Uint8Array.of(1), left, right));

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to. */
export async function rootFromInclusionProof(leafIndex, treeSize, leafHash, proof) {
  if (!(leafIndex >= 0 && leafIndex < treeSize))
    fail('inclusion', `leaf index ${leafIndex} is outside a tree of ${treeSize}`);
  let fn = leafIndex;
  let sn = treeSize - 1;
  let root = leafHash;
  for (const sibling of proof) {
    if (sibling.length !== 32) fail('inclusion', 'a proof hash is not 32 bytes');
    if (sn === 0) fail('inclusion', 'the proof is longer than the tree is high');
    if (fn % 2 === 1 || fn === sn) {
      root = await hashChildren(sibling, root);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      root = await hashChildren(root, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) fail('inclusion', 'the proof is shorter than the tree is high');
  return root;
}

/** Every Ed25519 public key (32 bytes) found in a PEM bundle of X.509 certificates. */
export function ed25519KeysFromPem(pem) {
  const keys = [];
  for (const match of pem.matchAll(
    /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g,
  )) {
    const der = decodeBase64(match[1].replace(/\s+/g, ''), 'certificate');
    // SubjectPublicKeyInfo: SEQUENCE { SEQUENCE { OID id-Ed25519 }, BIT STRING (0x03 0x21 0x00 ‖ key) }.
    // The signature algorithm carries the same OID but is never followed by a 33-byte BIT STRING.
    for (let i = 0; i + 5 + 3 + 32 <= der.length; i++) {
      if (
        ED25519_SPKI_PREFIX.every((byte, k) => der[i + k] === byte) &&
        der[i + 5] === 0x03 &&
        der[i + 6] === 0x21 &&
        der[i + 7] === 0x00
      ) {
        keys.push(der.slice(i + 8, i + 8 + 32));
      }
    }
  }
  if (keys.length === 0) fail('certificate', 'no Ed25519 key in the certificate');
  return keys;
}

/** C2SP signed-note key id: SHA-256(name ‖ "\n" ‖ 0x01 ‖ key)[:4]. */
async function noteKeyId(name, publicKey) {
  return (await sha256(concat(encoder.encode(`${name}\n`), Uint8Array.of(1), publicKey))).slice(
    0,
    4,
  );
}

/** Splits a signed note into its text and signature lines (C2SP signed-note). */
export function parseCheckpoint(note) {
  const split = note.indexOf('\n\n');
  if (split < 0) fail('checkpoint', 'no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const parts = /^\u2014 (\S+) (\S+)$/.exec(line);
      if (!parts) fail('checkpoint', 'a signature line is malformed');
      const blob = decodeBase64(parts[2], 'checkpoint');
      if (blob.length <= 4) fail('checkpoint', 'a signature is too short');
      return { name: parts[1], keyId: blob.slice(0, 4), signature: blob.slice(4) };
    });
  const lines = text.split('\n');
  if (lines.length < 4 || !/^(0|[1-9][0-9]*)$/.test(lines[1]))
    fail('checkpoint', 'want origin, size and root lines');
  const rootHash = decodeBase64(lines[2], 'checkpoint');
  if (rootHash.length !== 32) fail('checkpoint', 'the root hash is not 32 bytes');
  return { text, origin: lines[0], treeSize: Number(lines[1]), rootHash, signatures };
}

async function verifyCheckpointSignature(checkpoint, publicKeys) {
  for (const publicKey of publicKeys) {
    for (const line of checkpoint.signatures) {
      if (!equalBytes(await noteKeyId(line.name, publicKey), line.keyId)) continue;
      const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, [
        'verify',
      ]);
      if (
        await crypto.subtle.verify(
          { name: 'Ed25519' },
          key,
          line.signature,
          encoder.encode(checkpoint.text),
        )
      ) {
        return line.name;
      }
      fail('signature', `the signature by ${line.name} does not verify`);
    }
  }
  return fail('signature', 'no signature by a key of the exchange certificate');
}

/** RFC 8785 canonical JSON of a JSON value (sorted keys; ECMAScript number and string forms). */
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The entry with the receipt's openings applied, each checked against its commitment:
 * hex SHA-256("anonex-commitment/1\n" ‖ field ‖ "\n" ‖ salt ‖ JCS(value)) (docs/ledger-privacy.md).
 */
async function openCommitments(entry, openings) {
  if (typeof openings !== 'object' || openings === null || Array.isArray(openings))
    fail('opening', 'openings are not an object');
  const commitments = entry.commitments ?? {};
  const opened = { ...entry };
  const closed = { ...commitments };
  for (const [field, opening] of Object.entries(openings)) {
    const salt = decodeBase64(opening?.salt, 'opening');
    if (salt.length !== 32) fail('opening', `the salt of ${field} is not 32 bytes`);
    const digest = await sha256(
      concat(
        encoder.encode(`anonex-commitment/1\n${field}\n`),
        salt,
        encoder.encode(canonicalJson(opening.value)),
      ),
    );
    if (commitments[field] === undefined || toHex(digest) !== commitments[field])
      fail('opening', `the opening of ${field} does not match its commitment`);
    opened[field] = opening.value;
    delete closed[field];
  }
  delete opened.commitments;
  if (Object.keys(closed).length > 0) opened.commitments = closed;
  return opened;
}

/**
 * Verifies a receipt (anonex-receipt/1) against the exchange certificate (PEM, one or more
 * certificates for rotated keys). Resolves with what was proven; rejects with ReceiptCheckError.
 */
export async function verifyReceipt(receipt, certificatePem) {
  if (typeof receipt !== 'object' || receipt === null || receipt.format !== 'anonex-receipt/1')
    fail('format', 'not an anonex-receipt/1 document');
  if (
    !Number.isSafeInteger(receipt.leaf_index) ||
    typeof receipt.entry !== 'string' ||
    !Array.isArray(receipt.inclusion_proof) ||
    typeof receipt.checkpoint !== 'string'
  ) {
    fail('format', 'a receipt field is missing or of the wrong type');
  }
  const checkpoint = parseCheckpoint(receipt.checkpoint);
  const signer = await verifyCheckpointSignature(checkpoint, ed25519KeysFromPem(certificatePem));
  const leafHash = await hashLeaf(encoder.encode(receipt.entry));
  const proof = receipt.inclusion_proof.map((hash) => decodeBase64(hash, 'inclusion'));
  const root = await rootFromInclusionProof(
    receipt.leaf_index,
    checkpoint.treeSize,
    leafHash,
    proof,
  );
  if (!equalBytes(root, checkpoint.rootHash))
    fail('inclusion', 'the proof does not lead to the checkpoint root');
  const entry = JSON.parse(receipt.entry);
  const openedEntry =
    receipt.openings === undefined ? entry : await openCommitments(entry, receipt.openings);
  return {
    leafIndex: receipt.leaf_index,
    treeSize: checkpoint.treeSize,
    origin: checkpoint.origin,
    signer,
    rootHashHex: toHex(checkpoint.rootHash),
    leafHashHex: toHex(leafHash),
    entry,
    openedEntry,
  };
}
