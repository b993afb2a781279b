// The single error middleware, registered last: every failure leaves as problem+json.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { HttpError } from '../edge/http-error.js';
import { sendProblem, toProblem } from '../edge/problem.js';
import { requestIdOf } from '../edge/request-id.js';
import { ServiceError } from '../services/errors.js';
import { bearerChallenge } from './bearer-token.js';

/** body-parser's error `type`s, turned into our typed errors. */
function fromBodyParser(error: unknown): unknown {
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return new HttpError('malformed_json', 'the request body is not valid JSON');
    case 'entity.too.large': {
      const limit = (error as { limit?: number }).limit;
      return new ServiceError('payload_too_large', 'the request body exceeds the limit', {
        details: { limitBytes: limit },
      });
    }
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ServiceError('unsupported_media_type', 'unsupported content encoding or charset');
    case 'request.aborted':
    case 'request.size.invalid':
      return new HttpError('malformed_json', 'the request body was cut short');
    default:
      return error;
  }
}

/**
 * The router decodes path parameters with decodeURIComponent: bad percent-encoding
 * (`/datasets/%C0%AE`) throws a URIError, which is the client's mistake, not ours.
 */
function fromPathDecoding(error: unknown): unknown {
  return error instanceof URIError
    ? new HttpError('malformed_request', 'a path segment is not valid percent-encoded UTF-8', {
        issues: [{ field: 'params', reason: 'invalid percent-encoding' }],
      })
    : error;
}

export function handleErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      // A streamed response failed midway: nothing can be sent; end it and log.
      logger.error({ requestId: requestIdOf(res), err: error }, 'error after response started');
      next(error);
      return;
    }
    const { problem, unexpected } = toProblem(fromPathDecoding(fromBodyParser(error)));
    if (unexpected) logger.error({ requestId: requestIdOf(res), err: error }, 'unexpected error');
    if (problem.code === 'unauthenticated') {
      res.setHeader('WWW-Authenticate', bearerChallenge(req.get('authorization') !== undefined));
    }
    sendProblem(res, {
      ...problem,
      instance: req.originalUrl.split('?')[0],
      requestId: requestIdOf(res),
    });
  };
}
