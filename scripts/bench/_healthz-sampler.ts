// Samples a gateway's `/healthz` latency while a benchmark drives it, attributing each sample to
// the phase it was sent in (upload, job, query burst, download…). Shared by the storage and
// serving benchmarks:
//
//   const sampler = startHealthzSampler(url);
//   sampler.phase('upload');  …;  sampler.phase('job');  …
//   printLatencies(await sampler.stop());
//
// A request is sent every `intervalMs` whether or not the previous one answered, so a stalled
// event loop shows as the full wait of every request queued behind it (no coordinated omission).

export interface PhaseLatency {
  readonly phase: string;
  readonly samples: number;
  /** Requests that failed or took longer than the timeout (counted as the timeout). */
  readonly failures: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface HealthzSampler {
  /** Samples sent from now on count for `name`. */
  phase(name: string): void;
  /** Stops sending, waits for the requests in flight, and summarises each phase in order. */
  stop(): Promise<PhaseLatency[]>;
}

export function startHealthzSampler(
  baseUrl: string,
  options: { intervalMs?: number; timeoutMs?: number } = {},
): HealthzSampler {
  const intervalMs = options.intervalMs ?? 20;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const byPhase = new Map<string, { latencies: number[]; failures: number }>();
  const inFlight = new Set<Promise<void>>();
  let current = 'start';
  const send = () => {
    const phase = current;
    let bucket = byPhase.get(phase);
    if (bucket === undefined) byPhase.set(phase, (bucket = { latencies: [], failures: 0 }));
    const target = bucket;
    const started = performance.now();
    const request = fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) })
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`status ${response.status}`);
        target.latencies.push(performance.now() - started);
      })
      .catch(() => {
        target.failures++;
        target.latencies.push(Math.max(performance.now() - started, timeoutMs));
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };
  const timer = setInterval(send, intervalMs);
  return {
    phase(name) {
      current = name;
    },
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return [...byPhase.entries()].map(([phase, { latencies, failures }]) => {
        const sorted = [...latencies].sort((a, b) => a - b);
        const at = (q: number) =>
          sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
        return {
          phase,
          samples: sorted.length,
          failures,
          p50Ms: at(0.5),
          p99Ms: at(0.99),
          maxMs: sorted.at(-1) ?? 0,
        };
      });
    },
  };
}

export function formatLatencies(phases: readonly PhaseLatency[]): string {
  return phases
    .map(
      (p) =>
        `  /healthz during ${p.phase.padEnd(16)} ${String(p.samples).padStart(6)} samples  ` +
        `p50 ${p.p50Ms.toFixed(1)} ms  p99 ${p.p99Ms.toFixed(1)} ms  max ${p.maxMs.toFixed(1)} ms` +
        (p.failures > 0 ? `  ${p.failures} failed` : ''),
    )
    .join('\n');
}
