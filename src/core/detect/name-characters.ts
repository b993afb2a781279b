// Characters common in given names, and characters that end a name in running text (因, 说, 于…).

/**
 * Characters frequent in given names (male and female, several generations). Used to decide
 * whether a third character after a surname belongs to the name (李明辉说) or not (张伟发热): a
 * plausibility list, not a closed one; the name rules never require it of a two-character name.
 */
export const GIVEN_NAME_CHARACTERS = new Set(
  Array.from(
    '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰华飞玉萍红鹏辉建国文斌宇浩凯健俊帆帅旭宁龙林' +
      '振志博晨子然峰亮成海东梅琳燕雪婷慧莉欣悦怡佳颖琪雨涵可馨思晶倩月瑶晓露鑫波金荣春秋冬立新永德' +
      '生福贵祥清云山松庆礼义仁忠孝信安康寿喜乐美玲琴珍珠凤翠莲菊竹彩娇婉媛妍妮婕嘉璐瑾璇琦瑞祺锦绮' +
      '蕾蓉薇萱茜莹菲芸芬芝蓓蕊丹岚虹彤童心诗语梦若依伊雅毅保力世广兴良胜学才发武利彬富顺昌星光天达' +
      '岩中茂进有坚和彪诚先敬震壮会群豪邦承绍功善厚民友裕河哲江政谦亨奇固之翰朗伯宏言鸣朋梁栋维启克' +
      '伦翔泽辰士以家致树炎行时泰盛雄琛钧冠策腾楠榕风航弘轩睿铭晗昊烨煜皓泓霖瀚熙骏晟锐彦奕逸远凡鸿' +
      '卫兵继长万玮珺琼瑜璟珂瑛琬璞珏淑娴婧妤嫣姝姗娅婵媚姣娥嫦秀芙蓉荷莎苗蓝青碧翠芊萌蔚蕙香馥兰' +
      '爱惠贤淑良巧影月灵怡宜谊仪倪珊秀丽颖洁晴晶莹霏霓雯韵音乐歌舞笑欢宝贝珍妙玄素清澄淳润泉涓溪' +
      '海洲洪涌浪潇湘沛沁汐淼鹤鹏鹰燕鸥雁麟骐驰骁骥豹虎彪熊狮凌霄云天宇宙乾坤日月星辰阳昕晖曦旺昱晔' +
      '景晋颂歆欣怀恒悦惟慕愉宪宗宜容寒宸实宣富宁宽寿尧尚峻崇嵘岳峥巍川州帆希平年幸庆康廷建彬彰德' +
      '志忠恩慈惠慧憬戈成战才扬振捷敏敦文斐斌新方旭昆昌明易昭晋晨智曜曼朗望朝本杉材杰松林果枫柏柯' +
      '桐梓森楷樟正武殿毅民永江池沐治泰洋浩涛淮深清渊源溢滨潮澜濮瀚炜烨焕煌照熠燊爽牧特犇玉王环珏',
  ),
);

/**
 * Characters that, right after a name in a sentence, mark where it ended: prepositions, verbs of
 * reporting and visiting, time words, particles (患者张伟因…, 李明辉说…, 王芳今日…). A name's last
 * character is rarely one of these.
 */
export const AFTER_NAME_CHARACTERS = new Set(
  Array.from(
    '因于在说来到的了和与及等称表示入主诉性男女岁今昨日年从自被把向对为是已曾述诊就去回给让叫请将' +
      '也都还又才只而但或即便该此每各某有能后查过经同跟由以其之这那不没未无要会可想打拨电手身住现家' +
      '反映投咨询办理联系患病医护签收寄发送取做看复急检验术院科室床号证卡码先姐经总同',
  ),
);

/**
 * Surname characters that are also frequent function words (和 and, 于 at, 向 towards…): a name
 * candidate starting with one, followed by another surname, more likely starts one character on
 * (和王伟先生 → 王伟).
 */
export const FUNCTION_WORD_SURNAMES = new Set(
  Array.from('和于向从时全平有能那后相查过经同由以其万常'),
);
