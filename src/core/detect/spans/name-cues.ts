// Words around a name in text: cues before it (患者, 联系人) and titles after it (先生, 主任).

/** Words after which a name follows (患者张伟, 联系人：王秀英, 收货人 李娜). */
export const CUES = [
  '患者姓名', '病人姓名', '客户姓名', '姓名', '名字', '患者', '病人', '患儿', '病患', '联系人', '收货人',
  '收件人', '寄件人', '客户', '用户', '家属', '户主', '持卡人', '负责人', '法人代表', '法人', '员工', '经办人',
  '申请人', '投诉人', '来电人', '报案人', '监护人', '配偶', '丈夫', '妻子', '儿子', '女儿', '父亲',
  '母亲', '签字人', '委托人', '被保险人', '投保人', '受益人', '业主', '租户', '房东', '司机', '骑手',
  '快递员', '主治医师', '主治医生', '主管医生', '接诊医生', '责任护士', '医师', '签名', '产妇', '孕妇',
  '姓名为', '本人', '户名', '开户名', '开户人', '学生', '老人', '陪同人', '紧急联系人', '代理人', '介绍人',
  '联系', '核实', '转告', '告知', '通知', '致电', '确认', '回访', '探望', '陪同', '提供',
]; // prettier-ignore

/** Titles and forms of address written right after a surname or a full name. */
const TITLES = [
  '先生', '女士', '小姐', '老师', '医生', '大夫', '主任', '护士长', '护士', '经理', '同学', '师傅', '教授',
  '院长', '科长', '处长', '局长', '书记', '阿姨', '叔叔', '老板', '律师', '警官', '同志', '大爷', '大妈',
  '奶奶', '爷爷', '总监', '主管', '组长', '队长', '站长', '所长', '校长', '会计', '工程师', '专员',
]; // prettier-ignore

function firstCharIndex(words: readonly string[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const word of words) {
    const list = map.get(word.charCodeAt(0)) ?? [];
    list.push(word);
    map.set(word.charCodeAt(0), list);
  }
  for (const list of map.values()) list.sort((a, b) => b.length - a.length);
  return map;
}

export const CUES_BY_FIRST = firstCharIndex(CUES);
export const TITLES_BY_FIRST = firstCharIndex(TITLES);
export const CUE = 1;
export const TITLE = 2;
/** CUE and TITLE bits where a cue or a title may start: one typed-array load per character before any Map. */
export const STARTS_A_CUE_OR_TITLE: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of CUES_BY_FIRST.keys()) table[c] |= CUE;
  for (const c of TITLES_BY_FIRST.keys()) table[c] |= TITLE;
  return table;
})();

/** English words after which a Han name follows in mixed-language notes. */
export const ASCII_CUES = [
  'patient name', 'patient', 'name', 'contact', 'customer', 'client', 'caller', 'call', 'provided',
  'recipient', 'attn', 'mrs.', 'mrs', 'mr.', 'mr', 'ms.', 'ms', 'miss', 'dr.', 'dr',
]; // prettier-ignore

/**
 * 1 for a code unit that is the second of some cue or title (every one has two characters at
 * least): a cheap test before the words starting at a character are compared.
 */
export const SECOND_OF_CUE_OR_TITLE: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  for (const word of [...CUES, ...TITLES]) {
    if (word.length < 2) throw new Error(`a cue or title of one character: ${word}`);
    table[word.charCodeAt(1)] = 1;
  }
  return table;
})();

/** Longest romanized name part (Shangguan, Xiao-Ming): a longer word is not one, and is not read on. */
export const MAX_ROMANIZED_WORD = 12;
