// Composes the Express app: security headers, request ids, request logs, every router's routes,
// the API docs, then the 404 and the single problem+json error handler, registered last.
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { HttpError } from '../edge/http-error.js';
import { assignRequestId } from '../edge/request-id.js';
import type { WebMountFactory } from '../edge/web-mounts.js';
import type { Services } from '../services/index.js';
import type { RouterDefinition } from './define-route.js';
import { handleErrors } from './error-handler.js';
import { fullRoutes, mountRoutes, type MountedRoute } from './mount-routes.js';
import { buildOpenApiDocument } from './openapi.js';
import { logRequests } from './request-logging.js';
import { apiDocsRouter, mountSwaggerAssets } from './routes/api-docs.js';
import { routerFactories, type RouterFactory } from './routes/index.js';

export interface AppOptions {
  readonly logger: Logger;
  /** express.json limit, e.g. `1mb` (JSON_BODY_LIMIT). */
  readonly jsonBodyLimit: string;
  /** Defaults to every router in routes/index.ts. */
  readonly routers?: readonly RouterFactory[];
  /** Non-API routers (the console); the gateway passes them, the API alone has none. */
  readonly webMounts?: readonly WebMountFactory[];
  readonly newRequestId?: () => string;
  /** The software version the OpenAPI document names (package.json's). */
  readonly version: string;
}

export interface GatewayApp {
  readonly app: Express;
  /** Every mounted API operation, in mount order: what the OpenAPI document lists. */
  readonly routes: readonly MountedRoute[];
  readonly openApiDocument: Record<string, unknown>;
}

export function createApp(services: Services, options: AppOptions): GatewayApp {
  const app = express();
  app.set('trust proxy', false);
  app.set('query parser', 'simple');
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Served over plain HTTP on 127.0.0.1 by default: do not ask browsers to upgrade.
        directives: { upgradeInsecureRequests: null },
      },
    }),
  );
  app.use(assignRequestId(options.newRequestId ?? randomUUID));
  app.use(logRequests(options.logger));

  let openApiDocument: Record<string, unknown> = {};
  const routers: RouterDefinition[] = [
    ...(options.routers ?? routerFactories).map((factory) => factory(services)),
    apiDocsRouter(() => openApiDocument),
  ];
  const routes = fullRoutes(routers);
  openApiDocument = buildOpenApiDocument(routes, {
    title: 'anonex gateway',
    version: options.version,
    description:
      'Anonymization and data trading gateway. Errors are RFC 9457 problem+json with `type` `urn:anonex:problem:<code>`.',
  });
  mountRoutes(app, routes, {
    services,
    logger: options.logger,
    jsonBodyLimit: options.jsonBodyLimit,
  });
  mountSwaggerAssets(app);
  for (const factory of options.webMounts ?? []) {
    const mount = factory(services);
    app.use(mount.path, mount.router);
  }

  app.use((req, _res, next) => {
    next(new HttpError('route_not_found', `no route for ${req.method} ${req.path}`));
  });
  app.use(handleErrors(options.logger));
  return { app, routes, openApiDocument };
}
