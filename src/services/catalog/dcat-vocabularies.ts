// The controlled vocabularies the DCAT export uses instead of plain literals: the EU Publications
// Office authority tables (access rights, data themes, file types, frequencies) and IANA media types.
import type { CatalogEntry } from './catalog-service.js';

const AUTHORITY = 'http://publications.europa.eu/resource/authority';
const IANA = 'http://www.iana.org/assignments/media-types';

/** EU access-right: PUBLIC (free, no condition), RESTRICTED (conditions or a price), NON_PUBLIC. */
export function accessRightIri(entry: CatalogEntry): string {
  const { sharingType } = entry.metadata;
  if (sharingType === 'none') return `${AUTHORITY}/access-right/NON_PUBLIC`;
  return sharingType === 'unconditional' && entry.priceFen === 0
    ? `${AUTHORITY}/access-right/PUBLIC`
    : `${AUTHORITY}/access-right/RESTRICTED`;
}

/**
 * EU data themes by words of the provider's subject category (Chinese or English), first match
 * wins; a category no rule names is not given a theme (a wrong theme misleads more than none).
 */
const THEMES: readonly (readonly [string, RegExp, { zh: string; en: string }])[] = [
  ['HEAL', /医|卫生|健康|疾病|药|health|medic|hospital|clinic/i, { zh: '卫生健康', en: 'Health' }],
  [
    'ENER',
    /能源|电力|用电|用能|燃气|供热|energy|electric|power|gas\b/i,
    { zh: '能源', en: 'Energy' },
  ],
  [
    'TRAN',
    /交通|运输|物流|出行|transport|traffic|mobility|logistic/i,
    { zh: '交通运输', en: 'Transport' },
  ],
  [
    'EDUC',
    /教育|学校|文化|体育|educat|school|culture|sport/i,
    { zh: '教育、文化和体育', en: 'Education, culture and sport' },
  ],
  [
    'ENVI',
    /环境|生态|气象|水务|用水|environment|ecolog|climate|weather|water/i,
    { zh: '环境', en: 'Environment' },
  ],
  [
    'AGRI',
    /农|林|渔|牧|agri|farm|fish|forest|food/i,
    { zh: '农林牧渔和食品', en: 'Agriculture, fisheries, forestry and food' },
  ],
  [
    'ECON',
    /经济|金融|财政|商业|消费|电商|零售|贸易|econom|financ|commerce|retail|trade|consum/i,
    { zh: '经济和金融', en: 'Economy and finance' },
  ],
  [
    'TECH',
    /通信|电信|科技|信息技术|telecom|technolog|mobile|internet/i,
    { zh: '科学和技术', en: 'Science and technology' },
  ],
  [
    'GOVE',
    /政务|政府|公共部门|govern|public sector/i,
    { zh: '政府和公共部门', en: 'Government and public sector' },
  ],
  [
    'JUST',
    /司法|法律|公安|安全|justice|legal|crime|safety/i,
    { zh: '司法、法律体系和公共安全', en: 'Justice, legal system and public safety' },
  ],
  [
    'REGI',
    /城市|区域|地理|规划|城乡|region|city|urban|geograph/i,
    { zh: '区域和城市', en: 'Regions and cities' },
  ],
  [
    'SOCI',
    /人口|社会|民政|就业|社保|population|social|employment|welfare/i,
    { zh: '人口和社会', en: 'Population and society' },
  ],
  ['INTR', /国际|international/i, { zh: '国际事务', en: 'International issues' }],
];

/** The EU data theme of a subject category, with its label (a skos:Concept needs one). */
export function dataThemeOf(
  subjectCategory: string,
): { readonly iri: string; readonly label: { zh: string; en: string } } | undefined {
  const theme = THEMES.find(([, words]) => words.test(subjectCategory));
  return theme === undefined
    ? undefined
    : { iri: `${AUTHORITY}/data-theme/${theme[0]}`, label: theme[2] };
}

/**
 * Download formats: the EU file type and the IANA media type. JSON Lines is JSON text, one value a
 * line (the EU table has no JSON Lines entry); Arrow IPC has no EU entry and is given as binary
 * data, its IANA media type saying which.
 */
export const DOWNLOAD_FORMATS: Readonly<
  Record<string, { readonly fileType: string; readonly mediaType: string }>
> = {
  csv: { fileType: `${AUTHORITY}/file-type/CSV`, mediaType: `${IANA}/text/csv` },
  jsonl: { fileType: `${AUTHORITY}/file-type/JSON`, mediaType: `${IANA}/application/jsonl` },
  arrow: {
    fileType: `${AUTHORITY}/file-type/BIN`,
    mediaType: `${IANA}/application/vnd.apache.arrow.stream`,
  },
  parquet: {
    fileType: `${AUTHORITY}/file-type/PARQUET`,
    mediaType: `${IANA}/application/vnd.apache.parquet`,
  },
};

/** The query API's answers are JSON. */
export const QUERY_FORMAT = {
  fileType: `${AUTHORITY}/file-type/JSON`,
  mediaType: `${IANA}/application/json`,
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

export function frequencyIri(updateFrequency: string): string {
  return `${AUTHORITY}/frequency/${FREQUENCIES[updateFrequency] ?? 'UNKNOWN'}`;
}
