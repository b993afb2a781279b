import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { validateDcatAp } from '../helpers/shacl.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import {
  APPROVAL,
  expectStatus,
  followJob,
  HOSPITAL_CSV,
  hospitalMetadata,
  LISTING_TERMS,
} from '../helpers/provider-flow.js';

/** A GET with the Host header set (fetch does not let a caller set it). */
function getWithHost(
  url: string,
  host: string,
): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers: { host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.on('error', reject);
  });
}

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The text of the HTML report's certificate row `data-certificate="<name>"`. */
const certificateCell = (page: string, name: string): string =>
  (new RegExp(`<tr data-certificate="${name}">(.*?)</tr>`).exec(page)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('http/provider-flow: provider → reviewer → listing over the real app', () => {
  let gateway: TestGateway;
  let provider: TestMember;
  let colleagueReviewer: TestMember;
  let reviewer: TestMember;
  let buyer: TestMember;
  let datasetId: string;
  let jobId: string;
  let reviewId: string;
  let listingId: string;

  before(async () => {
    gateway = await startTestGateway({
      env: { PUBLIC_URL: 'https://data.exchange.example', EXCHANGE_NAME: '天津数据交易所' },
    });
    provider = await gateway.createMember(['provider']);
    colleagueReviewer = await gateway.createMember(['reviewer', 'provider'], {
      organizationId: provider.organization.id,
    });
    reviewer = await gateway.createMember(['reviewer']);
    buyer = await gateway.createMember(['buyer']);
  });
  after(async () => gateway.stop());

  it('refuses Art. 10 metadata with the list of missing fields', async () => {
    const { legalBasis, dataSource, ...incomplete } = hospitalMetadata();
    void [legalBasis, dataSource];
    const reply = await gateway.request('POST', '/api/v1/datasets', {
      key: provider.key,
      body: { name: 'x', metadata: incomplete },
    });
    expect(reply.status).to.equal(400);
    expect(reply.json.code).to.equal('validation_failed');
    expect(reply.json.errors).to.deep.include({
      field: 'dataSource',
      reason: 'missing',
      code: 'required',
    });
    const conditional = await gateway.request('POST', '/api/v1/datasets', {
      key: provider.key,
      body: { name: 'x', metadata: { ...incomplete, dataSource: 'hospital' } },
    });
    expect(conditional.json.errors).to.deep.equal([
      { field: 'legalBasis', reason: 'missing', code: 'required' },
    ]);
  });

  it('creates a dataset and uploads the raw file as revision 1 with a profile', async () => {
    const created = expectStatus(
      await gateway.request('POST', '/api/v1/datasets', {
        key: provider.key,
        body: { name: 'Outpatient visits 2024', metadata: hospitalMetadata() },
      }),
      201,
      'create',
    );
    datasetId = created.json.id;
    const upload = expectStatus(
      await gateway.request('POST', `/api/v1/datasets/${datasetId}/revisions?filename=v.csv`, {
        key: provider.key,
        rawBody: HOSPITAL_CSV,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
      }),
      201,
      'upload',
    );
    expect(upload.json).to.include({ revision: 1, format: 'csv', rawSha256: sha256(HOSPITAL_CSV) });
    expect(upload.json.profile.rows).to.equal(2000);
    const flagged = upload.json.profile.columns
      .filter((column: { direct_identifier: boolean }) => column.direct_identifier)
      .map((column: { name: string }) => column.name);
    expect(flagged).to.include.members(['patient_name', 'id_number', 'mobile', 'address']);
    expect(upload.json.undocumentedColumns).to.deep.equal([]);
  });

  it('refuses an upload of the wrong media type (415)', async () => {
    const reply = await gateway.request('POST', `/api/v1/datasets/${datasetId}/revisions`, {
      key: provider.key,
      rawBody: 'a,b\n1,2',
      headers: { 'content-type': 'image/png' },
    });
    expect(reply.status).to.equal(415);
  });

  it('runs the shipped policy as a job, with progress over Server-Sent Events', async () => {
    const queued = expectStatus(
      await gateway.request('POST', '/api/v1/jobs', {
        key: provider.key,
        body: { datasetId, policy: { name: 'hospital-visits' }, seed: 42 },
      }),
      201,
      'queue',
    );
    jobId = queued.json.id;
    expect(queued.json.state).to.equal('queued');
    const events = await followJob(gateway, provider.key, jobId);
    expect(events.at(-1)).to.deep.include({ event: 'end' });
    expect(events.at(-1)?.data, JSON.stringify(events.at(-1)?.data)).to.include({
      state: 'succeeded',
      progressPct: 100,
    });
    const percentages = events.map((event) => event.data.progressPct);
    expect(percentages).to.deep.equal([...percentages].sort((a, b) => a - b));
    const job = (await gateway.request('GET', `/api/v1/jobs/${jobId}`, { key: provider.key })).json;
    expect(job.output).to.include({ level: 'L3', gatePassed: true, artifactFormat: 'csv' });

    const report = await gateway.request('GET', `/api/v1/jobs/${jobId}/report`, {
      key: provider.key,
    });
    expect(report.status).to.equal(200);
    expect(sha256(report.text)).to.equal(job.output.reportSha256);
    expect(report.headers.get('etag')).to.equal(`"${job.output.reportSha256}"`);
    expect(report.json.input.sha256).to.equal(sha256(HOSPITAL_CSV));
    const html = await gateway.request('GET', `/api/v1/jobs/${jobId}/report?format=html`, {
      key: provider.key,
    });
    expect(html.headers.get('content-type')).to.match(/^text\/html/);
    expect(sha256(html.text)).to.equal(job.output.reportHtmlSha256);
    // The stored page is the certificate before review: provider, dataset revision, job, hashes.
    expect(certificateCell(html.text, 'provider')).to.include(provider.organization.name);
    expect(certificateCell(html.text, 'dataset')).to.match(
      new RegExp(
        `^数据集 Dataset Outpatient visits 2024 \\( ?${datasetId} ?\\) · 版本 revision 1$`,
      ),
    );
    expect(certificateCell(html.text, 'decision')).to.equal(
      '审核结论 Decision 尚未提交审核 Not yet submitted for review',
    );
    expect(html.text).to.include(`<code>${job.output.reportSha256}</code>`);
    expect(html.text).to.include(`<code>${job.output.artifactSha256}</code>`);
  });

  it('cannot list before approval; a colleague reviewer cannot approve (separation of duties)', async () => {
    const submitted = expectStatus(
      await gateway.request('POST', '/api/v1/reviews', { key: provider.key, body: { jobId } }),
      201,
      'submit',
    );
    reviewId = submitted.json.id;
    expect(submitted.json).to.include({ state: 'pending', current: true, level: 'L3' });
    const again = await gateway.request('POST', '/api/v1/reviews', {
      key: provider.key,
      body: { jobId },
    });
    expect(again.status).to.equal(409);

    const early = await gateway.request('POST', '/api/v1/listings', {
      key: provider.key,
      body: { reviewId, ...LISTING_TERMS },
    });
    expect(early.status).to.equal(409);
    expect(early.json.code).to.equal('listing_approval_required');

    const own = await gateway.request('POST', `/api/v1/reviews/${reviewId}/approve`, {
      key: colleagueReviewer.key,
      body: APPROVAL,
    });
    expect(own.status).to.equal(403);
    expect(own.json.code).to.equal('review_separation_of_duties');
    const colleagueQueue = await gateway.request('GET', '/api/v1/reviews?state=pending', {
      key: colleagueReviewer.key,
    });
    expect(colleagueQueue.json.items.map((r: { id: string }) => r.id)).not.to.include(reviewId);
  });

  it("puts the report in other organizations' reviewers' queue and needs reasons and the full checklist", async () => {
    const queue = await gateway.request(
      'GET',
      `/api/v1/reviews?state=pending&provider=${provider.organization.id}`,
      { key: reviewer.key },
    );
    expect(queue.json.items.map((r: { id: string }) => r.id)).to.deep.equal([reviewId]);
    const notOldEnough = await gateway.request('GET', '/api/v1/reviews?minAgeHours=1', {
      key: reviewer.key,
    });
    expect(notOldEnough.json.items).to.deep.equal([]);
    const report = await gateway.request('GET', `/api/v1/reviews/${reviewId}/report`, {
      key: reviewer.key,
    });
    expect(report.status).to.equal(200);

    const noReasons = await gateway.request('POST', `/api/v1/reviews/${reviewId}/approve`, {
      key: reviewer.key,
      body: { checklist: APPROVAL.checklist },
    });
    expect(noReasons.status).to.equal(400);
    const unchecked = await gateway.request('POST', `/api/v1/reviews/${reviewId}/approve`, {
      key: reviewer.key,
      body: { ...APPROVAL, checklist: { ...APPROVAL.checklist, utilityAcceptable: false } },
    });
    expect(unchecked.status).to.equal(400);
    expect(unchecked.json.errors).to.deep.equal([
      {
        field: 'checklist.utilityAcceptable',
        reason: 'must be true to approve',
        code: 'must_be_checked',
      },
    ]);
    const approved = expectStatus(
      await gateway.request('POST', `/api/v1/reviews/${reviewId}/approve`, {
        key: reviewer.key,
        body: APPROVAL,
      }),
      200,
      'approve',
    );
    const job = (await gateway.request('GET', `/api/v1/jobs/${jobId}`, { key: provider.key })).json;
    expect(approved.json).to.include({
      state: 'approved',
      reviewerOrganizationId: reviewer.organization.id,
      reportSha256: job.output.reportSha256,
      artifactSha256: job.output.artifactSha256,
      policySha256: job.policySha256,
      datasetRevision: 1,
    });
    // The API's HTML of the review is the console's certificate: the decision and the reviewer.
    const certificate = await gateway.request(
      'GET',
      `/api/v1/reviews/${reviewId}/report?format=html`,
      { key: provider.key },
    );
    expect(certificate.status).to.equal(200);
    expect(certificate.headers.get('etag')).to.equal(`"${sha256(certificate.text)}"`);
    expect(certificateCell(certificate.text, 'decision')).to.equal(
      '审核结论 Decision 审核通过 Approved',
    );
    expect(certificateCell(certificate.text, 'reviewer')).to.include(reviewer.organization.name);
    expect(certificateCell(certificate.text, 'decided-at')).to.match(
      /^审核时间 Decided \d{4}-\d\d-\d\d \d\d:\d\d \(北京时间 \/ Beijing time UTC\+8\)$/,
    );
    expect(certificate.text).to.include(`<code>${job.output.reportSha256}</code>`);
    const twice = await gateway.request('POST', `/api/v1/reviews/${reviewId}/reject`, {
      key: reviewer.key,
      body: APPROVAL,
    });
    expect(twice.status).to.equal(409);
    expect(twice.json.details).to.include({ state: 'approved' });
  });

  it('creates, publishes and finds a listing in the catalog and the DCAT export', async () => {
    const created = expectStatus(
      await gateway.request('POST', '/api/v1/listings', {
        key: provider.key,
        body: { reviewId, ...LISTING_TERMS },
      }),
      201,
      'create listing',
    );
    listingId = created.json.id;
    expect(created.json).to.include({ state: 'draft', revision: 1, level: 'L3', priceFen: 500000 });
    expect(created.json.preview).to.have.length(3);
    expect(Object.keys(created.json.preview[0])).not.to.include('patient_name');
    expect(created.json.hashes.licenceTermsSha256).to.equal(sha256(LISTING_TERMS.licenceTerms));

    const edited = expectStatus(
      await gateway.request('PATCH', `/api/v1/listings/${listingId}`, {
        key: provider.key,
        body: { priceFen: 450_000 },
      }),
      200,
      'edit',
    );
    expect(edited.json.revision).to.equal(2);
    expect(edited.json.hashes.documentSha256).not.to.equal(created.json.hashes.documentSha256);

    const hidden = await gateway.request('GET', `/api/v1/catalog/${listingId}`, { key: buyer.key });
    expect(hidden.status, 'drafts are not in the catalog').to.equal(404);
    expectStatus(
      await gateway.request('POST', `/api/v1/listings/${listingId}/publish`, { key: provider.key }),
      200,
      'publish',
    );
    const noEdit = await gateway.request('PATCH', `/api/v1/listings/${listingId}`, {
      key: provider.key,
      body: { priceFen: 1 },
    });
    expect(noEdit.status).to.equal(409);
    expect(noEdit.json.details).to.include({ state: 'published' });

    const search = await gateway.request(
      'GET',
      `/api/v1/catalog?q=${encodeURIComponent('门诊 case-mix')}&sharingType=conditional&priceMaxFen=500000`,
      { key: buyer.key },
    );
    expect(search.json.total).to.equal(1);
    expect(search.json.items[0]).to.include({ id: listingId, revision: 2, priceFen: 450000 });
    const none = await gateway.request('GET', '/api/v1/catalog?q=telecom', { key: buyer.key });
    expect(none.json.total).to.equal(0);

    // The public catalog needs no key, and a forged Host header changes none of its IRIs.
    const dcat = await getWithHost(`${gateway.url}/api/v1/catalog/dcat`, 'attacker.example');
    expect(dcat.status).to.equal(200);
    expect(dcat.contentType).to.match(/^application\/ld\+json/);
    expect(dcat.body).not.to.include('attacker.example');
    const document = JSON.parse(dcat.body) as Record<string, unknown>;
    expect(document['@type']).to.equal('dcat:Catalog');
    const [entry] = document['dcat:dataset'] as Record<string, unknown>[];
    expect(entry).to.include({ 'dct:identifier': listingId, 'anonex:priceFen': 450000 });
    expect(entry['@id']).to.equal(`https://data.exchange.example/api/v1/catalog/${listingId}`);
    expect(document['dct:publisher']).to.deep.include({ 'foaf:name': '天津数据交易所' });
    expect(entry['dct:publisher']).to.deep.include({ 'foaf:name': provider.organization.name });
    const shacl = await validateDcatAp(document);
    expect(shacl.results, JSON.stringify(shacl.results)).to.deep.equal([]);
    expect(shacl.conforms).to.equal(true);

    const providerOnly = await gateway.request('GET', `/api/v1/listings/${listingId}`, {
      key: buyer.key,
    });
    expect(providerOnly.status).to.equal(404);
  });

  it('drives the lifecycle with the right roles, on the ledger', async () => {
    // Read first, so the page is in memory: each change below must be seen by the next read.
    const listed = await gateway.request('GET', '/api/v1/catalog', { key: buyer.key });
    expect(listed.json.total).to.equal(1);
    const buyerSuspends = await gateway.request('POST', `/api/v1/listings/${listingId}/suspend`, {
      key: buyer.key,
      body: {},
    });
    expect(buyerSuspends.status).to.equal(404);
    expectStatus(
      await gateway.request('POST', `/api/v1/listings/${listingId}/suspend`, {
        key: provider.key,
        body: { reason: 'data correction pending' },
      }),
      200,
      'suspend',
    );
    const gone = await gateway.request('GET', '/api/v1/catalog', { key: buyer.key });
    expect(gone.json.total).to.equal(0);
    expectStatus(
      await gateway.request('POST', `/api/v1/listings/${listingId}/reinstate`, {
        key: provider.key,
      }),
      200,
      'reinstate',
    );
    const back = await gateway.request('GET', '/api/v1/catalog', { key: buyer.key });
    expect(back.json.total).to.equal(1);
    const providerRevokes = await gateway.request('POST', `/api/v1/listings/${listingId}/revoke`, {
      key: provider.key,
      body: { reason: 'not allowed' },
    });
    expect(providerRevokes.status).to.equal(403);
    const noReason = await gateway.request('POST', `/api/v1/listings/${listingId}/revoke`, {
      key: gateway.admin.key,
      body: {},
    });
    expect(noReason.status).to.equal(400);
    const revoked = expectStatus(
      await gateway.request('POST', `/api/v1/listings/${listingId}/revoke`, {
        key: gateway.admin.key,
        body: { reason: 'complaint upheld by the authority' },
      }),
      200,
      'revoke',
    );
    expect(revoked.json).to.include({
      state: 'revoked',
      stateReason: 'complaint upheld by the authority',
    });
    const republish = await gateway.request('POST', `/api/v1/listings/${listingId}/publish`, {
      key: provider.key,
    });
    expect(republish.status).to.equal(409);
    expect(republish.json.details).to.include({ state: 'revoked', event: 'publish' });

    const kinds = await gateway.db('ledger_outbox').orderBy('id').pluck('kind');
    expect(kinds).to.deep.equal([
      'report.approved',
      'listing.published',
      'listing.suspended',
      'listing.published',
      'listing.revoked',
    ]);
    const entries = (await gateway.db('ledger_outbox').orderBy('id').pluck('entry_json')).join(
      '\n',
    );
    for (const forbidden of ['complaint upheld', 'Identifiers dropped', '张', '天津市']) {
      expect(entries, 'ledger bodies hold ids and hashes only').not.to.include(forbidden);
    }
    const audit = await gateway
      .db('audit_log')
      .where({ target: listingId })
      .orderBy('id')
      .pluck('action');
    expect(audit).to.deep.equal([
      'listing.created',
      'listing.edited',
      'listing.published',
      'listing.suspended',
      'listing.published',
      'listing.revoked',
    ]);
  });

  it('needs a new approval after a new revision', async () => {
    // A second approved job over revision 1 …
    const job = expectStatus(
      await gateway.request('POST', '/api/v1/jobs', {
        key: provider.key,
        body: { datasetId, policy: { name: 'hospital-visits' }, seed: 43 },
      }),
      201,
      'queue',
    );
    const ended = (await followJob(gateway, provider.key, job.json.id)).at(-1)?.data;
    expect(ended, JSON.stringify(ended)).to.include({ state: 'succeeded' });
    const review = expectStatus(
      await gateway.request('POST', '/api/v1/reviews', {
        key: provider.key,
        body: { jobId: job.json.id },
      }),
      201,
      'submit',
    ).json;
    expectStatus(
      await gateway.request('POST', `/api/v1/reviews/${review.id}/approve`, {
        key: reviewer.key,
        body: APPROVAL,
      }),
      200,
      'approve',
    );
    const draft = expectStatus(
      await gateway.request('POST', '/api/v1/listings', {
        key: provider.key,
        body: { reviewId: review.id, ...LISTING_TERMS },
      }),
      201,
      'draft',
    ).json;
    // … then a metadata change makes revision 2: the approval no longer covers the dataset.
    expectStatus(
      await gateway.request('PUT', `/api/v1/datasets/${datasetId}/metadata`, {
        key: provider.key,
        body: hospitalMetadata({ updateFrequency: 'quarterly' }),
      }),
      200,
      'metadata',
    );
    const stale = await gateway.request('GET', `/api/v1/reviews/${review.id}`, {
      key: provider.key,
    });
    expect(stale.json).to.include({ state: 'approved', current: false });
    const publish = await gateway.request('POST', `/api/v1/listings/${draft.id}/publish`, {
      key: provider.key,
    });
    expect(publish.status).to.equal(409);
    expect(publish.json.code).to.equal('listing_approval_superseded');
    const create = await gateway.request('POST', '/api/v1/listings', {
      key: provider.key,
      body: { reviewId: review.id, ...LISTING_TERMS },
    });
    expect(create.json.code).to.equal('listing_approval_superseded');
    const resubmit = await gateway.request('POST', '/api/v1/reviews', {
      key: provider.key,
      body: { jobId: job.json.id },
    });
    expect(resubmit.status, 'a job over the old revision cannot be resubmitted').to.equal(409);
  });
});
