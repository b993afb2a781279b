import { expect } from 'chai';
import { checkIdentifiersInHeaders } from '../../../../src/core/deid/gate/identifiers-in-headers.js';

describe('core/deid/gate identifiers in column names', () => {
  it('refuses a column named after a person (a pivoted export), naming the kinds', () => {
    expect(
      checkIdentifiersInHeaders(['visit_no', '张伟_13812345678', '患者王芳', '11010519491231002X']),
    ).to.deep.equal([
      { kind: 'identifier_in_header', column: '张伟_13812345678', identifierKinds: ['cn_mobile'] },
      { kind: 'identifier_in_header', column: '患者王芳', identifierKinds: ['cn_name'] },
      {
        kind: 'identifier_in_header',
        column: '11010519491231002X',
        identifierKinds: ['cn_resident_id'],
      },
    ]);
  });

  it('passes the headers of the fixture samples and the usual Chinese ones', () => {
    const headers = [
      'account_no', 'activation_date', 'address', 'age', 'amount_due_yuan', 'autopay_card', 'birth_date',
      'buyer_email', 'buyer_ip', 'buyer_mobile', 'buyer_name', 'customer_id', 'ev_plate', 'ev_vin',
      'id_number', 'landline', 'last_login_ipv6', 'msisdn', 'passport_no', 'patient_name', 'seller_uscc',
      'shipping_address', 'tracking_no', 'visit_date', 'visit_no', '姓名', '身份证号', '手机号', '联系电话',
      '家庭住址', '备注', '病历摘要', '客服记录', '就诊日期', '科室', '药品名称', '住院号', 'QQ号', '微信号',
    ]; // prettier-ignore
    expect(checkIdentifiersInHeaders(headers)).to.deep.equal([]);
  });
});
