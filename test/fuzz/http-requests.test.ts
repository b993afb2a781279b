// Property-based fuzzing (fast-check, seeded) of the HTTP API through the gateway, in this
// process: for every operation of the OpenAPI document, path parameters, query strings, headers
// and bodies — arbitrary JSON and mutations of bodies that satisfy the schema — sent with the key
// of each role (or none, or a bogus one). The property: no 5xx, an answer within a bound, and
// every 4xx is problem+json whose `type` is the catalog's for its `code`. FUZZ_RUNS raises the
// count for a long local run; the corpus (corpus/http.json) replays found cases on every run.
import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROBLEM_TYPE_PREFIX, problemCatalog } from '../../src/edge/problem-catalog.js';
import { ROLES } from '../../src/domain/roles.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import {
  AWKWARD_STRINGS,
  mutationOf,
  valueOf,
  type JsonSchema,
} from '../helpers/json-schema-arbitrary.js';
import { HOSPITAL_CSV, hospitalMetadata } from '../helpers/provider-flow.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
/** Per request: far above what any answer needs on a loaded machine, far below a hang. */
const MAX_MS_PER_REQUEST = 10_000;

/** Who sends a request: a member holding one role, nobody, or a key that does not exist. */
type Sender = (typeof ROLES)[number] | 'anonymous' | 'bogus';

/** One request, as the corpus stores it. */
export interface FuzzRequest {
  readonly method: string;
  /** Path and query string, already encoded (or deliberately not). */
  readonly url: string;
  readonly sender: Sender;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly { name: string; in: string; schema?: JsonSchema }[];
  readonly jsonBody?: JsonSchema;
  readonly uploadTypes?: readonly string[];
}

const corpus = JSON.parse(
  readFileSync(fileURLToPath(new URL('./corpus/http.json', import.meta.url)), 'utf8'),
) as { readonly requests: readonly { readonly found: string; readonly request: FuzzRequest }[] };

/** Id prefixes by path parameter (src/services ids: `<prefix>_<6 digits>` under test). */
const ID_PREFIXES: Readonly<Record<string, string>> = {
  organizationId: 'org',
  apiKeyId: 'key',
  datasetId: 'ds',
  jobId: 'job',
  reviewId: 'rev',
  listingId: 'lst',
  accessRequestId: 'areq',
  tradeId: 'trd',
  entitlementId: 'ent',
  webhookId: 'whk',
  incidentId: 'inc',
  memberId: 'mem',
};

const printable = fc.stringMatching(/^[ -~]{0,60}$/);

/** An id of the kind `name` names that may exist (ids are sequential here), if it names one. */
const existingId = (name: string): fc.Arbitrary<string> | undefined => {
  const prefix = ID_PREFIXES[name];
  if (prefix === undefined) return undefined;
  return fc.integer({ min: 1, max: 60 }).map((n) => `${prefix}_${String(n).padStart(6, '0')}`);
};

/** A path parameter: an id that may exist, a number, or junk. */
function pathValue(name: string): fc.Arbitrary<string> {
  const existing = existingId(name) ?? fc.nat(40).map(String);
  return fc.oneof(
    { weight: 4, arbitrary: existing.map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map(encodeURIComponent) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%C0%AE%C0%AE%2F', '%', '%E4%B8', '..', '%00', '-1', '1e400', ' '),
    },
  );
}

function queryOf(operation: Operation): fc.Arbitrary<string> {
  const declared = operation.parameters.filter((p) => p.in === 'query');
  const pairs = fc.array(
    fc.oneof(
      ...(declared.length > 0
        ? [
            fc
              .constantFrom(...declared)
              .chain((p) =>
                fc.tuple(
                  fc.constant(p.name),
                  fc.oneof(valueOf(p.schema).map(String), fc.constantFrom(...AWKWARD_STRINGS)),
                ),
              ),
          ]
        : []),
      fc.tuple(fc.constantFrom('limit', 'cursor', 'x', '__proto__', 'format[]'), printable),
    ),
    { maxLength: 4 },
  );
  return fc
    .tuple(pairs, fc.boolean())
    .map(([list, raw]) =>
      list.length === 0
        ? ''
        : '?' +
          list
            .map(([k, v]) =>
              raw ? `${k}=${v.replace(/[#\s]/g, '')}` : new URLSearchParams([[k, v]]).toString(),
            )
            .join('&'),
    );
}

function headersOf(): fc.Arbitrary<Record<string, string>> {
  return fc.record(
    {
      // Past the server's header limit now and then (a 431 must be problem+json too).
      'x-padding': fc.oneof(
        { weight: 30, arbitrary: printable },
        { weight: 1, arbitrary: fc.constant('p'.repeat(20_000)) },
      ),
      'idempotency-key': printable,
      'accept-language': fc.constantFrom('zh-CN', 'en', '*', 'xx;q=abc', ''),
      accept: fc.constantFrom('application/json', 'text/csv', '*/*', 'text/event-stream', 'x/y'),
      'if-none-match': printable,
      'x-forwarded-for': printable,
    },
    { requiredKeys: [] },
  );
}

/** A body for `operation`: by its schema, mutated, arbitrary, or not JSON at all. */
function bodyOf(operation: Operation): fc.Arbitrary<{ body?: string; type?: string }> {
  const json = (value: fc.Arbitrary<unknown>) =>
    value.map((v) => ({ body: JSON.stringify(v) ?? 'null', type: 'application/json' }));
  const junk = fc.record({
    body: fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{', '[1,', '{"a":1}x', '\u0000'),
    ),
    type: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
  });
  // Over JSON_BODY_LIMIT (1 MB by default): refused while reading, as 413.
  const huge = fc.constant({
    body: JSON.stringify({ x: 'x'.repeat(1_100_000) }),
    type: 'application/json',
  });
  if (operation.uploadTypes !== undefined)
    return fc.record({
      body: fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('a,b\n1,2\n', '{"a":1}\n', 'ARROW1\0\0', 'a,b\n'),
      ),
      type: fc.oneof(fc.constantFrom(...operation.uploadTypes), fc.constant('image/png')),
    });
  if (operation.jsonBody !== undefined)
    return fc.oneof(
      { weight: 3, arbitrary: json(valueOf(operation.jsonBody, existingId)) },
      { weight: 3, arbitrary: json(mutationOf(operation.jsonBody, existingId)) },
      { weight: 1, arbitrary: json(fc.jsonValue({ maxDepth: 3 })) },
      { weight: 1, arbitrary: junk },
      { weight: 1, arbitrary: huge },
    );
  return fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: junk });
}

function requestOf(operation: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  return fc
    .tuple(
      fc.tuple(...pathParameters.map((p) => pathValue(p.name))),
      queryOf(operation),
      // Mostly members, so requests get past authentication into the handlers.
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...ROLES) },
        { weight: 1, arbitrary: fc.constantFrom<Sender>('anonymous', 'bogus') },
      ),
      headersOf(),
      bodyOf(operation),
      // Now and then a method the path does not have.
      fc.oneof(
        { weight: 12, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
        },
      ),
    )
    .map(([values, query, sender, headers, { body, type }, otherMethod]) => {
      let path = operation.path;
      pathParameters.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i])));
      return {
        method: otherMethod ?? operation.method,
        url: path + query,
        sender,
        headers: type === undefined ? headers : { ...headers, 'content-type': type },
        ...(body === undefined ? {} : { body }),
      };
    });
}

describe('fuzz: every HTTP operation answers bad requests with problem+json, never 5xx', function () {
  this.timeout(180_000);
  let gateway: TestGateway;
  let operations: Operation[];
  const keys = new Map<Sender, string>();
  /** How many answers had each status: FUZZ_STATS=1 prints them, to see how deep a run got. */
  const statuses = new Map<number, number>();

  before(async () => {
    gateway = await startTestGateway();
    keys.set('admin', gateway.admin.key);
    keys.set('bogus', 'anx_' + 'f'.repeat(40));
    const provider = await gateway.createMember(['provider']);
    keys.set('provider', provider.key);
    for (const role of ['buyer', 'reviewer', 'auditor'] as const)
      keys.set(role, (await gateway.createMember([role])).key);
    // Something for the ids to find: a dataset with one revision.
    const dataset = await gateway.request('POST', '/api/v1/datasets', {
      key: provider.key,
      body: { name: 'visits', metadata: hospitalMetadata() },
    });
    await gateway.request('POST', `/api/v1/datasets/${dataset.json.id}/revisions`, {
      key: provider.key,
      rawBody: HOSPITAL_CSV,
      headers: { 'content-type': 'text/csv' },
    });
    operations = operationsOf((await gateway.request('GET', '/openapi.json')).json);
  });
  after(async () => {
    if (process.env.FUZZ_STATS) console.log([...statuses].sort((a, b) => a[0] - b[0]));
    await gateway?.stop();
  });

  async function send(request: FuzzRequest): Promise<void> {
    const key = keys.get(request.sender);
    const started = performance.now();
    const response = await fetch(gateway.url + request.url, {
      method: request.method,
      headers: {
        ...request.headers,
        ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
      },
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
      signal: AbortSignal.timeout(MAX_MS_PER_REQUEST),
    });
    const where = `${request.method} ${request.url} as ${request.sender}`;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status < 400) {
      // Event streams and downloads may run on; the status and headers are the answer.
      await response.body?.cancel();
      return;
    }
    const text = await response.text();
    const elapsed = performance.now() - started;
    expect(elapsed, `${where} took ${elapsed.toFixed(0)} ms`).to.be.below(MAX_MS_PER_REQUEST);
    expect(response.status, `${where}: ${text.slice(0, 300)}`).to.be.below(500);
    expect(response.headers.get('content-type'), `${where}: ${text.slice(0, 300)}`).to.match(
      /^application\/problem\+json/,
    );
    const problem = JSON.parse(text) as { type: string; code: string; status: number };
    expect(Object.keys(problemCatalog), `${where}: code ${problem.code}`).to.include(problem.code);
    expect(problem.type, where).to.equal(PROBLEM_TYPE_PREFIX + problem.code);
    expect(problem.status, where).to.equal(response.status);
  }

  it('lists the operations of the OpenAPI document', () => {
    expect(operations.length).to.be.greaterThan(50);
  });

  it('replays the corpus of found cases', async () => {
    for (const { request } of corpus.requests) await send(request);
  });

  it('answers generated requests to every operation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations).chain((operation) => requestOf(operation)),
        send,
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

/** The operations of an OpenAPI document, with what each accepts. */
function operationsOf(document: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(methods)) {
      const content = (
        operation.requestBody as { content?: Record<string, { schema?: JsonSchema }> }
      )?.content;
      const jsonBody = content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []) as Operation['parameters'],
        ...(jsonBody !== undefined ? { jsonBody } : {}),
        ...(content !== undefined && jsonBody === undefined
          ? { uploadTypes: Object.keys(content) }
          : {}),
      });
    }
  return operations;
}
