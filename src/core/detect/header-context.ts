// Column-header words that raise or lower confidence in a detector's finding (身份证, 手机, name, order…).
import type { DetectorKind } from './detector.js';

/** Chinese words are matched as substrings; English ones as whole tokens of the header. */
const POSITIVE: Record<DetectorKind, { zh: readonly string[]; en: readonly string[] }> = {
  cn_resident_id: {
    zh: ['身份证', '证件号', '身份号码', '公民身份'],
    en: ['idcard', 'idno', 'idnumber', 'nationalid', 'residentid', 'citizenid', 'identity', 'sfz'],
  },
  cn_uscc: { zh: ['信用代码', '统一社会', '营业执照'], en: ['uscc', 'creditcode'] },
  cn_mobile: {
    zh: ['手机', '移动电话', '联系电话', '联系方式', '电话'],
    en: ['mobile', 'cell', 'phone', 'tel', 'telephone', 'msisdn'],
  },
  cn_landline: {
    zh: ['电话', '座机', '固话', '固定电话'],
    en: ['phone', 'tel', 'telephone', 'landline'],
  },
  bank_card: {
    zh: ['银行卡', '卡号', '银行账号', '账号', '账户'],
    en: ['card', 'bankcard', 'pan', 'account'],
  },
  email: { zh: ['邮箱', '电子邮件', '邮件'], en: ['email', 'mail'] },
  ipv4: { zh: ['IP'], en: ['ip', 'ipaddr', 'ipaddress', 'clientip', 'host'] },
  ipv6: { zh: ['IP'], en: ['ip', 'ipv6', 'ipaddr', 'ipaddress', 'clientip', 'host'] },
  cn_passport: { zh: ['护照'], en: ['passport'] },
  cn_plate: { zh: ['车牌', '号牌'], en: ['plate', 'licenseplate'] },
  vin: { zh: ['车架号', '车辆识别'], en: ['vin', 'chassis'] },
  cn_name: {
    zh: [
      '姓名',
      '名字',
      '联系人',
      '患者',
      '病人',
      '客户',
      '收货人',
      '收件人',
      '户主',
      '持卡人',
      '负责人',
      '法人',
      '员工',
    ],
    en: ['name', 'fullname', 'contact', 'patient', 'customer', 'person', 'holder'],
  },
  cn_address: {
    zh: ['地址', '住址', '住所', '户籍', '居住地'],
    en: ['address', 'addr', 'street', 'residence'],
  },
  cn_foreign_permanent_id: {
    zh: ['永久居留', '居留证', '证件号'],
    en: ['permanentresidence', 'residencepermit', 'prid'],
  },
  hk_id: { zh: ['香港身份证', '港澳身份证', '证件号'], en: ['hkid', 'hkidcard'] },
  macau_id: { zh: ['澳门身份证', '港澳身份证', '澳门居民'], en: ['macauid', 'bir', 'birnumber'] },
  tw_id: { zh: ['台湾身份证', '台胞', '证件号'], en: ['twid', 'taiwanid'] },
  hk_macau_permit: {
    zh: ['回乡证', '通行证', '来往内地'],
    en: ['homereturn', 'homereturnpermit', 'permit', 'permitno'],
  },
  imei: { zh: ['串号', '设备号', '设备识别'], en: ['imei', 'deviceid', 'imeino'] },
  mac_address: { zh: ['MAC', '物理地址', '网卡'], en: ['mac', 'macaddr', 'macaddress', 'hwaddr'] },
  gps_coordinate: {
    zh: ['经纬度', '经度', '纬度', '坐标', '定位', '位置'],
    en: [
      'lat',
      'lng',
      'lon',
      'latitude',
      'longitude',
      'gps',
      'coordinates',
      'coord',
      'location',
      'latlng',
    ],
  },
  qq_number: { zh: ['QQ', 'qq', '扣扣'], en: ['qq', 'qqno', 'qqnumber'] },
  wechat_id: { zh: ['微信', '威信', 'V信'], en: ['wechat', 'weixin', 'wx', 'wxid', 'wechatid'] },
  medical_record_no: {
    zh: ['住院号', '病案号', '病历号', '门诊号', '就诊号', '就诊卡', '登记号', '病人ID', '患者ID'],
    en: ['mrn', 'inpatientno', 'admissionno', 'recordno', 'medicalrecord', 'patientid', 'caseno'],
  },
  social_security_no: {
    zh: ['社保', '社会保障', '医保卡', '医保号', '医疗保险'],
    en: ['ssn', 'socialsecurity', 'insuranceno', 'sicard'],
  },
};

/** Words naming things that are not people: order numbers, amounts, dates, products, companies. */
const NEGATIVE = {
  zh: [
    '订单',
    '流水',
    '金额',
    '价格',
    '单价',
    '日期',
    '时间',
    '数量',
    '商品',
    '产品',
    '型号',
    '编码',
    '诊断',
    '科室',
    '公司',
    '机构',
    '疾病',
    '区县',
    '省份',
    '城市',
    '地区',
    '药品',
  ],
  en: [
    'order',
    'amount',
    'price',
    'date',
    'time',
    'qty',
    'count',
    'sku',
    'product',
    'item',
    'company',
    'drug',
    'diagnosis',
    'city',
    'file',
    'code',
    'total',
    'district',
    'province',
    'region',
    'county',
    'ward',
    'department',
  ],
} as const;

/** Lower-case ASCII tokens of a header: `patientName` → patient, name; also the joined form. */
function tokens(header: string): Set<string> {
  const words = header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return new Set([...words, words.join('')]);
}

/** +1 when the header names this kind, −1 when it names something that is not an identifier, else 0. */
export function headerHint(header: string, kind: DetectorKind): -1 | 0 | 1 {
  const words = tokens(header);
  const hints = POSITIVE[kind];
  if (hints.zh.some((w) => header.includes(w))) return 1;
  // `product_name`, `order_code`: an English negative token outweighs a generic positive one.
  const negativeEn = NEGATIVE.en.some((w) => words.has(w));
  if (hints.en.some((w) => words.has(w)) && !negativeEn) return 1;
  if (negativeEn || NEGATIVE.zh.some((w) => header.includes(w))) return -1;
  return 0;
}
