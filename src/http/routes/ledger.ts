// Ledger API: the signed checkpoint, entries, inclusion and consistency proofs, receipts and the
// exchange certificate are public (anyone may audit); member certificates and key rotation need a key.
import { z } from 'zod';
import { decodeBase64Strict, LedgerError } from '../../core/ledger/index.js';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';

const count = z.coerce.number().int().nonnegative();
const base64Hash = z.string().describe('base64 of a 32-byte SHA-256 hash');

const checkpointSchema = z.object({
  treeSize: z.number().int(),
  rootHash: base64Hash,
  checkpoint: z
    .string()
    .describe(
      'signed note (C2SP tlog-checkpoint): origin, size, base64 root, blank line, signatures',
    ),
});
const entrySchema = z.object({
  leafIndex: z.number().int(),
  entry: z.string().describe('canonical JSON (RFC 8785) of the event; the leaf is its UTF-8 bytes'),
  leafHash: base64Hash,
});
const inclusionSchema = z.object({
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  leafHash: base64Hash,
  inclusionProof: z.array(base64Hash).describe('RFC 9162 §2.1.3.1 PATH, leaf upwards'),
});
const consistencySchema = z.object({
  firstSize: z.number().int(),
  secondSize: z.number().int(),
  consistencyProof: z.array(base64Hash).describe('RFC 9162 §2.1.4.1 PROOF'),
});
const openingsSchema = z
  .record(
    z.string(),
    z.object({
      salt: z.string().describe('base64 of the 32-byte salt'),
      value: z.unknown().describe('the committed value'),
    }),
  )
  .describe(
    'by field name: what opens each commitment of the entry (docs/ledger-privacy.md); parties, auditors and admins only',
  );
const receiptSchema = z.object({
  format: z.literal('anonex-receipt/1'),
  leaf_index: z.number().int(),
  entry: z.string(),
  inclusion_proof: z.array(base64Hash),
  checkpoint: z.string(),
  openings: openingsSchema.optional(),
});

/** `hash=` may arrive as base64 or hex; either must decode to 32 bytes. */
function decodeLeafHash(text: string): Uint8Array {
  const bytes = /^[0-9a-f]{64}$/i.test(text)
    ? new Uint8Array(Buffer.from(text, 'hex'))
    : decodeBase64Strict(text);
  if (bytes === undefined || bytes.length !== 32) {
    throw new LedgerError('ledger_invalid_hash_size', 'hash must be 32 bytes in hex or base64', {
      issues: [{ field: 'query.hash', reason: 'want 32 bytes, hex or base64' }],
    });
  }
  return bytes;
}

export function ledgerRouter(services: Services): RouterDefinition {
  const ledger = services.ledger;
  return {
    routes: [
      defineRoute({
        method: 'get',
        path: '/ledger/checkpoint',
        summary: 'The latest signed checkpoint (tree head) of the ledger',
        tags: ['ledger'],
        auth: 'public',
        responses: {
          200: {
            description: 'Latest checkpoint (the empty tree, size 0, before the first entry)',
            body: checkpointSchema,
          },
        },
        handler: async () => ({ status: 200, body: await ledger.latestCheckpoint() }),
      }),
      defineRoute({
        method: 'get',
        path: '/ledger/entries',
        summary: 'Ledger entries [start, end), at most 1000',
        tags: ['ledger'],
        auth: 'public',
        request: { query: z.object({ start: count, end: count }) },
        responses: {
          200: {
            description: 'Entries in index order',
            body: z.object({ entries: z.array(entrySchema) }),
          },
        },
        handler: async ({ query }) => ({
          status: 200,
          body: { entries: await ledger.entries(query.start, query.end) },
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/ledger/proof/inclusion',
        summary: 'Inclusion proof of an entry (by index or leaf hash) in the tree of `size` leaves',
        tags: ['ledger'],
        auth: 'public',
        request: {
          query: z
            .object({
              index: count.optional(),
              hash: z.string().max(100).optional(),
              size: count.optional(),
            })
            .refine((q) => (q.index === undefined) !== (q.hash === undefined), {
              message: 'give exactly one of index and hash',
              path: ['index'],
            }),
        },
        responses: { 200: { description: 'Inclusion proof', body: inclusionSchema } },
        handler: async ({ query }) => ({
          status: 200,
          body: await ledger.inclusionProof({
            leafIndex: query.index,
            leafHash: query.hash === undefined ? undefined : decodeLeafHash(query.hash),
            treeSize: query.size,
          }),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/ledger/proof/consistency',
        summary:
          'Consistency proof between two tree sizes (second defaults to the latest checkpoint)',
        tags: ['ledger'],
        auth: 'public',
        request: { query: z.object({ first: count, second: count.optional() }) },
        responses: { 200: { description: 'Consistency proof', body: consistencySchema } },
        handler: async ({ query }) => ({
          status: 200,
          body: await ledger.consistencyProof(query.first, query.second),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/ledger/certificate',
        summary: 'PEM bundle of every exchange checkpoint certificate, newest first',
        tags: ['ledger'],
        auth: 'public',
        responses: {
          200: { description: 'PEM certificates', contentType: 'application/x-pem-file' },
        },
        handler: async ({ res }) => {
          await ledger.open();
          res.type('application/x-pem-file').send(await ledger.certificateBundle());
        },
      }),
      defineRoute({
        method: 'get',
        path: '/ledger/keys',
        summary:
          'Checkpoint keys, newest first: raw key, SPKI and note key id for Web Crypto verifiers',
        tags: ['ledger'],
        auth: 'public',
        responses: {
          200: {
            description: 'Keys',
            body: z.object({
              keys: z.array(
                z.object({
                  fingerprint: z.string(),
                  keyName: z.string(),
                  noteKeyId: z.string(),
                  publicKey: z.string(),
                  subjectPublicKeyInfo: z.string(),
                  status: z.enum(['active', 'retiring', 'retired']),
                  createdAtMs: z.number().int(),
                  retiredAtMs: z.number().int().nullable(),
                  certificatePem: z.string(),
                }),
              ),
            }),
          },
        },
        handler: async () => ({ status: 200, body: { keys: await ledger.keys() } }),
      }),
      defineRoute({
        method: 'get',
        path: '/ledger/receipts/:leafIndex',
        summary:
          'Self-contained receipt of one entry: entry, index, inclusion proof and covering checkpoint',
        description:
          'Public without a key. With the key of a party to the entry (or an auditor or admin), the receipt also carries the openings of its committed fields.',
        tags: ['ledger'],
        auth: 'optional',
        request: { params: z.object({ leafIndex: count }) },
        responses: { 200: { description: 'Receipt (anonex-receipt/1)', body: receiptSchema } },
        handler: async ({ params, principal }) => ({
          status: 200,
          body: await ledger.receiptForLeaf(params.leafIndex, principal),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/ledger/entries/:leafIndex/openings',
        summary:
          'The openings of the committed fields of one entry: parties to its event, auditors and admins',
        tags: ['ledger'],
        auth: 'key',
        request: { params: z.object({ leafIndex: count }) },
        responses: {
          200: {
            description: 'Openings by field name ({} when the entry commits to nothing)',
            body: z.object({ leafIndex: z.number().int(), openings: openingsSchema }),
          },
        },
        handler: async ({ params, principal }) => ({
          status: 200,
          body: {
            leafIndex: params.leafIndex,
            openings: (await ledger.openingsForLeaf(principal, params.leafIndex)) ?? {},
          },
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/ledger/member-certificates',
        summary:
          "Issue an X.509 certificate for the caller's organization from a PKCS#10 CSR (RSA ≥ 2048)",
        tags: ['ledger'],
        auth: 'key',
        request: { body: z.object({ csr: z.string().min(1).max(16384) }) },
        responses: {
          201: {
            description: 'Issued',
            body: z.object({
              serial: z.string(),
              certificatePem: z.string(),
              certificateSha256: z.string(),
              notAfterMs: z.number().int(),
            }),
          },
        },
        handler: async ({ context, body }) => ({
          status: 201,
          body: await ledger.memberCertificates.issueCertificate(context, body.csr),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/ledger/keys/rotate',
        summary:
          'Rotate the checkpoint key (admin); the rotation checkpoint is signed by both keys',
        tags: ['ledger'],
        auth: 'key',
        responses: {
          201: {
            description: 'Rotated',
            body: z.object({ fingerprint: z.string(), outboxId: z.number().int() }),
          },
        },
        handler: async ({ context }) => ({
          status: 201,
          body: await ledger.rotateCheckpointKey(context),
        }),
      }),
    ],
  };
}
