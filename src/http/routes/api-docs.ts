// The API's own description: GET /openapi.json, and the Swagger UI page at GET /docs served from
// the swagger-ui-dist package (no external network; scripts from files, so no inline-script CSP).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Express } from 'express';
import { z } from 'zod';
import { defineRoute, type RouterDefinition } from '../define-route.js';

const docsPage = readFileSync(new URL('../docs/index.html', import.meta.url), 'utf8');
const swaggerInitializer = readFileSync(
  new URL('../docs/swagger-initializer.js', import.meta.url),
  'utf8',
);

/** Serves swagger-ui-dist's files under /docs/assets (static files, not API operations). */
export function mountSwaggerAssets(app: Express): void {
  const require = createRequire(import.meta.url);
  const assets = dirname(require.resolve('swagger-ui-dist/package.json'));
  app.use('/docs/assets', express.static(assets, { index: false, fallthrough: true }));
}

export function apiDocsRouter(openApiDocument: () => Record<string, unknown>): RouterDefinition {
  return {
    basePath: '',
    routes: [
      defineRoute({
        method: 'get',
        path: '/openapi.json',
        summary: 'The OpenAPI 3.1 document of this gateway',
        tags: ['meta'],
        auth: 'public',
        responses: {
          200: { description: 'OpenAPI 3.1 document', body: z.record(z.string(), z.unknown()) },
        },
        handler: () => ({ status: 200, body: openApiDocument() }),
      }),
      defineRoute({
        method: 'get',
        path: '/docs',
        summary: 'Browsable API documentation (Swagger UI)',
        tags: ['meta'],
        auth: 'public',
        responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
        handler: ({ res }) => {
          res.type('html').send(docsPage);
        },
      }),
      defineRoute({
        method: 'get',
        path: '/docs/swagger-initializer.js',
        summary: 'Script that starts Swagger UI on /docs',
        tags: ['meta'],
        auth: 'public',
        responses: { 200: { description: 'JavaScript', contentType: 'text/javascript' } },
        handler: ({ res }) => {
          res.type('text/javascript').send(swaggerInitializer);
        },
      }),
    ],
  };
}
