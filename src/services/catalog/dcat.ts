// DCAT 3 (W3C) JSON-LD rendering of the catalog, with anonex terms for what DCAT has no word for
// (security grade, GB/T 42460 level, price in fen, sharing type of seed Art. 15).
import type { CatalogEntry } from './catalog-service.js';

export type DcatCatalog = Readonly<Record<string, unknown>>;

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv',
  jsonl: 'application/jsonl',
  arrow: 'application/vnd.apache.arrow.file',
};

const FREQUENCIES: Readonly<Record<string, string>> = {
  once: 'NEVER',
  realtime: 'CONT',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  yearly: 'ANNUAL',
  irregular: 'IRREG',
};

const languageTagged = (text: { zh: string; en: string }) => [
  { '@language': 'zh', '@value': text.zh },
  { '@language': 'en', '@value': text.en },
];

const dateTime = (ms: number) => ({
  '@value': new Date(ms).toISOString(),
  '@type': 'xsd:dateTime',
});

/** Renders published catalog entries as one dcat:Catalog; `baseUrl` has no trailing slash. */
export function toDcatCatalog(
  entries: readonly CatalogEntry[],
  baseUrl: string,
  nowMs: number,
): DcatCatalog {
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      spdx: 'http://spdx.org/rdf/terms#',
      anonex: `${baseUrl}/ns/anonex#`,
    },
    '@id': `${baseUrl}/api/v1/catalog/dcat`,
    '@type': 'dcat:Catalog',
    'dct:title': languageTagged({ zh: 'anonex 数据交易目录', en: 'anonex data exchange catalog' }),
    'dct:modified': dateTime(nowMs),
    'dcat:dataset': entries.map((entry) => ({
      '@id': `${baseUrl}/api/v1/catalog/${entry.id}`,
      '@type': 'dcat:Dataset',
      'dct:identifier': entry.id,
      'dct:title': languageTagged(entry.title),
      'dct:description': languageTagged(entry.description),
      'dcat:keyword': entry.tags,
      'dcat:theme': entry.metadata.classification.subjectCategory,
      'dct:publisher': { '@id': `urn:anonex:organization:${entry.organizationId}` },
      'dct:issued': dateTime(entry.publishedAtMs),
      'dct:accrualPeriodicity': {
        '@id': `http://publications.europa.eu/resource/authority/frequency/${FREQUENCIES[entry.metadata.updateFrequency] ?? 'UNKNOWN'}`,
      },
      'dct:accessRights': entry.metadata.sharingType,
      'dct:provenance': entry.metadata.dataSource,
      'dct:license': { '@type': 'dct:LicenseDocument', 'dct:description': entry.licenceTerms },
      'anonex:revision': entry.revision,
      'anonex:securityGrade': entry.metadata.classification.securityGrade,
      'anonex:openType': entry.metadata.openType,
      'anonex:identifiabilityLevel': entry.level,
      'anonex:priceFen': entry.priceFen,
      'anonex:permittedPurposes': entry.permittedPurposes.codes,
      'anonex:accessDurationDays': entry.accessDurationDays,
      'anonex:usageRequirements': entry.metadata.usageRequirements,
      ...(entry.metadata.legalBasis ? { 'anonex:legalBasis': entry.metadata.legalBasis } : {}),
      'dcat:distribution': entry.metadata.sharingMethod.map((method) => ({
        '@type': 'dcat:Distribution',
        'dct:format': entry.artifactFormat,
        'dcat:mediaType': MEDIA_TYPES[entry.artifactFormat] ?? 'application/octet-stream',
        'dcat:accessURL': { '@id': `${baseUrl}/api/v1/catalog/${entry.id}` },
        'anonex:accessMethod': method,
        'spdx:checksum': {
          '@type': 'spdx:Checksum',
          'spdx:algorithm': { '@id': 'spdx:checksumAlgorithm_sha256' },
          'spdx:checksumValue': entry.hashes.artifactSha256,
        },
      })),
    })),
  };
}
