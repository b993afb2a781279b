// Seed Art. 49–50: raw uploads are never served. Every route of the OpenAPI document is called by
// every kind of member (the uploading provider included) with real identifiers substituted, and no
// response may contain a raw direct identifier of the uploaded file.
import { expect } from 'chai';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import {
  HOSPITAL_CSV,
  publishHospitalListing,
  type PublishedFlow,
} from '../helpers/provider-flow.js';

/**
 * Distinctive raw values: resident IDs, mobiles, addresses and 3-character names of the first 200
 * rows (what previews and profile examples would show) and of every 10th row after them.
 */
function rawSentinels(): string[] {
  const [header, ...lines] = HOSPITAL_CSV.toString('utf8').trim().split('\n');
  const columns = header.split(',');
  const pick = ['id_number', 'mobile', 'address', 'patient_name'].map((name) =>
    columns.indexOf(name),
  );
  const values = new Set<string>();
  for (const [row, line] of lines.entries()) {
    if (row >= 200 && row % 10 !== 0) continue;
    const cells = line.split(',');
    for (const index of pick) {
      const value = cells[index];
      if (value && [...value].length >= 3) values.add(value);
    }
  }
  return [...values];
}

interface Call {
  readonly method: string;
  readonly path: string;
  readonly who: string;
  readonly status: number;
}

describe('http/raw-data-isolation: no route serves raw data to anyone', function () {
  this.timeout(120_000);
  let gateway: TestGateway;
  let flow: PublishedFlow;
  let members: Record<string, TestMember>;
  const calls: Call[] = [];
  let sentinels: string[];

  before(async () => {
    gateway = await startTestGateway();
    const provider = await gateway.createMember(['provider']);
    const reviewer = await gateway.createMember(['reviewer']);
    flow = await publishHospitalListing(gateway, provider, reviewer);
    members = {
      owner: provider,
      ownColleague: await gateway.createMember(['buyer', 'reviewer'], {
        organizationId: provider.organization.id,
      }),
      otherProvider: await gateway.createMember(['provider']),
      buyer: await gateway.createMember(['buyer']),
      reviewer,
      admin: gateway.admin,
    };
    sentinels = rawSentinels();
    expect(sentinels.length).to.be.greaterThan(1000);
  });
  after(async () => gateway.stop());

  const substitute = (path: string): string =>
    path
      .replace('{datasetId}', flow.datasetId)
      .replace('{revision}', '1')
      .replace('{jobId}', flow.jobId)
      .replace('{reviewId}', flow.reviewId)
      .replace('{listingId}', flow.listingId)
      .replace('{organizationId}', flow.provider.organization.id)
      .replace('{leafIndex}', '0')
      .replace(/\{[A-Za-z]+\}/g, 'x_000001');

  async function sweep(methods: readonly string[]): Promise<void> {
    const document = (await gateway.request('GET', '/openapi.json')).json;
    const paths = Object.entries(document.paths as Record<string, Record<string, unknown>>);
    for (const [template, operations] of paths) {
      for (const method of Object.keys(operations).filter((m) => methods.includes(m))) {
        const variants = template.endsWith('/report') ? ['', '?format=html'] : [''];
        for (const variant of variants) {
          for (const [who, member] of Object.entries(members)) {
            const path = substitute(template) + variant;
            const response = await fetch(`${gateway.url}${path}`, {
              method: method.toUpperCase(),
              headers: {
                authorization: `Bearer ${member.key}`,
                ...(method === 'get' ? {} : { 'content-type': 'application/json' }),
              },
              body: method === 'get' ? undefined : '{}',
              signal: AbortSignal.timeout(10_000),
            });
            const text = await response.text();
            calls.push({ method, path: template, who, status: response.status });
            const leaked = sentinels.find((value) => text.includes(value));
            expect(leaked, `${method.toUpperCase()} ${path} as ${who} leaked a raw value`).to.equal(
              undefined,
            );
            const datasetScoped = /\{(datasetId|jobId)\}/.test(template);
            if (datasetScoped && who !== 'owner') {
              // Refused before or by the service: never served, and never a state (409) that
              // would reveal the object exists.
              expect(response.status, `${method.toUpperCase()} ${path} as ${who}`).to.be.oneOf([
                400, 403, 404, 415,
              ]);
            }
          }
        }
      }
    }
  }

  it('answers every GET route without a raw value, and dataset/job routes only to the owner', async () => {
    await sweep(['get']);
    const covered = new Set(calls.map((call) => `${call.method} ${call.path}`));
    for (const route of [
      'get /api/v1/datasets/{datasetId}',
      'get /api/v1/datasets/{datasetId}/revisions/{revision}',
      'get /api/v1/jobs/{jobId}/report',
      'get /api/v1/reviews/{reviewId}/report',
      'get /api/v1/catalog/{listingId}',
      'get /api/v1/catalog/dcat',
    ]) {
      expect(covered, route).to.include(route);
    }
    const ownerRevision = calls.find(
      (call) =>
        call.who === 'owner' && call.path === '/api/v1/datasets/{datasetId}/revisions/{revision}',
    );
    expect(ownerRevision?.status, 'the owner reads the masked profile').to.equal(200);
  });

  it('answers every state-changing route without a raw value either', async () => {
    await sweep(['post', 'put', 'patch', 'delete']);
    expect(calls.length).to.be.greaterThan(300);
  });
});
