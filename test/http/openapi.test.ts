import { expect } from 'chai';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Express } from 'express';
import { toOpenApiPath } from '../../src/http/define-route.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

/** Every `METHOD /path` the Express app routes (Express 5 keeps routes as layers of app.router). */
function expressOperations(app: Express): string[] {
  const router = (
    app as unknown as {
      router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    }
  ).router;
  return router.stack
    .filter((layer) => layer.route !== undefined)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods)
        .filter((method) => method !== '_all')
        .map((method) => `${method} ${toOpenApiPath(layer.route!.path)}`),
    );
}

function documentedOperations(document: Record<string, unknown>): string[] {
  const paths = document.paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method} ${path}`),
  );
}

describe('http OpenAPI document', () => {
  let gateway: TestGateway;
  let document: Record<string, unknown>;
  before(async () => {
    gateway = await startTestGateway();
    const reply = await gateway.request('GET', '/openapi.json');
    expect(reply.status).to.equal(200);
    document = reply.json;
  });
  after(() => gateway.stop());

  it('is valid OpenAPI 3.1 against the official schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).to.deep.equal([]);
    expect(result.valid).to.equal(true);
    expect(validator.version).to.equal('3.1');
  });

  it('keeps the default JSON Schema dialect, the only one Swagger UI 5 renders without a warning', () => {
    expect(document).not.to.have.property('jsonSchemaDialect');
  });

  it('lists exactly the operations Express routes, both ways', () => {
    const routed = expressOperations(gateway.running.app.app).sort();
    const documented = documentedOperations(document).sort();
    expect(routed.filter((operation) => !documented.includes(operation))).to.deep.equal([]);
    expect(documented.filter((operation) => !routed.includes(operation))).to.deep.equal([]);
    const registry = gateway.running.app.routes.map(
      ({ fullPath, route }) => `${route.method} ${toOpenApiPath(fullPath)}`,
    );
    expect(registry.sort()).to.deep.equal(documented);
  });

  it('has unique operation ids, API routes under /api/v1, and bearer security on keyed routes', () => {
    const ids = new Set<string>();
    for (const { fullPath, route } of gateway.running.app.routes) {
      const operation = (document.paths as Record<string, Record<string, Record<string, unknown>>>)[
        toOpenApiPath(fullPath)
      ][route.method];
      expect(
        ids.has(operation.operationId as string),
        `duplicate ${operation.operationId}`,
      ).to.equal(false);
      ids.add(operation.operationId as string);
      if (route.auth === 'key') {
        expect(operation.security).to.deep.equal([{ apiKey: [] }]);
        expect(operation.responses).to.include.keys('401', '403');
      }
      if (
        !['/healthz', '/readyz', '/openapi.json'].includes(fullPath) &&
        !fullPath.startsWith('/docs')
      ) {
        expect(fullPath.startsWith('/api/v1/'), fullPath).to.equal(true);
      }
    }
  });

  it('describes request schemas from the same zod schemas that validate', () => {
    const create = (document.paths as Record<string, Record<string, Record<string, unknown>>>)[
      '/api/v1/admin/organizations'
    ].post;
    const schema = (
      create.requestBody as {
        content: Record<
          string,
          { schema: { required: string[]; properties: Record<string, { enum?: string[] }> } }
        >;
      }
    ).content['application/json'].schema;
    expect(schema.required).to.have.members(['name', 'uscc', 'kind']);
    expect(schema.properties.kind.enum).to.deep.equal([
      'enterprise',
      'government',
      'public-service',
    ]);
    const list = (document.paths as Record<string, Record<string, Record<string, unknown>>>)[
      '/api/v1/admin/members'
    ].get;
    const names = (list.parameters as { name: string; in: string }[]).map(
      (parameter) => `${parameter.in}:${parameter.name}`,
    );
    expect(names).to.have.members([
      'query:limit',
      'query:cursor',
      'query:organizationId',
      'query:role',
    ]);
  });

  it('serves the Swagger UI page and its assets from npm packages with a CSP that forbids inline script', async () => {
    const page = await gateway.request('GET', '/docs');
    expect(page.status).to.equal(200);
    expect(page.text).to.include('/docs/swagger-initializer.js');
    expect(page.text).not.to.match(/<script>(?!<\/script>)/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).to.match(/script-src 'self'(;|$)/);
    const initializer = await gateway.request('GET', '/docs/swagger-initializer.js');
    expect(initializer.text).to.include("url: '/openapi.json'");
    const bundle = await gateway.request('GET', '/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).to.equal(200);
    expect(bundle.headers.get('content-type')).to.match(/javascript/);
  });
});
