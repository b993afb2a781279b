import { expect } from 'chai';
import { CatalogService } from '../../../src/services/catalog/catalog-service.js';
import {
  CATALOG_REVALIDATE_MS,
  CatalogVersion,
} from '../../../src/services/catalog/catalog-version.js';
import { insertListing, type ListingRecord } from '../../../src/store/repositories/listings.js';
import { insertDataset } from '../../../src/store/repositories/datasets.js';
import { insertOrganization } from '../../../src/store/repositories/organizations.js';
import { insertJob } from '../../../src/store/repositories/anonymization-jobs.js';
import { insertReview } from '../../../src/store/repositories/reviews.js';
import {
  listingDocumentSha256,
  toSearchText,
} from '../../../src/services/listings/listing-document.js';
import { validateDcatAp } from '../../helpers/shacl.js';
import {
  contextOf,
  createWorkflowFixture,
  sampleMetadata,
  type WorkflowFixture,
} from '../../helpers/provider-workflow.js';

const HASH = 'a'.repeat(64);

function listing(
  id: string,
  fields: Partial<ListingRecord> & { titleEn: string; priceFen: number },
): ListingRecord {
  const base = {
    id,
    organizationId: 'org_a',
    reviewId: 'rev_1',
    jobId: 'job_1',
    datasetId: 'ds_1',
    datasetRevision: 1,
    revision: 1,
    state: 'published' as const,
    titleZh: `标题 ${fields.titleEn}`,
    descriptionZh: '描述',
    descriptionEn: 'description',
    tags: [],
    metadata: sampleMetadata(),
    licenceTerms: 'terms',
    licenceTermsSha256: HASH,
    permittedPurposes: { codes: ['statistics'] },
    accessDurationDays: 30,
    preview: [],
    artifactSha256: HASH,
    artifactFormat: 'csv',
    reportSha256: HASH,
    policySha256: HASH,
    level: 'L3',
    category: 'health',
    securityGrade: 'general',
    sharingType: 'unconditional',
    format: 'csv',
    stateReason: null,
    createdBy: 'mem_p',
    createdAtMs: 1,
    updatedAtMs: 1,
    publishedAtMs: 1,
    ...fields,
  };
  const withSearch = { ...base, searchText: toSearchText(base) };
  return { ...withSearch, documentSha256: listingDocumentSha256(withSearch) };
}

describe('services/catalog/catalog-service', () => {
  let fixture: WorkflowFixture;
  let catalog: CatalogService;
  const buyer = contextOf('mem_b', 'org_z', ['buyer']);

  before(async () => {
    fixture = await createWorkflowFixture();
    catalog = new CatalogService(fixture.deps);
    const db = fixture.deps.db;
    await insertOrganization(db, {
      id: 'org_a',
      name: 'Org A',
      uscc: '91120000000000000A',
      kind: 'enterprise',
      createdAtMs: 1,
    });
    await insertDataset(db, {
      id: 'ds_1',
      organizationId: 'org_a',
      name: 'd',
      metadata: sampleMetadata(),
      latestRevision: 1,
      createdBy: 'mem_p',
      createdAtMs: 1,
      updatedAtMs: 1,
    });
    await insertJob(db, {
      id: 'job_1',
      organizationId: 'org_a',
      datasetId: 'ds_1',
      datasetRevision: 1,
      policyName: 'p@1',
      policyYaml: 'x',
      policySha256: HASH,
      seed: 1,
      createdBy: 'mem_p',
      createdAtMs: 1,
    });
    await insertReview(db, {
      id: 'rev_1',
      organizationId: 'org_a',
      jobId: 'job_1',
      datasetId: 'ds_1',
      datasetRevision: 1,
      reportSha256: HASH,
      artifactSha256: HASH,
      policySha256: HASH,
      level: 'L3',
      gatePassed: true,
      note: null,
      submittedBy: 'mem_p',
      submittedAtMs: 1,
    });
    const rows = [
      listing('lst_1', {
        titleEn: 'Hospital visits',
        priceFen: 0,
        tags: ['health', '医疗'],
        publishedAtMs: 10,
      }),
      listing('lst_2', {
        titleEn: 'Telecom subscribers',
        priceFen: 30000,
        category: 'telecom',
        publishedAtMs: 20,
      }),
      listing('lst_3', {
        titleEn: 'Utility bills 100% sample',
        priceFen: 20000,
        organizationId: 'org_b',
        sharingType: 'conditional',
        securityGrade: 'important',
        format: 'jsonl',
        metadata: { ...sampleMetadata(), openType: 'none', legalBasis: 'Art. 21' },
        publishedAtMs: 30,
      }),
      listing('lst_4', { titleEn: 'Hospital draft', priceFen: 5, state: 'draft' }),
      listing('lst_5', { titleEn: 'Hospital retired', priceFen: 5, state: 'retired' }),
    ];
    for (const row of rows) await insertListing(db, row);
  });
  after(async () => fixture.destroy());

  const cases: {
    desc: string;
    query: Parameters<CatalogService['searchCatalog']>[1];
    want: string[];
  }[] = [
    {
      desc: 'lists published listings, newest first by default',
      query: {},
      want: ['lst_3', 'lst_2', 'lst_1'],
    },
    { desc: 'matches full text case-insensitively', query: { q: 'HOSPITAL' }, want: ['lst_1'] },
    { desc: 'matches Chinese text and tags', query: { q: '医疗' }, want: ['lst_1'] },
    { desc: 'needs every term', query: { q: 'hospital telecom' }, want: [] },
    { desc: 'takes % literally', query: { q: '100%' }, want: ['lst_3'] },
    { desc: 'filters by category', query: { category: 'telecom' }, want: ['lst_2'] },
    {
      desc: 'filters by grade, sharing type and format',
      query: { securityGrade: 'important', sharingType: 'conditional', format: 'jsonl' },
      want: ['lst_3'],
    },
    { desc: 'filters by provider', query: { provider: 'org_b' }, want: ['lst_3'] },
    {
      desc: 'filters by price range',
      query: { priceMinFen: 1, priceMaxFen: 25000 },
      want: ['lst_3'],
    },
    {
      desc: 'sorts by price ascending',
      query: { sort: 'price' },
      want: ['lst_1', 'lst_3', 'lst_2'],
    },
    {
      desc: 'sorts by title descending',
      query: { sort: 'title', order: 'desc' },
      want: ['lst_3', 'lst_2', 'lst_1'],
    },
  ];
  for (const { desc, query, want } of cases) {
    it(desc, async () => {
      const page = await catalog.searchCatalog(buyer, query);
      expect(page.items.map((item) => item.id)).to.deep.equal(want);
      expect(page.total).to.equal(want.length);
    });
  }

  it('pages with a cursor and a total', async () => {
    const first = await catalog.searchCatalog(buyer, { limit: 2, sort: 'price' });
    expect(first.items.map((item) => item.id)).to.deep.equal(['lst_1', 'lst_3']);
    expect(first).to.include({ total: 3, nextCursor: '2' });
    const second = await catalog.searchCatalog(buyer, { limit: 2, sort: 'price', cursor: '2' });
    expect(second.items.map((item) => item.id)).to.deep.equal(['lst_2']);
    expect(second.nextCursor).to.equal(null);
  });

  it('hides unpublished listings from reads', async () => {
    for (const id of ['lst_4', 'lst_5', 'lst_404']) {
      try {
        await catalog.getCatalogEntry(buyer, id);
        expect.fail(`${id} readable`);
      } catch (error) {
        expect((error as { code: string }).code).to.equal('not_found');
      }
    }
    expect((await catalog.getCatalogEntry(buyer, 'lst_1')).title.en).to.equal('Hospital visits');
  });

  it('exports the public listings as DCAT-AP with controlled vocabularies and IRIs from PUBLIC_URL', async () => {
    const configured = new CatalogService({
      ...fixture.deps,
      config: {
        ...fixture.deps.config,
        publicUrl: 'https://exchange.example/',
        exchange: { name: '天津数据交易所', contactEmail: 'catalog@exchange.example' },
      },
    });
    const document = (await configured.exportDcat()) as Record<string, unknown>;
    expect(document['@type']).to.equal('dcat:Catalog');
    expect(document['dct:publisher']).to.deep.include({ 'foaf:name': '天津数据交易所' });
    expect(document['dcat:contactPoint']).to.deep.include({
      'vcard:hasEmail': { '@id': 'mailto:catalog@exchange.example' },
    });
    const datasets = document['dcat:dataset'] as Record<string, unknown>[];
    // lst_3's open type is none: not public, not exported.
    expect(datasets.map((d) => d['dct:identifier'])).to.deep.equal(['lst_1', 'lst_2']);
    expect(datasets[0]['@id']).to.equal('https://exchange.example/api/v1/catalog/lst_1');
    expect(datasets[0]['dct:publisher']).to.deep.include({ 'foaf:name': 'Org A' });
    expect(datasets[0]['dcat:contactPoint']).to.deep.include({ 'vcard:fn': 'Org A' });
    expect(datasets[0]['dct:accrualPeriodicity']).to.deep.equal({
      '@id': 'http://publications.europa.eu/resource/authority/frequency/MONTHLY',
      '@type': 'dct:Frequency',
    });
    const access = (d: Record<string, unknown>) =>
      (d['dct:accessRights'] as { '@id': string })['@id'];
    expect(access(datasets[0])).to.equal(
      'http://publications.europa.eu/resource/authority/access-right/PUBLIC',
    );
    expect(access(datasets[1]), 'a price restricts access').to.equal(
      'http://publications.europa.eu/resource/authority/access-right/RESTRICTED',
    );
    expect(datasets[0]['dcat:theme']).to.deep.include({
      '@id': 'http://publications.europa.eu/resource/authority/data-theme/HEAL',
      '@type': 'skos:Concept',
    });
    const distributions = datasets[0]['dcat:distribution'] as Record<string, unknown>[];
    const csv = distributions.find((d) => String(d['@id']).endsWith('#download-csv'))!;
    expect(csv['dct:format']).to.deep.include({
      '@id': 'http://publications.europa.eu/resource/authority/file-type/CSV',
    });
    expect(csv, 'each downloaded copy is fingerprinted: no checksum').not.to.have.property(
      'spdx:checksum',
    );
    const query = distributions.find((d) => String(d['@id']).endsWith('#query-api'))!;
    expect(query['dcat:accessService']).to.deep.equal({
      '@id': 'https://exchange.example/api/v1/catalog/dcat#query-api',
    });
    expect(document['dcat:service']).to.deep.include({ '@type': 'dcat:DataService' });
    expect(JSON.stringify(document)).not.to.match(/"dct:format":"csv"|"dcat:mediaType":"text/);
  });

  it('conforms to the DCAT-AP 3.0.1 SHACL shapes', async () => {
    const document = await catalog.exportDcat();
    const { conforms, results, triples } = await validateDcatAp(document);
    expect(triples).to.be.greaterThan(100);
    expect(results, JSON.stringify(results, null, 1)).to.deep.equal([]);
    expect(conforms).to.equal(true);
  });

  it('the shapes catch a catalog that breaks them (a dataset without a description)', async () => {
    const document = (await catalog.exportDcat()) as Record<string, unknown>;
    const [first, ...rest] = document['dcat:dataset'] as Record<string, unknown>[];
    const { 'dct:description': _dropped, ...undescribed } = first;
    void _dropped;
    const broken = { ...document, 'dcat:dataset': [undescribed, ...rest] };
    const { conforms, results } = await validateDcatAp(broken);
    expect(conforms).to.equal(false);
    expect(results.map((r) => r.path)).to.include('http://purl.org/dc/terms/description');
  });

  describe('pages from memory (issue 15: the catalog at 50 connections)', () => {
    const query = { limit: 2, sort: 'price' as const };
    const idsOf = (page: { json: Buffer }) =>
      (JSON.parse(page.json.toString('utf8')) as { items: { id: string }[] }).items.map(
        (i) => i.id,
      );
    const cheapest = listing('lst_9', { titleEn: 'Free sample', priceFen: 0, publishedAtMs: 40 });
    afterEach(() => fixture.deps.db('listings').where({ id: 'lst_9' }).delete());

    it('serves the page searchCatalog builds, the same bytes again while nothing changed', async () => {
      const first = await catalog.searchCatalogSerialized(buyer, query);
      expect(JSON.parse(first.json.toString('utf8'))).to.deep.equal(
        await catalog.searchCatalog(buyer, query),
      );
      expect(await catalog.searchCatalogSerialized(buyer, query)).to.equal(first);
      expect(first.etag).to.match(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
    });

    it("sees another gateway's listing change once CATALOG_REVALIDATE_MS has passed", async () => {
      const version = new CatalogVersion();
      const own = new CatalogService(fixture.deps, version);
      const before = await own.searchCatalogSerialized(buyer, query);
      // Written straight to the shared database, as another gateway's listing service would.
      await insertListing(fixture.deps.db, cheapest);
      expect(await own.searchCatalogSerialized(buyer, query)).to.equal(before);
      fixture.clock.advance(CATALOG_REVALIDATE_MS);
      const after = await own.searchCatalogSerialized(buyer, query);
      expect(idsOf(after)).to.include('lst_9');
      expect(idsOf(before)).not.to.include('lst_9');
    });

    it('drops its pages at once when this process changes a listing', async () => {
      const version = new CatalogVersion();
      const own = new CatalogService(fixture.deps, version);
      const before = await own.searchCatalogSerialized(buyer, query);
      await insertListing(fixture.deps.db, cheapest);
      version.changed();
      expect(idsOf(await own.searchCatalogSerialized(buyer, query))).to.include('lst_9');
      expect(idsOf(before)).not.to.include('lst_9');
    });
  });
});
