// The witness role a member organization runs (`anonex witness serve`): C2SP tlog-witness's
// `POST /add-checkpoint` over node:http, its state (the latest checkpoint cosigned per origin) and
// key in its own directory. The decision is core/ledger/witness.ts; this file keeps the state on
// disk, one request at a time, so checking the old size and persisting the new one are atomic.
import { createPrivateKey, generateKeyPairSync, createPublicKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  ed25519WitnessSigner,
  formatWitnessVkey,
  LedgerError,
  noteVerifiersFromCertificates,
  parseAddCheckpointRequest,
  rawPublicKey,
  rfc9162Hasher,
  witnessAddCheckpoint,
  type NoteVerifier,
  type WitnessedCheckpoint,
  type WitnessSigner,
} from '../core/ledger/index.js';

const MAX_BODY_BYTES = 64 * 1024;
const KEY_FILE = 'witness.key';
const IDENTITY_FILE = 'witness.json';
const STATE_FILE = 'state.json';

export interface WitnessIdentity {
  readonly name: string;
  readonly signer: WitnessSigner;
  readonly vkey: string;
}

/** Creates a witness key and its name under `dir` (0600); refuses to overwrite one. */
export function initWitness(dir: string, name: string): WitnessIdentity {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (existsSync(join(dir, KEY_FILE)))
    throw new LedgerError('ledger_malformed_cosignature', `${dir} already holds a witness key`);
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(dir, KEY_FILE), privateKey.export({ format: 'pem', type: 'pkcs8' }), {
    mode: 0o600,
  });
  writeFileSync(join(dir, IDENTITY_FILE), `${JSON.stringify({ name })}\n`, { mode: 0o600 });
  return loadWitness(dir);
}

export function loadWitness(dir: string): WitnessIdentity {
  let name: string;
  let pem: string;
  try {
    name = (JSON.parse(readFileSync(join(dir, IDENTITY_FILE), 'utf8')) as { name: string }).name;
    pem = readFileSync(join(dir, KEY_FILE), 'utf8');
  } catch {
    throw new LedgerError(
      'ledger_malformed_cosignature',
      `${dir} holds no witness (run anonex witness init)`,
    );
  }
  const privateKey = createPrivateKey(pem);
  return {
    name,
    signer: ed25519WitnessSigner(name, privateKey),
    vkey: formatWitnessVkey(name, rawPublicKey(createPublicKey(privateKey))),
  };
}

type WitnessState = Record<string, WitnessedCheckpoint>;

function readState(dir: string): WitnessState {
  const path = join(dir, STATE_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as WitnessState) : {};
}

/** Write-then-rename: a crash leaves the old state or the new, never half of one. */
function writeState(dir: string, state: WitnessState): void {
  const path = join(dir, STATE_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export interface WitnessServerOptions {
  readonly dir: string;
  /** The exchange certificate bundle (PEM); its CN is the origin the witness follows. */
  readonly logCertificatePem: string;
  readonly host?: string;
  readonly port?: number;
  /** Seconds since the epoch (tests fix it). */
  readonly nowSeconds?: () => number;
}

export interface RunningWitness {
  readonly url: string;
  readonly identity: WitnessIdentity;
  close(): Promise<void>;
}

export async function startWitnessServer(options: WitnessServerOptions): Promise<RunningWitness> {
  const identity = loadWitness(options.dir);
  const logKeys = new Map<string, NoteVerifier[]>();
  for (const verifier of noteVerifiersFromCertificates(options.logCertificatePem))
    logKeys.set(verifier.name, [...(logKeys.get(verifier.name) ?? []), verifier]);
  const now = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  let queue: Promise<unknown> = Promise.resolve();

  const answer = (body: string): [number, string, string] => {
    let request;
    try {
      request = parseAddCheckpointRequest(body);
    } catch (error) {
      return [400, 'text/plain; charset=utf-8', `${(error as Error).message}\n`];
    }
    const state = readState(options.dir);
    const origin = request.checkpoint.slice(0, request.checkpoint.indexOf('\n'));
    const outcome = witnessAddCheckpoint(request, state[origin], {
      signer: identity.signer,
      hasher: rfc9162Hasher,
      logKeys,
      nowSeconds: now(),
    });
    if (outcome.kind === 'cosigned') {
      writeState(options.dir, { ...state, [outcome.origin]: outcome.next });
      return [200, 'text/plain; charset=utf-8', outcome.cosignature];
    }
    if (outcome.evidence !== undefined) {
      const evidenceDir = join(options.dir, 'evidence');
      mkdirSync(evidenceDir, { recursive: true, mode: 0o700 });
      const text = `${JSON.stringify(outcome.evidence, null, 2)}\n`;
      writeFileSync(join(evidenceDir, `${outcome.evidence.refused_at}-${Date.now()}.json`), text);
      return [outcome.status, 'application/json', text];
    }
    if (outcome.witnessSize !== undefined)
      return [409, 'text/x.tlog.size', `${outcome.witnessSize}\n`];
    return [outcome.status, 'text/plain; charset=utf-8', `${outcome.error.message}\n`];
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const reply = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (req.method !== 'POST' || !req.url?.endsWith('/add-checkpoint')) {
      reply(404, 'text/plain; charset=utf-8', 'POST /add-checkpoint\n');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      // One request at a time: the check of the old size and the write of the new are atomic.
      queue = queue.then(() => {
        try {
          reply(...answer(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reply(500, 'text/plain; charset=utf-8', `${(error as Error).message}\n`);
        }
      });
    });
  });
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    identity,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
