// DCAT 3 (W3C) JSON-LD of the public catalog, shaped to DCAT-AP 3: controlled vocabularies for
// access rights, themes, formats and frequencies, publishers with names, contact points, the query
// API as a dcat:DataService, and anonex terms for what DCAT has no word for (security grade,
// GB/T 42460 level, price in fen, purposes). Every IRI is built from the configured base.
import type { CatalogEntry } from './catalog-service.js';
import {
  accessRightIri,
  dataThemeOf,
  DOWNLOAD_FORMATS,
  frequencyIri,
  QUERY_FORMAT,
} from './dcat-vocabularies.js';

export type DcatCatalog = Readonly<Record<string, unknown>>;

/** Who publishes the catalog, and who provided each listing. */
export interface DcatParties {
  readonly exchange: { readonly name: string; readonly email?: string };
  /** Provider organization names by organization id. */
  readonly providers: ReadonlyMap<string, string>;
}

const languageTagged = (text: { zh: string; en: string }) => [
  { '@language': 'zh', '@value': text.zh },
  { '@language': 'en', '@value': text.en },
];

const dateTime = (ms: number) => ({
  '@value': new Date(ms).toISOString(),
  '@type': 'xsd:dateTime',
});

const concept = (iri: string, type: string) => ({ '@id': iri, '@type': type });

/**
 * Renders published public entries as one dcat:Catalog; `baseUrl` (no trailing slash) is the
 * configured public URL, never a request's Host header.
 *
 * A download distribution carries no checksum: every delivered copy is fingerprinted to its trade
 * (rows withheld, keyed row order), so no digest matches what a buyer downloads. The certified
 * artifact's SHA-256 (what the review and the ledger pin) is given as `anonex:artifactSha256`.
 */
export function toDcatCatalog(
  entries: readonly CatalogEntry[],
  baseUrl: string,
  nowMs: number,
  parties: DcatParties,
): DcatCatalog {
  const catalogIri = `${baseUrl}/api/v1/catalog/dcat`;
  const queryService = `${baseUrl}/api/v1/catalog/dcat#query-api`;
  const withQuery = entries.filter((e) => e.metadata.sharingMethod.includes('query_api'));
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      skos: 'http://www.w3.org/2004/02/skos/core#',
      rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      anonex: `${baseUrl}/ns/anonex#`,
    },
    '@id': catalogIri,
    '@type': 'dcat:Catalog',
    'dct:title': languageTagged({
      zh: `${parties.exchange.name} 公开数据目录`,
      en: `${parties.exchange.name} public data catalog`,
    }),
    'dct:description': languageTagged({
      zh: '经匿名化处理并审核通过、面向公众开放或有条件开放的数据产品。',
      en: 'Anonymized, reviewed data products open to the public, with or without conditions.',
    }),
    'dct:publisher': {
      '@id': `${baseUrl}/#exchange`,
      '@type': 'foaf:Agent',
      'foaf:name': parties.exchange.name,
    },
    'dcat:contactPoint': contactPoint(
      `${baseUrl}/#exchange-contact`,
      parties.exchange.name,
      parties.exchange.email,
      baseUrl,
    ),
    'foaf:homepage': { '@id': `${baseUrl}/`, '@type': 'foaf:Document' },
    'dct:modified': dateTime(nowMs),
    ...(withQuery.length === 0
      ? {}
      : {
          'dcat:service': {
            '@id': queryService,
            '@type': 'dcat:DataService',
            'dct:title': languageTagged({ zh: '数据查询接口', en: 'Query API' }),
            'dct:description': languageTagged({
              zh: '获得授权的买方按 JSON 查询语言查询其被授权的列，小于 k 的分组被抑制。',
              en: 'An entitled buyer queries the entitled columns in the JSON query language; groups under k are suppressed.',
            }),
            'dcat:endpointURL': { '@id': `${baseUrl}/api/v1/entitlements` },
            'dcat:endpointDescription': { '@id': `${baseUrl}/openapi.json` },
            'dct:accessRights': concept(
              'http://publications.europa.eu/resource/authority/access-right/RESTRICTED',
              'dct:RightsStatement',
            ),
            'dcat:servesDataset': withQuery.map((e) => ({ '@id': datasetIri(baseUrl, e) })),
          },
        }),
    'dcat:dataset': entries.map((entry) => dataset(entry, baseUrl, queryService, parties)),
  };
}

const datasetIri = (baseUrl: string, entry: CatalogEntry) =>
  `${baseUrl}/api/v1/catalog/${entry.id}`;

function contactPoint(iri: string, name: string, email: string | undefined, url: string) {
  return {
    '@id': iri,
    // vcard:Kind as well: DCAT-AP's shapes ask for that class and do no RDFS inference.
    '@type': ['vcard:Kind', 'vcard:Organization'],
    'vcard:fn': name,
    ...(email === undefined ? {} : { 'vcard:hasEmail': { '@id': `mailto:${email}` } }),
    'vcard:hasURL': { '@id': url },
  };
}

function dataset(
  entry: CatalogEntry,
  baseUrl: string,
  queryService: string,
  parties: DcatParties,
): Record<string, unknown> {
  const iri = datasetIri(baseUrl, entry);
  const provider = parties.providers.get(entry.organizationId) ?? entry.organizationId;
  const theme = dataThemeOf(entry.metadata.classification.subjectCategory);
  const methods = entry.metadata.sharingMethod;
  const licence = {
    '@id': `${iri}#licence`,
    '@type': 'dct:LicenseDocument',
    'rdfs:label': entry.licenceTerms,
  };
  const downloads = methods.includes('download')
    ? Object.entries(DOWNLOAD_FORMATS).map(([format, types]) => ({
        '@id': `${iri}#download-${format}`,
        '@type': 'dcat:Distribution',
        'dct:title': languageTagged({ zh: `下载（${format}）`, en: `Download (${format})` }),
        'dct:description': languageTagged({
          zh: '获得授权后下载；每份副本按交易加注指纹，各不相同，因此不提供校验和。',
          en: 'Downloaded once entitled; each copy is fingerprinted to its trade and differs, so no checksum is given.',
        }),
        'dcat:accessURL': { '@id': iri },
        'dct:format': concept(types.fileType, 'dct:MediaTypeOrExtent'),
        'dcat:mediaType': concept(types.mediaType, 'dct:MediaType'),
        'dct:license': licence,
      }))
    : [];
  const query = methods.includes('query_api')
    ? [
        {
          '@id': `${iri}#query-api`,
          '@type': 'dcat:Distribution',
          'dct:title': languageTagged({ zh: '查询接口', en: 'Query API' }),
          'dcat:accessURL': { '@id': `${baseUrl}/api/v1/entitlements` },
          'dcat:accessService': { '@id': queryService },
          'dct:format': concept(QUERY_FORMAT.fileType, 'dct:MediaTypeOrExtent'),
          'dcat:mediaType': concept(QUERY_FORMAT.mediaType, 'dct:MediaType'),
          'dct:license': licence,
        },
      ]
    : [];
  return {
    '@id': iri,
    '@type': 'dcat:Dataset',
    'dct:identifier': entry.id,
    'dct:title': languageTagged(entry.title),
    'dct:description': languageTagged(entry.description),
    'dcat:keyword': entry.tags,
    ...(theme === undefined
      ? {}
      : {
          'dcat:theme': {
            ...concept(theme.iri, 'skos:Concept'),
            'skos:prefLabel': languageTagged(theme.label),
          },
        }),
    'anonex:subjectCategory': entry.metadata.classification.subjectCategory,
    'dct:publisher': {
      '@id': `${baseUrl}/api/v1/organizations/${entry.organizationId}`,
      '@type': 'foaf:Agent',
      'foaf:name': provider,
    },
    'dcat:contactPoint': contactPoint(
      `${iri}#contact`,
      provider,
      undefined,
      `${baseUrl}/console/catalog/${entry.id}`,
    ),
    'dct:issued': dateTime(entry.publishedAtMs),
    'dct:accrualPeriodicity': concept(
      frequencyIri(entry.metadata.updateFrequency),
      'dct:Frequency',
    ),
    'dct:accessRights': concept(accessRightIri(entry), 'dct:RightsStatement'),
    'dct:provenance': {
      '@id': `${iri}#provenance`,
      '@type': 'dct:ProvenanceStatement',
      'rdfs:label': entry.metadata.dataSource,
    },
    'dcat:landingPage': {
      '@id': `${baseUrl}/console/catalog/${entry.id}`,
      '@type': 'foaf:Document',
    },
    'anonex:revision': entry.revision,
    'anonex:securityGrade': entry.metadata.classification.securityGrade,
    'anonex:sharingType': entry.metadata.sharingType,
    'anonex:openType': entry.metadata.openType,
    'anonex:identifiabilityLevel': entry.level,
    'anonex:priceFen': entry.priceFen,
    'anonex:permittedPurposes': entry.permittedPurposes.codes,
    'anonex:accessDurationDays': entry.accessDurationDays,
    'anonex:usageRequirements': entry.metadata.usageRequirements,
    'anonex:artifactSha256': entry.hashes.artifactSha256,
    ...(entry.metadata.legalBasis ? { 'anonex:legalBasis': entry.metadata.legalBasis } : {}),
    'dcat:distribution': [...downloads, ...query],
  };
}
