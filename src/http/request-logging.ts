// One structured log line per request: method, path without query, status, duration, principal.
// Headers, query strings and bodies are never logged: they carry keys and data values.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestIdOf } from '../edge/request-id.js';
import type { Principal } from '../services/principal.js';

export function logRequests(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const startedAt = process.hrtime.bigint();
    res.on('finish', () => {
      const principal = res.locals.principal as Principal | undefined;
      const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      logger.info(
        {
          requestId: requestIdOf(res),
          method: req.method,
          path: req.originalUrl.split('?')[0],
          route: req.route?.path as string | undefined,
          status: res.statusCode,
          durationMs: Math.round(durationMs * 10) / 10,
          memberId: principal?.memberId,
        },
        'request',
      );
    });
    next();
  };
}
