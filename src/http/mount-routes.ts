// Mounts route definitions on the Express app: authenticate, check the media type, parse JSON,
// validate params/query/body with the route's zod schemas, call the handler, send its result.
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { FieldIssue } from '../core/errors.js';
import { HttpError } from '../edge/http-error.js';
import { requestIdOf } from '../edge/request-id.js';
import { ServiceError } from '../services/errors.js';
import type { Services } from '../services/index.js';
import type { Principal } from '../services/principal.js';
import { requestContext } from '../services/request-context.js';
import { bearerTokenOf } from './bearer-token.js';
import {
  API_BASE_PATH,
  type RouteDefinition,
  type RouteResult,
  type RouterDefinition,
} from './define-route.js';

const JSON_TYPES = ['application/json', 'application/*+json'];

/** A route as mounted: its full Express path and its definition. */
export interface MountedRoute {
  readonly fullPath: string;
  readonly route: RouteDefinition;
}

export function fullRoutes(routers: readonly RouterDefinition[]): MountedRoute[] {
  return routers.flatMap((router) =>
    router.routes.map((route) => ({
      fullPath: `${router.basePath ?? API_BASE_PATH}${route.path}`,
      route,
    })),
  );
}

export interface MountOptions {
  readonly services: Services;
  readonly logger: Logger;
  readonly jsonBodyLimit: string;
}

export function mountRoutes(
  app: Express,
  routes: readonly MountedRoute[],
  options: MountOptions,
): void {
  const parseJson = express.json({ limit: options.jsonBodyLimit, type: JSON_TYPES });
  for (const { fullPath, route } of routes) {
    app[route.method](fullPath, handlerFor(route, parseJson, options));
  }
}

function handlerFor(
  route: RouteDefinition,
  parseJson: RequestHandler,
  options: MountOptions,
): RequestHandler {
  const request = route.request ?? {};
  return async (req, res) => {
    const requestId = requestIdOf(res);
    const principal = await authenticate(route, req, options.services);
    res.locals.principal = principal;
    if (request.body !== undefined) {
      if (hasBody(req) && !req.is(JSON_TYPES)) throw unsupportedMediaType(req, JSON_TYPES);
      await runMiddleware(parseJson, req, res);
    } else if (request.upload !== undefined) {
      if (!req.is([...request.upload.contentTypes])) {
        throw unsupportedMediaType(req, request.upload.contentTypes);
      }
    }
    const issues: FieldIssue[] = [];
    const params = validatePart('params', request.params, req.params, issues);
    const query = validatePart('query', request.query, req.query, issues);
    const body = validatePart('body', request.body, hasBody(req) ? req.body : undefined, issues);
    if (issues.length > 0) {
      throw new ServiceError('validation_failed', 'the request does not match its schema', {
        issues,
      });
    }
    const result = await route.handler({
      principal,
      context: principal ? requestContext(principal, requestId) : undefined,
      params,
      query,
      body,
      requestId,
      logger: options.logger.child({ requestId }),
      req,
      res,
    });
    if (result) sendResult(res, result);
    else if (!res.headersSent) {
      throw new HttpError(
        'internal_error',
        `handler of ${route.method} ${route.path} sent nothing`,
      );
    }
  };
}

async function authenticate(
  route: RouteDefinition,
  req: Request,
  services: Services,
): Promise<Principal | undefined> {
  if (route.auth === 'public') return undefined;
  const token = bearerTokenOf(req.get('authorization'));
  if (route.auth === 'optional' && req.get('authorization') === undefined) return undefined;
  return services.authentication.authenticate(token);
}

function validatePart(
  part: 'params' | 'query' | 'body',
  schema: z.ZodType | undefined,
  value: unknown,
  issues: FieldIssue[],
): unknown {
  if (schema === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    issues.push({ field: [part, ...issue.path.map(String)].join('.'), reason: issue.message });
  }
  return undefined;
}

function sendResult(res: Response, result: RouteResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  res.status(result.status);
  if (result.body === undefined) res.end();
  else res.json(result.body);
}

/** RFC 9110 §6.4: a request has content when it declares a length above zero or is chunked. */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function unsupportedMediaType(req: Request, accepted: readonly string[]): ServiceError {
  return new ServiceError(
    'unsupported_media_type',
    `content type must be one of ${accepted.join(', ')}`,
    {
      details: { accepted, received: req.get('content-type')?.split(';')[0] ?? null },
    },
  );
}

function runMiddleware(middleware: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void middleware(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
  });
}
