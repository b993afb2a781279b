import { expect } from 'chai';
import {
  findIdentifierSpans,
  IDENTIFIER_KINDS,
  KIND_LABELS,
  type IdentifierKind,
} from '../../../../src/core/detect/index.js';

/** kind:text of every span, checking each span's text is the original slice. */
function spans(raw: string): string[] {
  return findIdentifierSpans(raw).map((span) => {
    expect(raw.slice(span.start, span.end)).to.equal(span.text);
    return `${span.kind}:${span.text}`;
  });
}

/** One test per case: the text and the kind:text of every span it holds. */
function itFinds(cases: readonly [string, string[]][]): void {
  for (const [text, want] of cases)
    it(`finds ${want.join(', ')} in ${JSON.stringify(text)}`, () =>
      expect(spans(text)).to.deep.equal(want));
}

describe('core/detect findIdentifierSpans', () => {
  const cases: [string, string[]][] = [
    [
      '患者张伟，身份证号11010519491231002X，电话13812345678，住天津市和平区南京路100号。',
      ['cn_name:张伟', 'cn_resident_id:11010519491231002X', 'cn_mobile:13812345678', 'cn_address:天津市和平区南京路100号'],
    ],
    ['身份证:1101\u200B0519491231002x', ['cn_resident_id:1101\u200B0519491231002x']],
    ['１１０１０５１９４９１２３１００２Ｘ', ['cn_resident_id:１１０１０５１９４９１２３１００２Ｘ']],
    ['1101051949\n1231002X', ['cn_resident_id:1101051949\n1231002X']],
    ['110105-19491231-002X', ['cn_resident_id:110105-19491231-002X']],
    ['号码11010519491231002X13812345678', ['cn_resident_id:11010519491231002X', 'cn_mobile:13812345678']],
    ['联系电话 138 1234 5678 / 139-1234-5678；座机022-4161 2321', ['cn_mobile:138 1234 5678', 'cn_mobile:139-1234-5678', 'cn_landline:022-4161 2321']],
    ['电话138.1234.5678或+86 139 1234 5678', ['cn_mobile:138.1234.5678', 'cn_mobile:+86 139 1234 5678']],
    ['座机(022)4161 2321', ['cn_landline:(022)4161 2321']],
    ['卡号6228 4849 7901 9071 已冻结', ['bank_card:6228 4849 7901 9071']],
    ['邮箱闫红@qq.com，或者 zhang@公司.中国。', ['email:闫红@qq.com', 'email:zhang@公司.中国']],
    ['联系人王秀英女士反映快递未送达', ['cn_name:王秀英']],
    ['张主任查房后，王医生嘱咐继续观察，李明辉先生来电', ['cn_name:张', 'cn_name:王', 'cn_name:李明辉']],
    ['请转告刘女士和王伟先生', ['cn_name:刘', 'cn_name:王伟']],
    ['患者李春生因发热三天入院', ['cn_name:李春生']],
    ['Patient Zhang Wei and ZHANG Xiaoming visited', ['cn_name:Zhang Wei', 'cn_name:ZHANG Xiaoming']],
    ['患者 龚 艳 复诊', ['cn_name:龚 艳']],
    ['QQ：12345678 微信: zhang_wei88 住院号 ZY2024001234 社保卡号A12345678', ['qq_number:12345678', 'wechat_id:zhang_wei88', 'medical_record_no:ZY2024001234', 'social_security_no:A12345678']],
    ['HKID D672410(9) 台湾 A123456789 回乡证H12345678 护照E12345678', ['hk_id:D672410(9)', 'tw_id:A123456789', 'hk_macau_permit:H12345678', 'cn_passport:E12345678']],
    ['MAC 3c:22:fb:12:34:56 IMEI 490154203237518 位置 39.90421,116.40739', ['mac_address:3c:22:fb:12:34:56', 'imei:490154203237518', 'gps_coordinate:39.90421,116.40739']],
    ['永久居留证911156199003071239', ['cn_foreign_permanent_id:911156199003071239']],
    ['家住河西区梅江花园3栋2单元501室，电话022-23456789', ['cn_address:河西区梅江花园3栋2单元501室', 'cn_landline:022-23456789']],
    ['送到华苑小区1-5-1202', ['cn_address:华苑小区1-5-1202']],
    ['津A12345 车辆', ['cn_plate:津A12345']],
  ]; // prettier-ignore
  itFinds(cases);

  describe('encoded and nested forms (each span is the whole encoded token)', () => {
    const encoded: [string, string[]][] = [
      ['{"name":"\\u5f20\\u4f1f","idcard":"11010519491231002X","qq":"12345678"}', ['cn_name:\\u5f20\\u4f1f', 'cn_resident_id:11010519491231002X', 'qq_number:12345678']],
      [Buffer.from('11010519491231002X').toString('base64'), ['cn_resident_id:MTEwMTA1MTk0OTEyMzEwMDJY']],
      [`证件 ${Buffer.from('电话13812345678').toString('base64')} 已核对`, [`cn_mobile:${Buffer.from('电话13812345678').toString('base64')}`]],
      [Buffer.from('13812345678').toString('hex'), [`cn_mobile:${Buffer.from('13812345678').toString('hex')}`]],
      [encodeURIComponent('患者张伟电话13812345678'), [`cn_name:${encodeURIComponent('张伟')}`, 'cn_mobile:13812345678']],
      ['1.10105194912310E+17', ['cn_resident_id:1.10105194912310E+17']],
      ['1.3812345678E+10', ['cn_mobile:1.3812345678E+10']],
    ]; // prettier-ignore
    itFinds(encoded);
  });

  describe('disguises beyond the issue (numerals, look-alikes, reversal, punctuation, written-out e-mails)', () => {
    const disguised: [string, string[]][] = [
      ['电话一三八一二三四五六七八', ['cn_mobile:一三八一二三四五六七八']],
      ['手机幺三八 幺二三四 五六七八', ['cn_mobile:幺三八 幺二三四 五六七八']],
      ['身份证一一〇一〇五一九四九一二三一〇〇二X', ['cn_resident_id:一一〇一〇五一九四九一二三一〇〇二X']],
      ['壹叁捌壹贰叁肆伍陆柒捌', ['cn_mobile:壹叁捌壹贰叁肆伍陆柒捌']],
      ['１３8１２34５６７８', ['cn_mobile:１３8１２34５６７８']],
      ['١٣٨١٢٣٤٥٦٧٨', ['cn_mobile:١٣٨١٢٣٤٥٦٧٨']],
      ['१३८१२३४५६७८', ['cn_mobile:१३८१२३४५६७८']],
      ['11010519491231002Х', ['cn_resident_id:11010519491231002Х']],
      ['zhаngwei@qq.com', ['email:zhаngwei@qq.com']],
      ['电话l38l2345678', ['cn_mobile:l38l2345678']],
      ['1381234567O', ['cn_mobile:1381234567O']],
      ['身份证倒写X20013219491501011', ['cn_resident_id:X20013219491501011']],
      ['138,1234,5678', ['cn_mobile:138,1234,5678']],
      ['138/1234/5678', ['cn_mobile:138/1234/5678']],
      ['1|3|8|1|2|3|4|5|6|7|8', ['cn_mobile:1|3|8|1|2|3|4|5|6|7|8']],
      ['1,1,0,1,0,5,1,9,4,9,1,2,3,1,0,0,2,X', ['cn_resident_id:1,1,0,1,0,5,1,9,4,9,1,2,3,1,0,0,2,X']],
      ['6228*4849*7901*9071', ['bank_card:6228*4849*7901*9071']],
      ['(138)1234-5678', ['cn_mobile:(138)1234-5678']],
      ['回电(+86)13812345678', ['cn_mobile:(+86)13812345678']],
      ['+86-22-2345-6789', ['cn_landline:+86-22-2345-6789']],
      ['0086 22 23456789', ['cn_landline:0086 22 23456789']],
      ['zhangwei at qq dot com', ['email:zhangwei at qq dot com']],
      ['邮箱zhangwei[at]qq.com', ['email:zhangwei[at]qq.com']],
      ['zhangwei(at)163(dot)com', ['email:zhangwei(at)163(dot)com']],
      ['12345678#qq.com', ['email:12345678#qq.com']],
      ['zhangwei艾特qq.com', ['email:zhangwei艾特qq.com']],
      ['zhangwei@qq点com', ['email:zhangwei@qq点com']],
      ['zhangwei @ qq.com', ['email:zhangwei @ qq.com']],
      ['{"11010519491231002X":{"visits":3}}', ['cn_resident_id:11010519491231002X']],
      ['{"张伟":{"visits":3}}', ['cn_name:张伟']],
      ['{"q":"%E8%BA%AB%E4%BB%BD%E8%AF%81%2011010519491231002X"}', ['cn_resident_id:11010519491231002X']],
      ['{"t":"313130313035313934393132333130303258"}', ['cn_resident_id:313130313035313934393132333130303258']],
      ['Patient 张伟, phone +86 138 1234 5678.', ['cn_name:张伟', 'cn_mobile:+86 138 1234 5678']],
      ['Please call 王芳 (self).', ['cn_name:王芳']],
      ['。黄振家先生要求开具发票', ['cn_name:黄振家']],
      ['李建国同志于南京路5号登记', ['cn_name:李建国', 'cn_address:南京路5号']],
      ['于锦绣江南18-5-464登记', ['cn_address:锦绣江南18-5-464']],
      ['寄往永川区金地格林小镇22-4-805', ['cn_address:永川区金地格林小镇22-4-805']],
    ]; // prettier-ignore
    itFinds(disguised);
  });

  describe('leaves ordinary values alone', () => {
    const negatives = [
      '华法林', '甘露醇', '黄体酮', '柴胡', '心血管内科', '皮肤科', '订单号DD2024010112345678', 'SKU-12345-RED',
      '6901234567892', '550e8400-e29b-41d4-a716-446655440000', '12345678-1234-1234-1234-123456789012',
      'd41d8cd98f00b204e9800998ecf8427e', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', '2024-01-01 12:30:45',
      '1704067200123', '¥1,234.50', '金额12345.67元', '发热3天，体温38.5度', '第3号床', '3楼2号诊室',
      '服用阿司匹林100mg', 'Long Term Care', '版本 v1.2.3',
      '9854,300,13,4748,2,6546', '12,305,77,1,9', '血压130/80mmHg', '2024/03/05 14:30', '¥12,345,678.90',
      '一二三四五六七八九十', '二〇二四年三月五日', '一五一十地说', 'Hello 123456', 'COOL 100', 'OIL 1000000',
      'meet at home', 'issue #123.com', 'C#.net', 'look at the data.com file',
    ]; // prettier-ignore
    for (const text of negatives)
      it(`finds nothing in ${text}`, () => expect(spans(text)).to.deep.equal([]));
  });

  it('reports only the requested kinds', () => {
    const found = findIdentifierSpans('张先生 13812345678 11010519491231002X', {
      kinds: ['cn_mobile'],
    });
    expect(found.map((s) => s.kind)).to.deep.equal(['cn_mobile']);
  });

  it('a birth date after todayYmd is not a resident ID when today is given', () => {
    const id = '120104202701011233';
    expect(findIdentifierSpans(id).map((s) => s.kind)).to.deep.equal(['cn_resident_id']);
    expect(findIdentifierSpans(id, { todayYmd: 20261127 }).map((s) => s.kind)).to.not.include(
      'cn_resident_id',
    );
  });

  it('takes the column header as a label: a bare QQ number under "QQ号"', () => {
    expect(findIdentifierSpans('12345678').length).to.equal(0);
    expect(findIdentifierSpans('12345678', { context: 'QQ号' }).map((s) => s.kind)).to.deep.equal([
      'qq_number',
    ]);
  });

  it('spans never overlap and are sorted', () => {
    const text =
      '张伟 13812345678 11010519491231002X 张伟@qq.com 6228484979019071 022-41612321 津A12345';
    const found = findIdentifierSpans(text);
    for (let i = 1; i < found.length; i++) expect(found[i].start).to.be.at.least(found[i - 1].end);
  });

  it('every kind has a typed placeholder', () => {
    for (const kind of IDENTIFIER_KINDS)
      expect(KIND_LABELS[kind as IdentifierKind].placeholder).to.match(/^〔.+〕$/);
    expect(KIND_LABELS.cn_resident_id.placeholder).to.equal('〔身份证号〕');
    expect(KIND_LABELS.cn_mobile.placeholder).to.equal('〔手机号〕');
    expect(KIND_LABELS.cn_name.placeholder).to.equal('〔姓名〕');
    expect(KIND_LABELS.cn_address.placeholder).to.equal('〔地址〕');
  });

  it('does not hang on pathological input (each of 100–200k characters in under 15 s even on a machine loaded 30 deep; the quadratic cases this guards took 60–250 s)', function () {
    this.timeout(300_000);
    const inputs = [
      '1 '.repeat(100_000),
      '1'.repeat(200_000),
      'a@'.repeat(100_000),
      'QQ-'.repeat(60_000),
      `${'a'.repeat(200_000)}=`,
      '3'.repeat(50_000) + '.' + '4'.repeat(50_000),
      '路1号'.repeat(50_000),
      '患者'.repeat(100_000),
      '先生'.repeat(100_000),
      '%E5'.repeat(60_000),
      `{"a":${'['.repeat(10_000)}`,
      '\u200b'.repeat(200_000),
      'Zhang '.repeat(40_000),
      '-'.repeat(100_000) + '1',
      'a:'.repeat(100_000),
      '1a'.repeat(100_000),
      '号1'.repeat(100_000),
      '1-'.repeat(100_000),
      'MTEw'.repeat(50_000),
      '一'.repeat(200_000),
      '1,'.repeat(100_000),
      'O1'.repeat(100_000),
      'a at '.repeat(40_000),
      'a.'.repeat(100_000) + '@',
      '#a.'.repeat(60_000),
    ];
    for (const input of inputs) {
      const started = performance.now();
      findIdentifierSpans(input);
      expect(performance.now() - started, input.slice(0, 12)).to.be.below(15_000);
    }
  });

  describe('identifiers written to dodge a filter', () => {
    const dodges: [string, string[]][] = [
      ['加v：zhang_wei88详聊', ['wechat_id:zhang_wei88']],
      ['微：wxid_2dr2tle8dm', ['wechat_id:wxid_2dr2tle8dm']],
      ['微wxid_d8dqgmudf2xilq', ['wechat_id:wxid_d8dqgmudf2xilq']],
      ['威信sunny_efvue。', ['wechat_id:sunny_efvue']],
      ['联系人张·伟，已回访', ['cn_name:张·伟']],
      ['联系人欧阳•修文，已回访', ['cn_name:欧阳•修文']],
      ['证件110105😀19491231😀002X（已核验）', ['cn_resident_id:110105😀19491231😀002X']],
      ['手机138🔥1234🔥5678', ['cn_mobile:138🔥1234🔥5678']],
      ['香港身份证号D6724109已登记', ['hk_id:D6724109']],
      ['编号110a105b194c912d310e02X。', ['cn_resident_id:110a105b194c912d310e02X']],
    ]; // prettier-ignore
    itFinds(dodges);

    // A one-letter label needs its colon; the same words without one stay ordinary text.
    const ordinary = [
      '已升级至v3.2.1版本',
      '微量元素12345678',
      '微创手术2024',
      'd41d8cd98f00b204e9800998ecf8427e',
    ];
    for (const text of ordinary)
      it(`finds nothing in ${JSON.stringify(text)}`, () => expect(spans(text)).to.deep.equal([]));

    it('does not read a header with a v in it as a WeChat label', () =>
      expect(findIdentifierSpans('zhang_wei88', { context: 'value' })).to.deep.equal([]));
  });
});
