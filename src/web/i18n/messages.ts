// Console wording in Chinese and English, side by side so neither language falls behind.
// Chinese terms follow the seed regulation (无条件共享, 有条件共享, 不予共享, 数据目录 …) and
// GB/T 37964 / GB/T 42460 (去标识化, 重标识风险).

export const MESSAGES = {
  'app.name': { zh: 'anonex 数据匿名化与交易网关', en: 'anonex anonymization and trading gateway' },
  'app.tagline': {
    zh: '仅交易经处理后无法识别特定个人且不能复原的数据（《天津市促进大数据发展应用条例》第二十九条）',
    en: 'Only data that cannot identify a specific person and cannot be restored is traded (Tianjin Big Data Regulations, Art. 29)',
  },
  'nav.home': { zh: '首页', en: 'Home' },
  'nav.review': { zh: '审核队列', en: 'Review queue' },
  'nav.datasets': { zh: '我的数据集', en: 'My datasets' },
  'nav.listings': { zh: '我的挂牌', en: 'My listings' },
  'nav.requests': { zh: '访问申请', en: 'Access requests' },
  'nav.catalog': { zh: '数据目录', en: 'Catalog' },
  'nav.entitlements': { zh: '我的授权', en: 'My entitlements' },
  'nav.ledger': { zh: '交易账本', en: 'Ledger' },
  'nav.signOut': { zh: '退出', en: 'Sign out' },
  'nav.skip': { zh: '跳到正文', en: 'Skip to content' },
  'nav.main': { zh: '主导航', en: 'Main navigation' },
  'lang.switch': { zh: 'English', en: '中文' },
  'lang.label': { zh: '切换语言', en: 'Switch language' },
  'signIn.title': { zh: '登录', en: 'Sign in' },
  'signIn.key': { zh: 'API 密钥', en: 'API key' },
  'signIn.keyHint': {
    zh: '管理员为您的成员账号签发的密钥（以 anx_ 开头）。密钥只用于换取会话，不会保存在浏览器中。',
    en: 'The key an administrator issued to your member account (starts with anx_). It is exchanged for a session and not kept in the browser.',
  },
  'signIn.submit': { zh: '登录', en: 'Sign in' },
  'signIn.failed': {
    zh: '密钥无效、已吊销或已过期。',
    en: 'The key is not valid, revoked or expired.',
  },
  'home.title': { zh: '工作台', en: 'Dashboard' },
  'home.signedInAs': { zh: '当前成员', en: 'Signed in as' },
  'home.organization': { zh: '所属机构', en: 'Organization' },
  'home.roles': { zh: '角色', en: 'Roles' },
  'role.provider': { zh: '数据提供方', en: 'Provider' },
  'role.buyer': { zh: '数据需求方', en: 'Buyer' },
  'role.reviewer': { zh: '合规审核员', en: 'Reviewer' },
  'role.admin': { zh: '交易所管理员', en: 'Exchange admin' },
  'error.title': { zh: '出错了', en: 'Something went wrong' },
  'error.notFound': { zh: '未找到该页面或对象。', en: 'That page or object was not found.' },
  'error.forbidden': { zh: '您的角色无权执行此操作。', en: 'Your role may not do this.' },
  'error.csrf': {
    zh: '表单已过期或来源不可信，请刷新后重试。',
    en: 'The form expired or came from an untrusted origin; reload and try again.',
  },
  'error.back': { zh: '返回', en: 'Back' },
  'common.none': { zh: '暂无', en: 'None yet' },
  'common.status': { zh: '状态', en: 'Status' },
  'common.submit': { zh: '提交', en: 'Submit' },
  'common.created': { zh: '创建时间', en: 'Created' },
  'common.actions': { zh: '操作', en: 'Actions' },
  'common.open': { zh: '查看', en: 'Open' },
  'common.yes': { zh: '是', en: 'Yes' },
  'common.no': { zh: '否', en: 'No' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageKey = keyof typeof MESSAGES;
