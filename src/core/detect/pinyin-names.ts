// Chinese names written in pinyin (Zhang Wei, ZHANG Wei, Wei Zhang, Ouyang Xiaoming, Zhang Xiao-Ming).

/** Every toneless Hanyu Pinyin syllable (ü written v), the units a romanized given name is made of. */
const SYLLABLES = new Set(
  (
    'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ' +
    'ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui ' +
    'chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ' +
    'ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan ' +
    'gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen ' +
    'heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju ' +
    'juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai ' +
    'lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu lv luan lve lun luo ' +
    'ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne ' +
    'nei nen neng ni nian niang niao nie nin ning niu nong nou nu nv nuan nve nuo o ou pa pai pan pang ' +
    'pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu ' +
    'qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se ' +
    'sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun ' +
    'shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu ' +
    'tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu ' +
    'xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei ' +
    'zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang ' +
    'zhui zhun zhuo zi zong zou zu zuan zui zun zuo'
  ).split(' '),
);

/**
 * Surnames as romanized: the commonest ~150 in Hanyu Pinyin (lü as lv and lu), the compound
 * ones written as one word, and the Hong Kong and Macau spellings (Chan, Wong, Cheung, Lau…).
 */
const SURNAMES = new Set(
  (
    'wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie ' +
    'song tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai du ye cheng su wei lv lu ' +
    'ding ren shen yao cui zhong tan jin shi liao jia xia fu fang bai zou meng xiong qin qiu yin xue yan ' +
    'duan lei hou long tao gu mao hao gong shao wan qian dai mo kong xiang chang kang wen niu qi ge geng ' +
    'guan zhan bao ji kou ou lan mei miao yi ai an bi bian cen chai chu cong di fan gan hong hua ' +
    'jiao jing ju lai lian ling lou man mu nie ning pang pei pu qiao qu rao rong ruan sang sha shang ' +
    'shu si tong tu xi xin xing yue zang zhai zhuang zuo ' +
    'ouyang situ sima shangguan zhuge dongfang murong huangfu yuwen linghu xiahou ximen nangong duanmu ' +
    'chan wong cheung leung lau ng tsang kwok lam tse yip chow chiu lai mak fung tang lo au ho tam kwan ' +
    'siu wai yeung chu poon tsui ko chung hui choi lee'
  ).split(' '),
);

/** Lower-cased ASCII letters only, or undefined for any other character. */
function lowerLetters(token: string): string | undefined {
  let out = '';
  for (let i = 0; i < token.length; i++) {
    let c = token.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c < 97 || c > 122) return undefined;
    out += String.fromCharCode(c);
  }
  return out;
}

/** True when `word` (lower case) is 1–`max` pinyin syllables run together (xiaoming → xiao·ming). */
export function isPinyinSyllables(word: string, max: number): boolean {
  if (word.length === 0) return false;
  // reachable[i]: the smallest syllable count covering word[0, i).
  const reachable = new Array<number>(word.length + 1).fill(Infinity);
  reachable[0] = 0;
  for (let i = 0; i < word.length; i++) {
    if (reachable[i] >= max) continue;
    for (let length = 1; length <= 6 && i + length <= word.length; length++)
      if (SYLLABLES.has(word.slice(i, i + length)))
        reachable[i + length] = Math.min(reachable[i + length], reachable[i] + 1);
  }
  return reachable[word.length] <= max;
}

/** A token's case: Title (Zhang), UPPER (ZHANG), lower (zhang), or mixed. */
function caseOf(token: string): 'title' | 'upper' | 'lower' | 'mixed' {
  const first = token.charCodeAt(0);
  let upperRest = 0;
  for (let i = 1; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 65 && c <= 90) upperRest++;
  }
  const firstUpper = first >= 65 && first <= 90;
  if (upperRest === token.length - 1 && firstUpper && token.length > 1) return 'upper';
  if (upperRest === 0) return firstUpper ? 'title' : 'lower';
  return 'mixed';
}

/**
 * True when `surname` and `given` (one or two syllables, run together or joined by `-`) spell a
 * romanized Chinese name. `strictCase` (text) requires Zhang/ZHANG then Wei/WEI; otherwise
 * (a cell of a name column) any case goes.
 */
export function isPinyinFullName(surname: string, given: string, strictCase: boolean): boolean {
  const family = lowerLetters(surname);
  if (family === undefined || !SURNAMES.has(family)) return false;
  const parts = given.split('-');
  if (parts.length > 2) return false;
  let syllables = '';
  for (const part of parts) {
    const lower = lowerLetters(part);
    if (lower === undefined || lower.length === 0) return false;
    if (strictCase) {
      const partCase = caseOf(part);
      if (partCase !== 'title' && partCase !== 'upper') return false;
    }
    syllables += lower;
  }
  if (strictCase) {
    const familyCase = caseOf(surname);
    if (familyCase !== 'title' && familyCase !== 'upper') return false;
  }
  return isPinyinSyllables(syllables, parts.length === 2 ? 2 : 2);
}

/**
 * True for a whole value that is a romanized name: `Zhang Wei`, `ZHANG Wei`, `zhang wei`,
 * `Wei Zhang` (given name first), `Zhang Xiao Ming`, `Ouyang Xiaoming`, `Zhang, Wei`.
 */
export function isPinyinName(value: string): boolean {
  const tokens = value.split(/[\s,]+/).filter((t) => t.length > 0);
  if (tokens.length === 2)
    return (
      isPinyinFullName(tokens[0], tokens[1], false) || isPinyinFullName(tokens[1], tokens[0], false)
    );
  if (tokens.length === 3)
    return (
      isPinyinFullName(tokens[0], `${tokens[1]}-${tokens[2]}`, false) ||
      isPinyinFullName(tokens[2], `${tokens[0]}-${tokens[1]}`, false)
    );
  return false;
}
