// Seeded adversarial releases for the Art. 29 gate: a base clinic table that passes, and cases that
// add a column an attacker would exploit, each with the identifiers it holds (labels) and what the
// gate must do. Used by adversarial-release.test.ts.
import type { ColumnTable } from 'arquero';
import { createHash } from 'node:crypto';
import { dayNumber, isoDate } from '../../../../fixtures/generators/dates.js';
import { luhnCheckDigit } from '../../../../fixtures/generators/identifiers.js';
import { residentIdNumber } from '../../../../fixtures/generators/person.js';
import { mobileNumber } from '../../../../fixtures/generators/contacts.js';
import { digits, pick } from '../../../../fixtures/generators/random.js';
import { createRng, type Rng } from '../../../../src/core/rng.js';
import { toColumnTable } from '../../../../src/core/table/index.js';

export const ROWS = 400;

/** One patient of the base table: what the disguised columns encode. */
export interface Patient {
  readonly id: string;
  readonly mobile: string;
  readonly secondMobile: string;
  readonly name: string;
  readonly pinyin: string;
  readonly card: string;
  readonly visitDay: number;
}

const SURNAMES = [
  ['张', 'Zhang'],
  ['王', 'Wang'],
  ['李', 'Li'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['龚', 'Gong'],
  ['闫', 'Yan'],
] as const;
const GIVEN = [
  ['伟', 'Wei'],
  ['芳', 'Fang'],
  ['艳', 'Yan'],
  ['敏', 'Min'],
  ['静', 'Jing'],
  ['强', 'Qiang'],
  ['磊', 'Lei'],
  ['红', 'Hong'],
  ['军', 'Jun'],
  ['洋', 'Yang'],
] as const;
const REGIONS = ['120101', '120102', '120103', '120104', '120105', '120106', '330110', '110105'];
/** Drug and department names: ordinary words that look like names to a careless detector. */
export const DRUGS = [
  '华法林',
  '甘露醇',
  '黄体酮',
  '利福平',
  '阿司匹林',
  '布洛芬',
  '二甲双胍',
  '氨氯地平',
];
export const DEPARTMENTS = [
  '心内科',
  '呼吸内科',
  '消化内科',
  '内分泌科',
  '骨科',
  '妇科',
  '口腔科',
  '皮肤科',
];

export interface BaseRelease {
  readonly patients: readonly Patient[];
  /** sex, age_band, zone (quasi), department, drug (sensitive): 16 classes of about 25 rows. */
  readonly columns: Readonly<Record<string, string[]>>;
}

/** The base table: every (sex, age band, zone) class holds about 25 patients. */
export function baseRelease(seed = 1): BaseRelease {
  const rng = createRng(seed);
  const patients: Patient[] = [];
  const columns: Record<string, string[]> = {
    sex: [],
    age_band: [],
    zone: [],
    department: [],
    drug: [],
  };
  for (let i = 0; i < ROWS; i++) {
    const male = i % 2 === 0;
    const birthDay = dayNumber(1940 + rng.nextInt(60), 1 + rng.nextInt(12), 1 + rng.nextInt(28));
    const [surname, surnamePinyin] = pick(rng, SURNAMES);
    const [given, givenPinyin] = pick(rng, GIVEN);
    const cardBody = `622848${digits(rng, 9)}`;
    patients.push({
      id: residentIdNumber(rng, pick(rng, REGIONS), birthDay, male ? 'male' : 'female'),
      mobile: mobileNumber(rng),
      secondMobile: mobileNumber(rng),
      name: surname + given,
      pinyin: `${surnamePinyin} ${givenPinyin}`,
      card: cardBody + luhnCheckDigit(cardBody),
      visitDay: dayNumber(2024, 1, 1) + rng.nextInt(366),
    });
    columns.sex.push(male ? '男' : '女');
    columns.age_band.push(['<40', '40-54', '55-69', '>=70'][(i >> 1) % 4]);
    columns.zone.push((i >> 3) % 2 === 0 ? '市内六区' : '环城四区');
    columns.department.push(pick(rng, DEPARTMENTS));
    columns.drug.push(pick(rng, DRUGS));
  }
  return { patients, columns };
}

export const BASE_POLICY = `name: adversarial
version: 1
mode: listing
columns:
  sex: { role: quasi }
  age_band: { role: quasi }
  zone: { role: quasi }
  department: { role: sensitive }
  drug: { role: sensitive }
`;

export const PRIVACY = `privacy: { k: 20, suppression_limit: 0.05, context: public-release }
`;

/** What the gate must do with a case. */
export type Expectation =
  | { readonly outcome: 'refused'; readonly refusalKinds: readonly string[] }
  | { readonly outcome: 'released' };

export interface GateCase {
  readonly name: string;
  /** Extra columns (values per row) and their policy lines. */
  readonly columns: (patients: readonly Patient[], rng: Rng) => Readonly<Record<string, string[]>>;
  readonly policy: string;
  /** Identifiers the case's columns hold, per row: none may survive a release. */
  readonly labels: (patient: Patient) => readonly string[];
  readonly want: Expectation;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const refused = (...refusalKinds: string[]): Expectation => ({ outcome: 'refused', refusalKinds });
const idOf = (p: Patient) => [p.id];

/** A free-text note: about a fifth of the notes name the patient, their ID, phone and address. */
function note(patient: Patient, rng: Rng): string {
  const ordinary = [
    '复诊，血压平稳，继续服药。',
    '主诉头痛两天，无发热。',
    '术后恢复良好，建议复查。',
  ];
  if (rng.next() < 0.2)
    return `患者${patient.name}，身份证号${patient.id}，电话${patient.mobile}，住天津市和平区南京路${100 + rng.nextInt(800)}号华苑小区1-5-1202，${pick(rng, ordinary)}`;
  return pick(rng, ordinary);
}

export const DISGUISES: readonly GateCase[] = [
  {
    name: 'an ID with a zero-width space inside',
    columns: (ps) => ({ ref: ps.map((p) => `${p.id.slice(0, 9)}\u200b${p.id.slice(9)}`) }),
    policy: '  ref: { role: sensitive }\n',
    labels: idOf,
    want: refused('identifier_in_cells'),
  },
  {
    name: 'an ID behind a label (身份证:…)',
    columns: (ps) => ({ ref: ps.map((p) => `身份证:${p.id}`) }),
    policy: '  ref: { role: sensitive }\n',
    labels: idOf,
    want: refused('identifier_in_cells'),
  },
  {
    name: 'an ID in base64',
    columns: (ps) => ({ token: ps.map((p) => b64(p.id)) }),
    policy: '  token: { role: sensitive }\n',
    labels: idOf,
    want: refused('identifier_in_cells'),
  },
  {
    name: 'an ID split over two columns (6 + 12 digits)',
    columns: (ps) => ({
      region_code: ps.map((p) => p.id.slice(0, 6)),
      serial: ps.map((p) => p.id.slice(6)),
    }),
    policy: '  region_code: { role: sensitive }\n  serial: { role: sensitive }\n',
    labels: idOf,
    want: refused('split_identifier'),
  },
  {
    name: 'an ID as a float in scientific notation (Excel)',
    columns: (ps) => ({
      id_float: ps.map((p) => Number(p.id.slice(0, 17)).toExponential(14).toUpperCase()),
    }),
    policy: '  id_float: { role: sensitive }\n',
    labels: (p) => [p.id.slice(0, 14)],
    want: refused('near_unique_column'),
  },
  {
    name: 'an ID and a mobile nested in JSON',
    columns: (ps) => ({
      extra: ps.map((p) => JSON.stringify({ patient: { sfz: p.id, tel: p.mobile } })),
    }),
    policy: '  extra: { role: sensitive }\n',
    labels: (p) => [p.id, p.mobile],
    want: refused('identifier_in_cells'),
  },
  {
    name: 'mobiles written 138.1234.5678',
    columns: (ps) => ({
      contact: ps.map(
        (p) => `${p.mobile.slice(0, 3)}.${p.mobile.slice(3, 7)}.${p.mobile.slice(7)}`,
      ),
    }),
    policy: '  contact: { role: sensitive }\n',
    labels: (p) => [p.mobile],
    want: refused('identifier_in_cells'),
  },
  {
    name: 'two mobiles per cell (/ and ；)',
    columns: (ps) => ({
      contact: ps.map((p, i) => `${p.mobile}${i % 2 ? '/' : '；'}${p.secondMobile}`),
    }),
    policy: '  contact: { role: sensitive }\n',
    labels: (p) => [p.mobile, p.secondMobile],
    want: refused('identifier_in_cells'),
  },
  {
    name: 'bank cards in groups of four',
    columns: (ps) => ({ card: ps.map((p) => p.card.replace(/(\d{4})(?=\d)/g, '$1 ')) }),
    policy: '  card: { role: sensitive }\n',
    labels: (p) => [p.card],
    want: refused('identifier_in_cells'),
  },
  {
    name: 'pinyin names',
    columns: (ps) => ({
      patient: ps.map((p, i) =>
        i % 2
          ? p.pinyin
          : p.pinyin.toUpperCase().replace(/ (\w)(\w*)/, (_, a, b) => ` ${a}${b.toLowerCase()}`),
      ),
    }),
    policy: '  patient: { role: sensitive }\n',
    labels: (p) => [p.pinyin],
    want: refused('identifier_in_cells'),
  },
  {
    name: 'an unkeyed SHA-256 of the ID',
    columns: (ps) => ({ id_hash: ps.map((p) => sha256(p.id)) }),
    policy: '  id_hash: { role: sensitive }\n',
    labels: (p) => [sha256(p.id)],
    want: refused('near_unique_column'),
  },
  {
    name: 'an ID in hex',
    columns: (ps) => ({ token: ps.map((p) => Buffer.from(p.id, 'utf8').toString('hex')) }),
    policy: '  token: { role: sensitive }\n',
    labels: idOf,
    want: refused('identifier_in_cells'),
  },
  {
    name: 'an ID and a mobile percent-encoded in a query string',
    columns: (ps) => ({
      link: ps.map((p) => `q=${encodeURIComponent(`身份证 ${p.id} 电话 ${p.mobile}`)}`),
    }),
    policy: '  link: { role: sensitive }\n',
    labels: (p) => [p.id, p.mobile],
    want: refused('identifier_in_cells'),
  },
  {
    name: 'landlines written 022-4161 2321',
    columns: (ps) => ({ phone: ps.map((p) => `022-${p.mobile.slice(3, 7)} ${p.mobile.slice(7)}`) }),
    policy: '  phone: { role: sensitive }\n',
    labels: (p) => [`022${p.mobile.slice(3)}`],
    want: refused('identifier_in_cells'),
  },
  {
    name: 'e-mails with a Chinese local part or domain',
    columns: (ps) => ({
      mail: ps.map((p, i) => (i % 2 ? `${p.name}@qq.com` : `${p.name}@公司.中国`)),
    }),
    policy: '  mail: { role: sensitive }\n',
    labels: (p) => [`${p.name}@`],
    want: refused('identifier_in_cells'),
  },
  {
    name: 'full-width digits',
    columns: (ps) => ({
      ref: ps.map((p) => p.id.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
    }),
    policy: '  ref: { role: sensitive }\n',
    labels: idOf,
    want: refused('direct_identifier_remains'),
  },
];

export const TEXT_CASES: readonly GateCase[] = [
  {
    name: 'notes declared insensitive',
    columns: (ps, rng) => ({ 备注: ps.map((p) => note(p, rng)) }),
    policy: '  备注: { role: insensitive }\n',
    labels: (p) => [p.id, p.mobile, p.name],
    want: refused('identifier_in_cells', 'text_like_column'),
  },
  {
    name: 'notes declared sensitive',
    columns: (ps, rng) => ({ 病历摘要: ps.map((p) => note(p, rng)) }),
    policy: '  病历摘要: { role: sensitive }\n',
    labels: (p) => [p.id, p.mobile, p.name],
    want: refused('identifier_in_cells', 'text_like_column'),
  },
  {
    name: 'notes scrubbed of mobiles only',
    columns: (ps, rng) => ({ 客服记录: ps.map((p) => note(p, rng)) }),
    policy: '  客服记录: { role: text, transform: { scrub: { kinds: [cn_mobile] } } }\n',
    labels: (p) => [p.id, p.mobile, p.name],
    want: refused('identifier_in_cells'),
  },
  {
    name: 'notes scrubbed',
    columns: (ps, rng) => ({ 备注: ps.map((p) => note(p, rng)) }),
    policy: '  备注: { role: text, transform: scrub }\n',
    labels: (p) => [p.id, p.mobile, p.name],
    want: { outcome: 'released' },
  },
  {
    name: 'notes scrubbed, cells with an identifier emptied',
    columns: (ps, rng) => ({ 备注: ps.map((p) => note(p, rng)) }),
    policy: '  备注: { role: text, transform: { scrub: { cell: drop } } }\n',
    labels: (p) => [p.id, p.mobile, p.name],
    want: { outcome: 'released' },
  },
];

export const TRANSFORM_CASES: readonly GateCase[] = [
  {
    name: 'a mask keeping 17 of 18 ID characters',
    columns: (ps) => ({ id_number: ps.map((p) => p.id) }),
    policy: '  id_number: { role: identifier, transform: { mask: { keep_start: 17 } } }\n',
    labels: idOf,
    want: refused('recoverable_transform'),
  },
  {
    name: 'a mask hiding one ID digit (the check character restores it)',
    columns: (ps) => ({ id_number: ps.map((p) => p.id) }),
    policy:
      '  id_number: { role: identifier, transform: { mask: { keep_start: 13, keep_end: 4 } } }\n',
    labels: idOf,
    want: refused('recoverable_transform'),
  },
  {
    name: 'a mask keeping region and birth date',
    columns: (ps) => ({ id_number: ps.map((p) => p.id) }),
    policy: '  id_number: { role: identifier, transform: { mask: { keep_start: 14 } } }\n',
    labels: (p) => [p.id.slice(0, 14)],
    want: refused('suppression_limit_exceeded'),
  },
  {
    name: 'bands over the ID number',
    columns: (ps) => ({ id_number: ps.map((p) => p.id.replace(/X$/, '0')) }),
    policy: '  id_number: { role: identifier, transform: { bands: 1 } }\n',
    labels: (p) => [p.id.slice(0, 15)],
    want: refused('recoverable_transform'),
  },
  {
    name: 'a mobile truncated to its first 7 digits',
    columns: (ps) => ({ mobile: ps.map((p) => p.mobile) }),
    policy: '  mobile: { role: identifier, transform: { mask: { keep_start: 7 } } }\n',
    labels: (p) => [p.mobile.slice(0, 7)],
    want: refused('suppression_limit_exceeded'),
  },
  {
    name: 'region and birth date extracted from the ID into a column of their own',
    columns: (ps) => ({ birth_region: ps.map((p) => `${p.id.slice(0, 6)}-${p.id.slice(6, 14)}`) }),
    policy: '  birth_region: { role: insensitive }\n',
    labels: (p) => [p.id.slice(0, 14)],
    want: refused('suppression_limit_exceeded'),
  },
  {
    name: 'the visit date at day precision, declared insensitive',
    columns: (ps) => ({ visit_date: ps.map((p) => isoDate(p.visitDay)) }),
    policy: '  visit_date: { role: insensitive }\n',
    labels: () => [],
    want: refused('suppression_limit_exceeded'),
  },
  {
    name: 'an amount to the cent declared sensitive',
    columns: (_, rng) => ({
      amount: Array.from({ length: ROWS }, () => (50 + rng.next() * 900).toFixed(2)),
    }),
    policy: '  amount: { role: sensitive }\n',
    labels: () => [],
    want: refused('near_unique_column'),
  },
  {
    name: 'the visit date declared text and scrubbed (escaping k)',
    columns: (ps) => ({ visit_date: ps.map((p) => isoDate(p.visitDay)) }),
    policy: '  visit_date: { role: text, transform: scrub }\n',
    labels: () => [],
    want: refused('not_free_text'),
  },
  {
    name: 'a keyed pseudonym of the ID (unique, but nobody can compute it)',
    columns: (ps) => ({ id_number: ps.map((p) => p.id) }),
    policy: '  id_number: { role: identifier, transform: pseudonym }\n',
    labels: idOf,
    want: { outcome: 'released' },
  },
];

/** Builds the case's table and policy text over the base release. */
export function buildCase(
  gateCase: GateCase,
  seed = 1,
): {
  table: ColumnTable;
  policy: string;
  patients: readonly Patient[];
} {
  const base = baseRelease(seed);
  const extra = gateCase.columns(base.patients, createRng(seed + 1000));
  const columns = { ...base.columns, ...extra };
  const names = Object.keys(columns);
  return {
    table: toColumnTable(
      names,
      names.map((n) => columns[n]),
    ),
    policy: BASE_POLICY + gateCase.policy + PRIVACY,
    patients: base.patients,
  };
}
