// The demo's cast and paperwork: a Tianjin hospital (provider), a research institute (buyer) and the
// exchange's compliance team (reviewers), with the catalog metadata, review and listing terms.

export const ORGANIZATIONS = [
  {
    role: 'provider',
    name: '天津市某综合医院 (a Tianjin general hospital)',
    member: '信息科 王芳',
    kind: 'public-service',
    regionCode: '120104',
  },
  {
    role: 'buyer',
    name: '某医学研究院 (a medical research institute)',
    member: '流行病学研究室 李强',
    kind: 'enterprise',
    regionCode: '120116',
  },
  {
    role: 'reviewer',
    name: 'the exchange (compliance team)',
    member: '合规审核 张敏',
    kind: 'enterprise',
    regionCode: '120103',
  },
] as const;

/** Catalog metadata of the raw dataset (seed Art. 10): classification, format, attributes, … */
export const HOSPITAL_METADATA = {
  classification: { subjectCategory: '医疗卫生', securityGrade: 'important' },
  format: 'csv',
  attributes: [
    ['visit_no', '门诊流水号 visit number'],
    ['patient_name', '患者姓名 patient name'],
    ['id_number', '身份证号 resident ID'],
    ['sex', '性别 sex'],
    ['birth_date', '出生日期 birth date'],
    ['age', '年龄 age'],
    ['mobile', '联系电话 mobile'],
    ['address', '现住址 address'],
    ['district', '居住区 district'],
    ['visit_date', '就诊日期 visit date'],
    ['department', '就诊科室 department'],
    ['diagnosis_code', 'ICD-10 诊断编码 diagnosis code'],
    ['diagnosis', '诊断名称 diagnosis'],
    ['cost_yuan', '费用（元） cost'],
  ].map(([column, description]) => ({ column, description })),
  updateFrequency: 'monthly',
  sharingType: 'conditional',
  openType: 'conditional',
  sharingMethod: ['download', 'query_api'],
  usageRequirements: '仅用于科研 research use only',
  legalBasis: '《天津市促进大数据发展应用条例》第十六条、第二十九条',
  dataSource: '天津市某综合医院门诊系统 outpatient system of a Tianjin hospital, 2024',
};

export const APPROVAL = {
  reasons:
    'Direct identifiers dropped; every class holds at least 20 visits; R within the public-release threshold (GB/T 42460 L3).',
  checklist: {
    identifiersChecked: true,
    riskCalculationChecked: true,
    contextAndThresholdAppropriate: true,
    utilityAcceptable: true,
  },
};

export const LISTING_TERMS = {
  title: { zh: '门诊病种构成（脱敏）', en: 'Outpatient case mix (anonymized)' },
  description: {
    zh: '天津某医院2024年门诊记录，按GB/T 42460 L3脱敏。',
    en: 'Outpatient visits of a Tianjin hospital in 2024, anonymized to GB/T 42460 level L3.',
  },
  tags: ['health', '医疗', 'case-mix'],
  priceFen: 500_000,
  licenceTerms: 'Research use only. No re-identification attempts. No onward transfer (Art. 18).',
  permittedPurposes: {
    codes: ['scientific_research', 'statistics'],
    freeText: 'hospital planning',
  },
  accessDurationDays: 365,
  previewRows: 3,
};

export const ACCESS_REQUEST = {
  purpose: 'scientific_research',
  intendedUse: '门诊病种构成与费用研究 outpatient case-mix and cost study',
  requestedDurationDays: 180,
  columns: ['sex', 'age', 'district', 'department', 'diagnosis_code', 'diagnosis', 'cost_yuan'],
};
