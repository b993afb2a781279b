// The reasons a policy is refused (issue 17), one per reason code of src/core/errors.ts, in Chinese
// and English; spread into MESSAGES. YAML keys and transform names stay as written in the policy
// (a policy is written in them whatever the page's language).

export const POLICY_MESSAGES = {
  'issue.policy_yaml_syntax': {
    zh: 'YAML 格式有误，无法读取（请检查缩进、冒号和括号）。',
    en: 'The YAML cannot be read here (check the indentation, colons and brackets).',
  },
  'issue.policy_yaml_alias': {
    zh: '策略中不允许使用 YAML 别名（*名称），请直接写出取值。',
    en: 'YAML aliases (*name) are not allowed in a policy; write the value out.',
  },
  'issue.policy_transform_shape': {
    zh: '每一步变换应写成一个变换名，或只含一个变换名的映射。',
    en: 'Write each transform step as a transform name or a map with one transform name.',
  },
  'issue.policy_unknown_transform': {
    zh: '没有名为“{name}”的变换。',
    en: 'There is no transform “{name}”.',
  },
  'issue.policy_not_increasing': {
    zh: '各数值须严格递增。',
    en: 'The values must increase strictly.',
  },
  'issue.policy_bounds': {
    zh: '请给出下限 bottom、上限 top 或两者，且下限小于上限。',
    en: 'Give bottom, top or both, with bottom below top.',
  },
  'issue.policy_unknown_identifier_kind': {
    zh: '不是已知的标识符类型。',
    en: 'Not a known identifier kind.',
  },
  'issue.policy_date_format': {
    zh: '日期请写成 YYYY-MM-DD。',
    en: 'Write the date as YYYY-MM-DD.',
  },
  'issue.policy_hierarchy_needs_level': {
    zh: '使用泛化层级（hierarchy）时须给出层级 level。',
    en: 'A hierarchy needs a level.',
  },
  'issue.policy_level_needs_hierarchy': {
    zh: '给出层级 level 时须同时给出泛化层级（hierarchy）。',
    en: 'A level needs a hierarchy.',
  },
  'issue.policy_needs_sensitive': {
    zh: '“{column}”须是角色为 sensitive（敏感属性）的字段。',
    en: '“{column}” must be a column with role sensitive.',
  },
  'issue.policy_recursive_needs_c': {
    zh: '递归 (c,l)-多样性须给出 c。',
    en: 'Recursive l-diversity needs c.',
  },
  'issue.policy_automatic_needs_k': {
    zh: '自动泛化须给出 privacy.k。',
    en: 'Automatic generalization needs privacy.k.',
  },
  'issue.policy_after_drop': {
    zh: '删除（drop）之后不能再有其他步骤。',
    en: 'Nothing can follow drop.',
  },
  'issue.policy_derive_last': {
    zh: '派生（derive）会删去原字段，须是最后一步。',
    en: 'derive drops the column: it must be the last step.',
  },
  'issue.policy_age_band_year': {
    zh: '派生年龄段 age_band 须给出参考年份 reference_year（年龄随时间变化，由策略固定年份）。',
    en: 'derive age_band needs reference_year (ages change; the policy fixes the year).',
  },
  'issue.policy_level_auto_manual': {
    zh: '层级 level: auto 须配合自动泛化（generalization: auto 或 mondrian）。',
    en: 'level auto needs generalization: auto (or mondrian).',
  },
  'issue.policy_scrub_needs_text': {
    zh: '清洗（scrub）只用于自由文本：请将该字段角色设为 text。',
    en: 'scrub works on free text: give the column role text.',
  },
  'issue.policy_text_unscrubbed': {
    zh: '挂牌策略中的自由文本字段须清洗（transform: scrub）或删除。',
    en: 'A text column in a listing policy must be scrubbed (transform: scrub) or dropped.',
  },
  'issue.policy_identifier_untransformed': {
    zh: '挂牌策略中的标识符须经处理（删除、假名化、掩码、派生等）。',
    en: 'An identifier in a listing policy needs a transform (drop, pseudonym, mask, derive…).',
  },
  'issue.policy_reversible_step': {
    zh: '字段“{column}”的步骤 {step} 可复原，挂牌数据不得能够复原（第二十九条）。',
    en: 'Column “{column}”: step {step} is reversible (Art. 29: data must not be restorable).',
  },
  'issue.policy_unnamed_column': {
    zh: '策略未提及字段“{column}”：挂牌模式拒绝未列明的字段。',
    en: 'The policy does not name column “{column}”: a listing refuses what it does not name.',
  },
  'issue.policy_hierarchy_unreadable': {
    zh: '泛化层级文件无法读取，或不在 policies/ 目录下。',
    en: 'A hierarchy file cannot be read or lies outside policies/.',
  },
} as const;
