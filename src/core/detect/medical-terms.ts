// Drug, herb and medical words that begin with a surname character and so look like names (华法林, 柴胡).

/**
 * Common medicines and Chinese herbal drugs of 2–4 characters whose first character is a
 * surname and whose other characters could be a given name: a column of them matched cn_name
 * at 24 % and blocked a release. Longer drug names (阿莫西林胶囊) are not names by length.
 */
export const MEDICAL_WORDS: ReadonlySet<string> = new Set([
  // Western medicines (transliterations and common names).
  '华法林', '甘露醇', '黄体酮', '利福平', '安定', '利血平', '强的松', '安乃近', '康泰克', '司可林',
  '洛贝林', '罗红霉素', '蒙脱石', '明胶', '尼可刹米', '阿托品', '吗啡', '芬太尼', '杜冷丁',
  '利多卡因', '普鲁卡因', '卡托普利', '贝那普利', '培哚普利', '洛伐他汀', '辛伐他汀', '甘油',
  '叶酸', '维生素', '葡萄糖', '甘精胰岛素', '米索前列醇', '雷尼替丁', '法莫替丁', '西咪替丁',
  '奥美拉唑', '甲硝唑', '替硝唑', '左旋多巴', '多巴胺', '毛花苷丙', '地高辛', '呋塞米', '安体舒通',
  '螺内酯', '华素片', '金霉素', '红霉素', '青霉素', '庆大霉素', '万古霉素', '林可霉素', '黄连素',
  '鱼肝油', '钙尔奇', '曲马多', '布洛芬', '安宫牛黄丸', '云南白药', '牛黄解毒片', '藿香正气水',
  '连花清瘟', '板蓝根', '双黄连', '蒲地蓝', '金嗓子', '江中', '舒肝', '宁心', '益母草',
  // Chinese herbal drugs (中药材) that read as surname + given name.
  '柴胡', '甘草', '陈皮', '黄芪', '黄芩', '黄连', '黄柏', '黄精', '杜仲', '连翘', '桂枝', '麻黄',
  '田七', '牛黄', '牛膝', '石膏', '石斛', '龙骨', '龙胆', '葛根', '秦艽', '桑叶', '桑枝', '桑白皮',
  '薄荷', '党参', '白术', '白芍', '白芷', '白及', '白果', '丁香', '艾叶', '苏木', '苏叶', '苏子',
  '车前子', '车前草', '蒲公英', '蒲黄', '何首乌', '罗汉果', '贝母', '麦冬', '麦芽', '荆芥', '金银花',
  '金钱草', '余甘子', '吴茱萸', '常山', '沙参', '苍术', '乌药', '乌梅', '巴戟天', '红花', '夏枯草',
  '钟乳石', '马齿苋', '马勃', '马钱子', '鹿茸', '阿胶', '山药', '山楂', '山茱萸', '羌活', '独活',
  '防风', '天麻', '当归', '川芎', '茯苓', '半夏', '丹参', '玄参', '人参', '西洋参', '太子参',
  '黄芪片', '金刚', '全蝎', '蜈蚣', '水蛭', '地龙', '僵蚕', '蝉蜕', '熊胆', '牛蒡子', '苦参', '甘松',
  '高良姜', '干姜', '生姜', '大枣', '枸杞', '菊花', '桔梗', '杏仁', '桃仁', '厚朴', '枳实', '木香',
  '胡椒', '花椒', '姜黄', '郁金', '莪术', '三七', '雷公藤', '钩藤', '鸡血藤', '伏龙肝', '冬虫夏草',
  '虞美人', '商陆', '寿胎丸', '宁神', '安神',
  // Medical words outside departments that start with a surname character.
  '康复', '华佗', '扁鹊', '门诊', '急诊', '房颤', '常规', '单纯', '伍用', '麻醉', '查体', '谷丙',
  '谷草', '甘油三酯', '白蛋白', '白细胞', '红细胞', '血小板', '房室', '窦性',
]); // prettier-ignore

/**
 * Characters that end drug and chemical names (-ol 醇, -one 酮, -amine 胺, ester 酯, -azole 唑,
 * -azine 嗪, -idine 啶, glycoside 苷, peptide 肽, enzyme 酶, -mycin 霉, salts 钠 钾 钙 镁 锌, base 碱,
 * phenol 酚, alkane 烷, alkene 烯, aldehyde 醛, ether 醚, acyl 酰, urea 脲, -statin 汀, -fen 芬,
 * dosage forms 丸 片 囊 栓 浆 膏 粒) and that almost no given name uses.
 */
export const DRUG_CHARACTERS =
  '醇酮胺酯唑嗪啶苷肽酶霉钠钾钙镁锌碱酚烷烯醛醚酰脲汀芬丸片囊栓浆膏粒酊';
