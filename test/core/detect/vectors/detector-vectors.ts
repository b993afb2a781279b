// Valid and invalid values per detector. Check characters were computed with the validators under test
// cross-checked by hand against the published rule (e.g. 11010519491231002X is GB 11643's own example).
import type { DetectorKind } from '../../../../src/core/detect/index.js';

export const TODAY_YMD = 20261127;

export const detectorVectors: Record<
  DetectorKind,
  { valid: readonly string[]; invalid: readonly { value: string; why: string }[] }
> = {
  cn_resident_id: {
    valid: ['11010519491231002X', '11010519491231002x', '120104199003071234', '440306198511115671', '65010220000229001X', '810000199912310004', '110105491231002', '１２０１０４１９９００３０７１２３４'],
    invalid: [
      { value: '110105194912310021', why: 'wrong check character' },
      { value: '990104199003071236', why: 'province 99 does not exist (check digit right)' },
      { value: '120104199002301237', why: '30 February (check digit right)' },
      { value: '120104202701011233', why: 'born in the future (check digit right)' },
      { value: '120104180001011234', why: 'born before 1900' },
      { value: '12010419900307123', why: '17 characters' },
      { value: '110105491331002', why: 'legacy form with month 13' },
      { value: '000105491231002', why: 'legacy form with province 00' },
      { value: '1201041990030712A4', why: 'letter inside' },
    ],
  },
  cn_uscc: {
    valid: ['91350100M000100Y43', '91120116MA05JKM75G', '12100000400000624D', '91350100m000100y43'],
    invalid: [
      { value: '91350100M000100Y44', why: 'wrong check character' },
      { value: '91350100M000100I43', why: 'I is not in the alphabet' },
      { value: '9135010M000100Y43', why: '17 characters' },
    ],
  },
  cn_mobile: {
    valid: ['13812345678', '+86 138 1234 5678', '0086-13812345678', '8613812345678', '199-1234-5678', '１３８１２３４５６７８', '16612345678'],
    invalid: [
      { value: '12812345678', why: 'segment 128 unallocated' },
      { value: '14012345678', why: 'segment 140 unallocated' },
      { value: '1381234567', why: '10 digits' },
      { value: '138****5678', why: 'masked' },
      { value: '23812345678', why: 'does not start with 1' },
    ],
  },
  cn_landline: {
    valid: ['022-23456789', '(022)23456789', '010 87654321', '0755-86001234', '0371-6861846', '02223456789', '022-23456789-801'],
    invalid: [
      { value: '022-03456789', why: 'local number starts with 0' },
      { value: '022-2345678', why: 'three-digit area code needs 8 digits' },
      { value: '13812345678', why: 'a mobile number' },
      { value: '2023-07-14', why: 'a date' },
    ],
  },
  bank_card: {
    valid: ['6222020200112233446', '6212262201023557228', '4111111111111111', '6222 0202 0011 2233 446', '6000000000000007'],
    invalid: [
      { value: '6222020200112233445', why: 'fails Luhn' },
      { value: '2023071412345674', why: 'issuer digit 2 (order number that passes Luhn)' },
      { value: '520000000000001', why: '15 digits' },
      { value: '11010519491231002X', why: 'resident ID' },
    ],
  },
  email: {
    valid: ['zhang.san@example.com', 'li_si+tag@mail.tj.gov.cn', 'A1@b.io'],
    invalid: [
      { value: 'zhang.san@', why: 'no domain' },
      { value: 'zhang@localhost', why: 'no TLD' },
      { value: '@example.com', why: 'no local part' },
      { value: 'a..b@example.com', why: 'empty dot-atom' },
    ],
  },
  ipv4: {
    valid: ['192.168.7.42', '8.8.8.8', '255.255.255.255', '0.0.0.0'],
    invalid: [
      { value: '256.1.1.1', why: 'octet above 255' },
      { value: '192.168.07.1', why: 'leading zero' },
      { value: '192.168.7.0/24', why: 'a truncated prefix' },
      { value: '1.2.3', why: 'three parts' },
    ],
  },
  ipv6: {
    valid: ['2001:db8::1', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', '::1', 'fe80::1:2', '::ffff:192.168.1.1'],
    invalid: [
      { value: '2001:db8::1::2', why: 'two ::' },
      { value: '2001:db8:0:0:0:0:0:0:1', why: 'nine groups' },
      { value: '12:30', why: 'a time' },
      { value: '2001:db8::/48', why: 'a prefix' },
    ],
  },
  cn_passport: {
    valid: ['E12345678', 'G12345678', 'EA1234567', 'e12345678'],
    invalid: [
      { value: 'E1234567', why: '7 digits' },
      { value: 'P12345678', why: 'P is not an ordinary passport series' },
      { value: 'EI1234567', why: 'I is not used' },
    ],
  },
  cn_plate: {
    valid: ['津A12345', '京AD12345', '粤BDA1234', '沪A12345D', '京A·12345', '苏E2345学', '川A1B2C3'],
    invalid: [
      { value: '津I12345', why: 'letter I' },
      { value: '津A1234', why: 'too short' },
      { value: 'A12345', why: 'no province' },
      { value: '港A12345', why: 'Hong Kong plates differ' },
    ],
  },
  vin: {
    valid: ['1M8GDM9AXKP042788', 'LSVAU2186N2984210', 'LFV2A21K263052313'],
    invalid: [
      { value: '1M8GDM9A1KP042788', why: 'wrong check digit' },
      { value: '12345678901234567', why: 'digits only' },
      { value: '1M8GDM9AXKP04278', why: '16 characters' },
      { value: 'IM8GDM9AXKP042788', why: 'I is not allowed' },
    ],
  },
  cn_name: {
    valid: [
      '张三',
      '王秀英',
      '欧阳修',
      '尉迟梓诚',
      '司马相如',
      '李娜',
      '阿卜杜拉·买买提',
      '努尔·艾力',
      '买买提•吐尔逊',
      '王国栋',
      '申屠国栋',
      '路遥',
      '白居易',
      '温家宝',
      '李建业',
      'Zhang San',
      'ZHANG Wei',
      'Wei Zhang',
      'zhang xiaoming',
      'Ouyang Xiu',
      'Zhang Xiao-Ming',
      '龚 艳',
      '欧阳 修',
    ],
    invalid: [
      { value: '高血压', why: 'a disease' },
      { value: '黄疸', why: 'a disease' },
      { value: '天津市', why: 'a city' },
      { value: '张三丰之', why: 'single surname with a 3-character given name' },
      { value: 'Zhang Sam', why: 'Latin letters that are not pinyin' },
      { value: 'Paid Order', why: 'English words' },
      { value: '华法林', why: 'a drug (warfarin)' },
      { value: '甘露醇', why: 'a drug (mannitol)' },
      { value: '黄体酮', why: 'a drug (progesterone)' },
      { value: '柴胡', why: 'a herbal drug' },
      { value: '利福平', why: 'a drug (rifampicin)' },
      { value: '张 三 丰 之', why: 'four spaced characters that are not a name' },
      { value: '电池', why: 'no surname' },
      { value: '王', why: 'one character' },
      { value: '华为公司', why: 'a company' },
      { value: '支付宝', why: 'a payment method' },
      { value: '余额宝', why: 'a payment method' },
      { value: '花呗', why: 'a payment method' },
      { value: '云闪付', why: 'a payment method' },
      { value: '家居', why: 'a shop category' },
      { value: '家电', why: 'a shop category' },
      { value: '家纺', why: 'a shop category' },
      { value: '华为', why: 'a brand' },
      { value: '皮肤科', why: 'a hospital department' },
      { value: '全科', why: 'a hospital department' },
      { value: '康复科', why: 'a hospital department' },
      { value: '江南路', why: 'a street' },
    ],
  },
  cn_address: {
    valid: ['天津市河西区友谊路20号', '北京市朝阳区建国路88号SOHO现代城5号楼', '张街3号', '河西区梅江花园3栋', '上海市浦东新区世纪大道100号'],
    invalid: [
      { value: '天津市河西区', why: 'region only' },
      { value: '5号电池', why: 'a product' },
      { value: '友谊路', why: 'no number' },
      { value: '2023年7月14日', why: 'a date' },
    ],
  },
  cn_foreign_permanent_id: {
    valid: ['911156199003071239', '931840198501010013', '944840197512312340'],
    invalid: [
      { value: '911156199003071238', why: 'wrong check character' },
      { value: '110105194912310021', why: 'a resident ID (does not start with 9)' },
      { value: '999156199003071230', why: 'province 99' },
    ],
  },
  hk_id: {
    valid: ['D672410(9)', 'D6724109', 'K123456(0)', 'XY123456(3)', 'C668668(9)', 'd672410(9)'],
    invalid: [
      { value: 'D672410(8)', why: 'wrong check character' },
      { value: 'D67241(9)', why: 'five digits' },
      { value: '1672410(9)', why: 'no letter' },
    ],
  },
  tw_id: {
    valid: ['A123456789', 'F223456786', 'Q187654326', 'B200000004'],
    invalid: [
      { value: 'A123456788', why: 'wrong check digit' },
      { value: 'A323456789', why: 'second digit 3' },
      { value: '1123456789', why: 'no letter' },
    ],
  },
  macau_id: {
    valid: ['1234567(8)', '5/123456/7', '71234567'],
    invalid: [
      { value: '2234567(8)', why: 'first digit 2' },
      { value: '1234567', why: 'seven digits' },
    ],
  },
  hk_macau_permit: {
    valid: ['H12345678', 'M87654321', 'H1234567801', 'h12345678'],
    invalid: [
      { value: 'H1234567', why: '7 digits' },
      { value: 'K12345678', why: 'letter K' },
    ],
  },
  imei: {
    valid: ['490154203237518', '356938035643809', '861234567890127', '352099001761481'],
    invalid: [
      { value: '490154203237517', why: 'fails Luhn' },
      { value: '770154203237516', why: 'no reporting body 77' },
      { value: '49015420323751', why: '14 digits' },
    ],
  },
  mac_address: {
    valid: ['3C:22:FB:12:34:56', '3c-22-fb-12-34-56', '3c22.fb12.3456'],
    invalid: [
      { value: '00:00:00:00:00:00', why: 'all zero' },
      { value: 'FF:FF:FF:FF:FF:FF', why: 'broadcast' },
      { value: '3C:22:FB:12:34', why: 'five pairs' },
      { value: '3C:22-FB:12:34:56', why: 'mixed separators' },
      { value: '3G:22:FB:12:34:56', why: 'G is not hex' },
    ],
  },
  gps_coordinate: {
    valid: ['39.90421,116.40739', '116.4074, 39.9042', '39.9042', '-33.86785'],
    invalid: [
      { value: '39.90', why: 'two decimals' },
      { value: '1234.5678', why: 'not a degree' },
      { value: '12.5,13.5', why: 'imprecise pair' },
    ],
  },
  qq_number: {
    valid: ['10001', '123456789', '2811234567'],
    invalid: [
      { value: '0123456', why: 'leading zero' },
      { value: '1234', why: 'four digits' },
      { value: '123456789012', why: 'twelve digits' },
    ],
  },
  wechat_id: {
    valid: ['zhang_wei88', 'wxid_abc123def456', 'Li-Na-2020'],
    invalid: [
      { value: '88zhangwei', why: 'starts with a digit' },
      { value: 'abc', why: 'too short' },
      { value: 'zhang.wei', why: 'a dot' },
    ],
  },
  medical_record_no: {
    valid: ['ZY2024001234', '00123456', 'BA-2023-0042'],
    invalid: [
      { value: 'ABCDEF', why: 'no digits' },
      { value: '123', why: 'too short' },
    ],
  },
  social_security_no: {
    valid: ['A12345678', '120104199003071234', '1234567890'],
    invalid: [
      { value: 'A1234', why: 'too short' },
      { value: 'ABCDEFGH12', why: 'two digits' },
    ],
  },
};
