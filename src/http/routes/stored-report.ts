// Serving a stored anonymization report (a job's, or the one under review): one route shape and
// one way of sending the bytes, so both answer with the same headers and the same OpenAPI entry.
import type { Response } from 'express';
import type { z } from 'zod';
import type { RequestContext } from '../../services/request-context.js';
import { defineRoute, type RouteDefinition } from '../define-route.js';
import { reportQuery } from '../schemas/provider-workflow.js';

export interface StoredReport {
  readonly body: Buffer;
  readonly sha256: string;
}

export type ReportFormat = 'json' | 'html';

/**
 * Sends a report's bytes with their SHA-256 as ETag and RFC 9530 Repr-Digest: a stored report
 * exactly as stored (so it hashes to the pinned digest), a review's HTML certificate as rendered.
 * The HTML report runs in a CSP sandbox: no script, no network.
 */
export function sendStoredReport(res: Response, report: StoredReport, format: ReportFormat): void {
  res.setHeader('ETag', `"${report.sha256}"`);
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(report.sha256, 'hex').toString('base64')}:`);
  if (format === 'html') {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
    );
    res.type('text/html; charset=utf-8');
  } else {
    res.type('application/json; charset=utf-8');
  }
  res.status(200).end(report.body);
}

/** `GET <path>?format=json|html`: the report `readReport` finds for the caller, sent as stored. */
export function storedReportRoute<P extends z.ZodType>(spec: {
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly params: P;
  readReport(
    context: RequestContext,
    params: z.output<P>,
    format: ReportFormat,
  ): Promise<StoredReport>;
}): RouteDefinition {
  return defineRoute({
    method: 'get',
    path: spec.path,
    summary: spec.summary,
    tags: spec.tags,
    auth: 'key',
    request: { params: spec.params, query: reportQuery },
    responses: {
      200: {
        description: 'The report, as stored (hash in ETag)',
        contentType: 'application/json',
      },
    },
    handler: async ({ context, params, query, res }) => {
      // Parsed<P> is z.output<P> for every schema P; TypeScript cannot resolve it for a generic P.
      const parsed = params as z.output<P>;
      sendStoredReport(res, await spec.readReport(context, parsed, query.format), query.format);
    },
  });
}
