// `/healthz` latency while a gateway takes a large upload (streamed, encrypted, profiled), runs
// its anonymization job, and serves the release (an aggregate query burst at 10 and 100
// connections, a CSV download: _serve-phases.ts), with the gateway's peak memory against the
// file's size (issue #15).
//
//   flock /work/bench.lock node --import tsx scripts/bench/upload-health.ts \
//     [--file fixtures/large/hospital-visits-5m.csv] [--policy hospital-visits] [--no-job]
//     [--no-serve] [--seconds 10] [--connections 10,100]
//
// The gateway runs in a child process (SQLite in its temp DATA_DIR; with DATABASE_URL set to
// PostgreSQL, a fresh schema dropped afterwards);
// this process uploads the file as a stream and samples /healthz every 20 ms throughout.
import { createReadStream, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename } from 'node:path';
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { benchDatabase } from './_bench-database.js';
import { createBenchParties, hospitalMetadata } from './_bench-parties.js';
import { startGatewayProcess } from './_gateway-process.js';
import { formatLatencies, startHealthzSampler } from './_healthz-sampler.js';
import { LARGE_FIXTURE } from './_large-fixture.js';
import { measureServing } from './_serve-phases.js';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: LARGE_FIXTURE },
    policy: { type: 'string', default: 'hospital-visits' },
    'no-job': { type: 'boolean', default: false },
    'no-serve': { type: 'boolean', default: false },
    /** Each query burst's length. */
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10,100' },
    /** Writes the gateway's CPU profiles (.cpuprofile, one per thread) there. */
    'profile-dir': { type: 'string' },
  },
});
const file = values.file!;
const sizeBytes = statSync(file).size;
const MiB = 1024 * 1024;
const database = benchDatabase();
const gateway = await startGatewayProcess(
  database.freshSchemaEnv(),
  values['profile-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${values['profile-dir']}`] : [],
);
const idleRss = gateway.rssMiB();
try {
  const parties = await createBenchParties(gateway.url, gateway.adminKey!);
  const dataset = await parties.provider.json('POST', '/api/v1/datasets', 201, {
    name: 'bench upload',
    // Unconditional, so the buyer of the serving phases orders without an access request.
    metadata: hospitalMetadata('unconditional'),
  });
  const sampler = startHealthzSampler(gateway.url);
  sampler.phase('idle');
  await new Promise((resolve) => setTimeout(resolve, 2000));

  sampler.phase('upload+profile');
  const uploadStarted = performance.now();
  const response = await postFile(
    `${gateway.url}/api/v1/datasets/${dataset.id}/revisions?filename=${basename(file)}`,
    parties.provider.key,
  );
  const revision = response.body as { profile?: { rows: number }; detail?: string };
  const uploadSeconds = (performance.now() - uploadStarted) / 1000;
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${revision.detail}`);
  const afterUploadPeak = gateway.peakRssMiB();
  // The job's own peak, apart from the profile's: the peak starts over from here.
  gateway.resetPeakRss();
  const beforeJobRss = gateway.rssMiB();
  let jobLine = 'job: skipped (--no-job)';
  let servingLines: string[] = [];
  let jobPeak = 0;
  if (!values['no-job']) {
    sampler.phase('job');
    const jobStarted = performance.now();
    const job = await parties.provider.json('POST', '/api/v1/jobs', 201, {
      datasetId: dataset.id,
      policy: { name: values.policy },
      seed: 42,
    });
    let state = 'queued';
    let done: { state: string; failureReason?: string; output?: { summary?: unknown } } = { state };
    while (state === 'queued' || state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      done = await parties.provider.json('GET', `/api/v1/jobs/${job.id}`, 200);
      state = done.state;
    }
    jobLine =
      `job: ${state} in ${((performance.now() - jobStarted) / 1000).toFixed(1)} s` +
      (state === 'succeeded'
        ? ` (${JSON.stringify(done.output?.summary)})`
        : `: ${done.failureReason}`);
    jobPeak = gateway.peakRssMiB();
    if (state === 'succeeded' && !values['no-serve'])
      servingLines = await measureServing({
        gateway,
        parties,
        jobId: job.id,
        sampler,
        seconds: Number(values.seconds),
        connections: values.connections!.split(',').map(Number),
      });
  }
  sampler.phase('after');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const phases = await sampler.stop();
  console.log(
    `file ${file}: ${(sizeBytes / MiB).toFixed(0)} MiB, ${revision.profile?.rows} rows` +
      `\nupload+profile: ${uploadSeconds.toFixed(1)} s (${(sizeBytes / MiB / uploadSeconds).toFixed(0)} MiB/s)` +
      `\n${jobLine}` +
      servingLines.map((line) => `\n${line}`).join('') +
      `\ngateway RSS: idle ${idleRss.toFixed(0)} MiB, peak through upload+profile ${afterUploadPeak.toFixed(0)} MiB ` +
      `(${(afterUploadPeak / (sizeBytes / MiB)).toFixed(2)}× the file), ` +
      `peak through the job ${jobPeak.toFixed(0)} MiB (from ${beforeJobRss.toFixed(0)} MiB at its start), ` +
      `peak from the job's start to the end ${gateway.peakRssMiB().toFixed(0)} MiB` +
      `\n${formatLatencies(phases)}` +
      `\nload average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
} finally {
  await gateway.stop();
  await database.drop();
}

/**
 * POSTs the file as a stream through node:http: fetch gives up on a response whose headers take
 * over 300 s (undici's headersTimeout), and a 10M-row upload is profiled before it answers.
 */
function postFile(url: string, key: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          // A .jsonl file goes up as JSON Lines, anything else as CSV.
          'content-type': file.endsWith('.jsonl') ? 'application/x-ndjson' : 'text/csv',
          'content-length': String(sizeBytes),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString()),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}
