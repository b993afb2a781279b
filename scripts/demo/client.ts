// A small HTTP client for the demo: every call names the status it expects, so a failure says which step broke.

export interface RawReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
}

/**
 * A reply body as the gateway sent it. The demo reads a few fields of each and prints them; the
 * shapes are pinned by the HTTP tests and the OpenAPI document, not here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Client {
  /** Sends JSON (or raw bytes with `contentType`) and returns the parsed JSON reply. */
  json(
    method: string,
    path: string,
    status: number,
    body?: unknown,
    contentType?: string,
  ): Promise<Json>;
  raw(method: string, path: string, status: number): Promise<RawReply>;
  /** GETs until the reply is 200 (a 202 means "not yet", e.g. a receipt before its checkpoint). */
  poll(path: string, timeoutMs?: number): Promise<Json>;
  readonly baseUrl: string;
  readonly key: string;
}

export function createClient(baseUrl: string, key: string): Client {
  const send = async (method: string, path: string, body?: unknown, contentType?: string) => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (body instanceof Uint8Array) {
      payload = new Uint8Array(body);
      headers['content-type'] = contentType ?? 'application/octet-stream';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
    return {
      status: response.status,
      headers: response.headers,
      body: Buffer.from(await response.arrayBuffer()),
    };
  };
  const expectStatus = (
    reply: RawReply,
    method: string,
    path: string,
    status: number,
  ): RawReply => {
    if (reply.status !== status)
      throw new Error(
        `${method} ${path}: want ${status}, got ${reply.status}: ${reply.body.toString('utf8').slice(0, 500)}`,
      );
    return reply;
  };
  return {
    baseUrl,
    key,
    async json(method, path, status, body, contentType) {
      const reply = expectStatus(await send(method, path, body, contentType), method, path, status);
      const text = reply.body.toString('utf8');
      return text.length === 0 ? undefined : JSON.parse(text);
    },
    async raw(method, path, status) {
      return expectStatus(await send(method, path), method, path, status);
    },
    async poll(path, timeoutMs = 30_000) {
      const deadline = performance.now() + timeoutMs;
      while (true) {
        const reply = await send('GET', path);
        if (reply.status === 200) return JSON.parse(reply.body.toString('utf8'));
        if (reply.status !== 202 || performance.now() > deadline)
          expectStatus(reply, 'GET', path, 200);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
  };
}

/**
 * Follows a job's Server-Sent Events until the stream ends, reporting progress as it comes;
 * returns the last state seen (`succeeded`, `failed`, `refused`, …).
 */
export async function followJob(
  client: Client,
  jobId: string,
  onProgress: (percent: number, phase: string | null) => void,
): Promise<string> {
  const response = await fetch(`${client.baseUrl}/api/v1/jobs/${jobId}/events`, {
    headers: { authorization: `Bearer ${client.key}` },
  });
  if (response.status !== 200 || response.body === null)
    throw new Error(`job events: want 200, got ${response.status}: ${await response.text()}`);
  const decoder = new TextDecoder();
  let buffered = '';
  let state = 'unknown';
  const reader = response.body.getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      if (data === undefined) continue;
      const event = JSON.parse(data.slice('data: '.length)) as {
        state?: string;
        progressPct?: number;
        phase?: string | null;
      };
      if (event.state !== undefined) state = event.state;
      if (event.progressPct !== undefined) onProgress(event.progressPct, event.phase ?? null);
    }
  }
  return state;
}

/**
 * Progress of a long step: rewritten in place on a terminal, one line per new phase otherwise
 * (logs and the demo test).
 */
export function progressReporter(label: string): (percent: number, phase: string | null) => void {
  let lastPhase: string | null | undefined;
  return (percent, phase) => {
    if (process.stdout.isTTY) {
      process.stdout.write(
        `\r    … ${label} ${String(percent).padStart(3)} % ${phase ?? ''}`.padEnd(60),
      );
      if (percent >= 100) process.stdout.write('\n');
    } else if (phase !== lastPhase) {
      console.log(`    … ${label} ${String(percent).padStart(3)} % ${phase ?? ''}`);
    }
    lastPhase = phase;
  };
}

/** One line of demo output: the step, then its key figures. */
export function step(name: string, detail: string): void {
  console.log(`  ✔ ${name.padEnd(16)} ${detail}`);
}
