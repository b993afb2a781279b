// Labelled columns for the column-level quality test: generated identifiers (seeded) and hand-written
// hard negatives that look like identifiers (order numbers, dates, product codes, amounts, diagnoses).
import { createRng, type Rng } from '../../../../src/core/rng.js';
import type { DetectorKind } from '../../../../src/core/detect/index.js';
import { computeResidentIdCheck, isLuhnValid, computeVinCheck } from '../../../../src/core/detect/index.js';
import { computeUsccCheckCharacter } from '../../../../src/core/detect/validators/cn-uscc.js';

export interface LabelledColumn {
  readonly header: string;
  readonly values: readonly string[];
  /** The identifier kind the column holds, or null for a hard negative. */
  readonly label: DetectorKind | null;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.nextInt(items.length)];
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => rng.nextInt(10)).join('');
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const REGIONS = ['110105', '120104', '120103', '310115', '440305', '510107', '650102', '370202', '330106', '420106'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '欧阳', '司马', '上官', '诸葛'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '梓涵', '浩然'];
const STREETS = ['友谊路', '南京路', '建国路', '人民大街', '解放北路', '长江道', '卫津路', '中山路'];
const CITIES = ['天津市河西区', '北京市朝阳区', '上海市浦东新区', '广州市天河区', '成都市武侯区'];

function residentId(rng: Rng): string {
  const year = 1940 + rng.nextInt(80);
  const body = `${pick(rng, REGIONS)}${year}${pad(1 + rng.nextInt(12), 2)}${pad(1 + rng.nextInt(28), 2)}${digits(rng, 3)}`;
  return body + computeResidentIdCheck(body);
}

function luhnComplete(prefix: string): string {
  for (let d = 0; d < 10; d++) if (isLuhnValid(prefix + d)) return prefix + d;
  throw new Error('unreachable');
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function uscc(rng: Rng): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC_CHARS[rng.nextInt(i < 8 ? 31 : 10)];
  const body = `91${pick(rng, REGIONS)}${org}`;
  return body + computeUsccCheckCharacter(body);
}

function vin(rng: Rng): string {
  const alphabet = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
  let body = pick(rng, ['LSV', 'LFV', 'LGB', 'WVW', '1HG']);
  for (let i = 3; i < 17; i++) body += i === 8 ? '0' : alphabet[rng.nextInt(alphabet.length)];
  return body.slice(0, 8) + computeVinCheck(body) + body.slice(9);
}

/** 300 values per column, with ~3 % empty cells, so shares are measured on non-empty values. */
export function labelledColumns(seed = 7, size = 300): LabelledColumn[] {
  const rng = createRng(seed);
  const column = (header: string, label: DetectorKind | null, make: () => string): LabelledColumn => ({
    header,
    label,
    values: Array.from({ length: size }, () => (rng.next() < 0.03 ? '' : make())),
  });
  const name = (): string => pick(rng, SURNAMES) + pick(rng, GIVEN);
  return [
    // Identifiers, some with unhelpful headers so values carry the verdict.
    column('身份证号', 'cn_resident_id', () => residentId(rng)),
    column('col_a', 'cn_resident_id', () => residentId(rng)),
    column('统一社会信用代码', 'cn_uscc', () => uscc(rng)),
    column('手机号码', 'cn_mobile', () => `1${pick(rng, ['38', '39', '58', '86', '99', '77'])}${digits(rng, 8)}`),
    column('contact', 'cn_mobile', () => `+86 1${pick(rng, ['35', '50', '88'])}${digits(rng, 4)} ${digits(rng, 4)}`),
    column('固定电话', 'cn_landline', () => `${pick(rng, ['022', '010', '021'])}-${2 + rng.nextInt(8)}${digits(rng, 7)}`),
    column('银行卡号', 'bank_card', () => luhnComplete(`62${digits(rng, 16)}`)),
    column('email', 'email', () => `user${digits(rng, 5)}@${pick(rng, ['163.com', 'qq.com', 'example.cn'])}`),
    column('client_ip', 'ipv4', () => `${1 + rng.nextInt(223)}.${rng.nextInt(256)}.${rng.nextInt(256)}.${rng.nextInt(256)}`),
    column('ipv6', 'ipv6', () => `2001:db8:${rng.nextInt(65536).toString(16)}::${rng.nextInt(65536).toString(16)}`),
    column('护照号', 'cn_passport', () => `${pick(rng, ['E', 'G'])}${digits(rng, 8)}`),
    column('车牌', 'cn_plate', () => `${pick(rng, ['津', '京', '沪', '粤'])}${pick(rng, ['A', 'B', 'C'])}${digits(rng, 5)}`),
    column('vin', 'vin', () => vin(rng)),
    column('姓名', 'cn_name', name),
    column('field_7', 'cn_name', name),
    column('家庭住址', 'cn_address', () => `${pick(rng, CITIES)}${pick(rng, STREETS)}${1 + rng.nextInt(300)}号`),
    // Hard negatives.
    column('订单号', null, () => `2023${pad(1 + rng.nextInt(12), 2)}${pad(1 + rng.nextInt(28), 2)}${digits(rng, 8)}`),
    column('order_id', null, () => `DD${digits(rng, 14)}`),
    column('流水号', null, () => digits(rng, 18)),
    column('下单日期', null, () => `2023-${pad(1 + rng.nextInt(12), 2)}-${pad(1 + rng.nextInt(28), 2)}`),
    column('created_at', null, () => `2023-07-${pad(1 + rng.nextInt(28), 2)} ${pad(rng.nextInt(24), 2)}:${pad(rng.nextInt(60), 2)}:00`),
    column('商品编码', null, () => `SKU-${digits(rng, 6)}`),
    column('product_code', null, () => `P${digits(rng, 11)}`),
    column('金额', null, () => `${rng.nextInt(100000)}.${digits(rng, 2)}`),
    column('诊断', null, () => pick(rng, ['高血压', '糖尿病', '冠心病', '黄疸', '肺炎', '胃溃疡', '白内障', '骨折', '哮喘', '贫血'])),
    column('商品名称', null, () => pick(rng, ['5号电池', '华为手机', '小米电视', '联想笔记本', '海尔冰箱', '格力空调'])),
    column('区县', null, () => pick(rng, CITIES)),
    column('性别', null, () => pick(rng, ['男', '女'])),
    column('年龄', null, () => String(18 + rng.nextInt(70))),
    column('masked_phone', null, () => `1${pick(rng, ['38', '39'])}****${digits(rng, 4)}`),
    column('pseudonym', null, () => Array.from({ length: 16 }, () => rng.nextInt(16).toString(16)).join('')),
    column('age_band', null, () => pick(rng, ['20-24', '25-29', '30-34', '35-39'])),
    column('ip_prefix', null, () => `${1 + rng.nextInt(223)}.${rng.nextInt(256)}.${rng.nextInt(256)}.0/24`),
    column('tracking_no', null, () => `SF${digits(rng, 12)}`),
    column('quantity', null, () => String(1 + rng.nextInt(20))),
    column('科室', null, () => pick(rng, ['内科', '外科', '儿科', '妇产科', '眼科', '急诊科'])),
  ];
}
