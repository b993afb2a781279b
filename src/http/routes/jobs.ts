// Anonymization jobs API (providers): queue a policy run, follow its progress (GET or Server-Sent
// Events), cancel it, read its report as JSON or HTML.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import type { JobView } from '../../services/jobs/job-service.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import { jobIdParams, jobListQuery, jobSchema, newJobBody } from '../schemas/provider-workflow.js';
import { storedReportRoute } from './stored-report.js';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const POLL_MS = 250;
const KEEPALIVE_MS = 15_000;

export function jobsRouter(services: Services): RouterDefinition {
  const jobs = services.jobs;
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/jobs',
        summary: 'Queue an anonymization job over a dataset revision',
        description:
          'The policy is a shipped one (`{"name": "hospital-visits"}`) or uploaded YAML; only listing-mode policies run.',
        tags: ['jobs'],
        auth: 'key',
        request: { body: newJobBody },
        responses: { 201: { description: 'Queued', body: jobSchema } },
        handler: async ({ context, body }) => ({
          status: 201,
          body: await jobs.createJob(context, body),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/jobs',
        summary: "List the organization's jobs, newest first",
        tags: ['jobs'],
        auth: 'key',
        request: { query: jobListQuery },
        responses: { 200: { description: 'Jobs', body: z.object({ items: z.array(jobSchema) }) } },
        handler: async ({ context, query }) => ({
          status: 200,
          body: { items: await jobs.listJobs(context, query) },
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/jobs/:jobId',
        summary: 'Read a job: state, progress % and phase, failure reason, output hashes',
        tags: ['jobs'],
        auth: 'key',
        request: { params: jobIdParams },
        responses: { 200: { description: 'The job', body: jobSchema } },
        handler: async ({ context, params }) => ({
          status: 200,
          body: await jobs.getJob(context, params.jobId),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/jobs/:jobId/cancel',
        summary: 'Cancel a queued or running job',
        tags: ['jobs'],
        auth: 'key',
        request: { params: jobIdParams },
        responses: { 200: { description: 'The job', body: jobSchema } },
        handler: async ({ context, params }) => ({
          status: 200,
          body: await jobs.cancelJob(context, params.jobId),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/jobs/:jobId/events',
        summary: 'Follow a job as Server-Sent Events until it ends',
        description:
          'Each change is an event `progress` whose data is the job as JSON; the last one is `end`.',
        tags: ['jobs'],
        auth: 'key',
        request: { params: jobIdParams },
        responses: {
          200: { description: 'text/event-stream of job states', contentType: 'text/event-stream' },
        },
        handler: async ({ context, params, req, res }) => {
          // Checked before the stream opens, so another organization's job is a plain 404.
          let job: JobView = await jobs.getJob(context, params.jobId);
          res.status(200);
          res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
          res.setHeader('Cache-Control', 'no-cache, no-transform');
          res.setHeader('X-Accel-Buffering', 'no');
          res.flushHeaders();
          let closed = false;
          req.on('close', () => {
            closed = true;
          });
          let sent = '';
          let quietMs = 0;
          for (;;) {
            const snapshot = JSON.stringify(job);
            if (snapshot !== sent) {
              sent = snapshot;
              quietMs = 0;
              const done = TERMINAL.has(job.state);
              res.write(`event: ${done ? 'end' : 'progress'}\ndata: ${snapshot}\n\n`);
              if (done) break;
            } else if (quietMs >= KEEPALIVE_MS) {
              quietMs = 0;
              res.write(': keep-alive\n\n');
            }
            await sleep(POLL_MS);
            quietMs += POLL_MS;
            if (closed) break;
            try {
              job = await jobs.getJob(context, params.jobId);
            } catch {
              break;
            }
          }
          res.end();
        },
      }),
      storedReportRoute({
        path: '/jobs/:jobId/report',
        summary: 'The anonymization report of a succeeded job (JSON or self-contained HTML)',
        tags: ['jobs'],
        params: jobIdParams,
        readReport: (context, params, format) => jobs.getJobReport(context, params.jobId, format),
      }),
    ],
  };
}
