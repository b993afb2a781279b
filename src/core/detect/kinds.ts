// The identifier kinds anonex recognises, with the typed placeholder a scrub writes in their place.

/**
 * Every kind, in the order findings are reported (most specific first). The names appear in JSON
 * output, gate refusals and policies: extend the list, never rename an entry.
 */
export const IDENTIFIER_KINDS = [
  'cn_resident_id',
  'cn_foreign_permanent_id',
  'cn_uscc',
  'cn_mobile',
  'cn_landline',
  'bank_card',
  'imei',
  'email',
  'ipv4',
  'ipv6',
  'mac_address',
  'cn_passport',
  'hk_id',
  'macau_id',
  'tw_id',
  'hk_macau_permit',
  'cn_plate',
  'vin',
  'gps_coordinate',
  'qq_number',
  'wechat_id',
  'medical_record_no',
  'social_security_no',
  'cn_name',
  'cn_address',
] as const;

export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface KindLabel {
  /** What a scrub writes in place of a span: 〔身份证号〕. */
  readonly placeholder: string;
  readonly zh: string;
  readonly en: string;
}

function label(zh: string, en: string): KindLabel {
  return { placeholder: `〔${zh}〕`, zh, en };
}

/** Chinese and English names of each kind; the placeholder is the Chinese name in 〔〕. */
export const KIND_LABELS: Readonly<Record<IdentifierKind, KindLabel>> = {
  cn_resident_id: label('身份证号', 'resident ID number'),
  cn_foreign_permanent_id: label('永久居留身份证号', "foreigner's permanent residence ID"),
  cn_uscc: label('统一社会信用代码', 'unified social credit code'),
  cn_mobile: label('手机号', 'mobile number'),
  cn_landline: label('固定电话', 'landline number'),
  bank_card: label('银行卡号', 'bank card number'),
  imei: label('IMEI', 'IMEI'),
  email: label('电子邮箱', 'e-mail address'),
  ipv4: label('IP地址', 'IPv4 address'),
  ipv6: label('IP地址', 'IPv6 address'),
  mac_address: label('MAC地址', 'MAC address'),
  cn_passport: label('护照号', 'passport number'),
  hk_id: label('香港身份证号', 'Hong Kong identity card number'),
  macau_id: label('澳门身份证号', 'Macau identity card number'),
  tw_id: label('台湾身份证号', 'Taiwan identity card number'),
  hk_macau_permit: label('回乡证号', 'Mainland Travel Permit for HK/Macau residents'),
  cn_plate: label('车牌号', 'vehicle plate'),
  vin: label('车架号', 'vehicle identification number'),
  gps_coordinate: label('坐标', 'GPS coordinates'),
  qq_number: label('QQ号', 'QQ number'),
  wechat_id: label('微信号', 'WeChat ID'),
  medical_record_no: label('病案号', 'medical record number'),
  social_security_no: label('社保卡号', 'social security card number'),
  cn_name: label('姓名', 'personal name'),
  cn_address: label('地址', 'street address'),
};

/** True for a string that names a kind (policy and request validation). */
export function isIdentifierKind(value: string): value is IdentifierKind {
  return (IDENTIFIER_KINDS as readonly string[]).includes(value);
}
