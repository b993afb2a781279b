// A closed-loop HTTP load generator for the benchmarks: `connections` keep-alive connections, each
// sending its next request as soon as the last one answered, for `durationMs`. A request that takes
// longer than `timeoutMs` counts as a timeout (and its connection is replaced).
import http from 'node:http';

export interface LoadRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface LoadResult {
  readonly label: string;
  readonly requests: number;
  /** Answers outside 2xx (other than timeouts). */
  readonly errors: number;
  readonly timeouts: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** A few distinct error statuses and bodies, to say why. */
  readonly sampleErrors: readonly string[];
}

export async function runLoad(options: {
  readonly label: string;
  readonly baseUrl: string;
  readonly connections: number;
  readonly durationMs: number;
  readonly timeoutMs?: number;
  /** The next request to send; called once per request (orders take a fresh pair each). */
  readonly next: (serial: number) => LoadRequest | undefined;
}): Promise<LoadResult> {
  const url = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const latencies: number[] = [];
  const sampleErrors = new Set<string>();
  let errors = 0;
  let timeouts = 0;
  let serial = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const send = (request: LoadRequest) =>
    new Promise<void>((resolve) => {
      const sentAt = performance.now();
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: request.method,
          path: request.path,
          headers: {
            ...request.headers,
            ...(request.body === undefined
              ? {}
              : { 'content-length': String(Buffer.byteLength(request.body)) }),
          },
          timeout: timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) latencies.push(performance.now() - sentAt);
            else {
              errors++;
              if (sampleErrors.size < 5)
                sampleErrors.add(
                  `${status} ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`,
                );
            }
            resolve();
          });
        },
      );
      req.on('timeout', () => {
        timeouts++;
        req.destroy();
      });
      req.on('error', () => {
        if (performance.now() - sentAt < timeoutMs) errors++;
        resolve();
      });
      if (request.body !== undefined) req.write(request.body);
      req.end();
    });
  const loop = async () => {
    while (performance.now() < deadline) {
      const request = options.next(serial++);
      if (request === undefined) return;
      await send(request);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    label: options.label,
    requests: sorted.length,
    errors,
    timeouts,
    perSecond: sorted.length / elapsedS,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    sampleErrors: [...sampleErrors],
  };
}

export function formatLoad(result: LoadResult): string {
  return (
    `  ${result.label.padEnd(28)} ${result.perSecond.toFixed(0).padStart(6)} req/s  ` +
    `p50 ${result.p50Ms.toFixed(1)} ms  p99 ${result.p99Ms.toFixed(1)} ms  ` +
    `${result.requests} ok, ${result.errors} errors, ${result.timeouts} timeouts` +
    (result.sampleErrors.length > 0 ? `\n    e.g. ${result.sampleErrors[0]}` : '')
  );
}
