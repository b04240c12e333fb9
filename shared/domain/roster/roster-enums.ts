/**
 * Enumerations used in rosters, each value with the synonyms people actually type. Matching is on
 * compacted, lower-cased text (see {@link normalizeEnumText}).
 */
import { normalizeEnumText } from './text-normalize';

export interface EnumValue {
  readonly value: string;
  readonly synonyms: readonly string[];
}

export interface EnumDef {
  readonly id: EnumId;
  readonly label: string;
  readonly values: readonly EnumValue[];
}

export type EnumId =
  | 'sex'
  | 'politicalStatus'
  | 'education'
  | 'ethnicity'
  | 'postCategory'
  | 'qualification'
  | 'appraisalResult'
  | 'partyOrgType'
  | 'gridType'
  | 'gridStaffType'
  | 'gridRole'
  | 'gridStaffSource'
  | 'partyPost'
  | 'committeePost'
  | 'cadrePost'
  | 'yesNo';

function v(value: string, ...synonyms: string[]): EnumValue {
  return { value, synonyms };
}

/** 政治面貌, GB/T 4762-1984 (13 values). */
export const POLITICAL_STATUS: EnumDef = {
  id: 'politicalStatus',
  label: '政治面貌',
  values: [
    v('中共党员', '党员', '共产党员', '中国共产党党员', '正式党员', '中共正式党员'),
    v('中共预备党员', '预备党员', '中国共产党预备党员'),
    v('共青团员', '团员', '共青团', '中国共产主义青年团团员'),
    v('民革党员', '民革', '民革会员', '中国国民党革命委员会党员'),
    v('民盟盟员', '民盟', '中国民主同盟盟员'),
    v('民建会员', '民建', '中国民主建国会会员'),
    v('民进会员', '民进', '中国民主促进会会员'),
    v('农工党党员', '农工党', '农工民主党党员', '中国农工民主党党员'),
    v('致公党党员', '致公党', '中国致公党党员'),
    v('九三学社社员', '九三学社', '九三'),
    v('台盟盟员', '台盟', '台湾民主自治同盟盟员'),
    v('无党派人士', '无党派', '无党派民主人士'),
    v('群众', '普通群众', '居民'),
  ],
};

/** 学历 (proposal in domain.md (c)). */
export const EDUCATION: EnumDef = {
  id: 'education',
  label: '学历',
  values: [
    v('研究生', '博士', '硕士', '博士研究生', '硕士研究生', '研究生学历', '博士研究生学历', '硕士研究生学历', '在职研究生'),
    v('大学本科', '本科', '大本', '大学', '本科学历', '学士', '全日制本科'),
    v('大学专科', '专科', '大专', '高职', '大学专科学历', '专科学历', '高职高专'),
    v('中专/中技', '中专', '中技', '中专中技', '中等专科', '中等专业学校', '技校', '职高', '中职'),
    v('高中', '普通高中', '高中毕业'),
    v('初中及以下', '初中', '小学', '初中以下', '文盲', '半文盲', '无'),
  ],
};

const ETHNIC_NAMES = [
  '汉',
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
] as const;

/** 民族: the 56 names of GB/T 3304; the bare name ("汉", "回") is a synonym of "汉族", "回族". */
export const ETHNICITY: EnumDef = {
  id: 'ethnicity',
  label: '民族',
  values: ETHNIC_NAMES.map((name) => v(`${name}族`, name, ...(name === '蒙古' ? ['蒙'] : []))),
};

/** 岗位类别 of "四岗十八级" (domain.md (d)). */
export const POST_CATEGORY: EnumDef = {
  id: 'postCategory',
  label: '岗位类别',
  values: [
    v('正职', '社区正职', '正职岗', '正职岗位'),
    v('副职', '社区副职', '副职岗', '副职岗位'),
    v('专职委员', '社区专职委员', '专职委员岗'),
    v('工作人员', '其他工作人员', '社区工作人员', '一般工作人员', '工作人员岗', '专职工作人员', '社区专职工作者'),
  ],
};

export const SEX: EnumDef = {
  id: 'sex',
  label: '性别',
  values: [v('男', '男性', 'm', 'male'), v('女', '女性', 'f', 'female')],
};

export const QUALIFICATION: EnumDef = {
  id: 'qualification',
  label: '职业资格',
  values: [
    v('无', '没有', '未取得', '暂无'),
    v('助理社会工作师', '助理社工师', '初级社会工作师', '初级社工师', '初级'),
    v('社会工作师', '社工师', '中级社会工作师', '中级社工师', '中级'),
    v('高级社会工作师', '高级社工师', '高级'),
  ],
};

export const APPRAISAL_RESULT: EnumDef = {
  id: 'appraisalResult',
  label: '上年度考核结果',
  values: [v('优秀'), v('称职'), v('基本称职'), v('不称职'), v('合格'), v('不合格'), v('未考核', '无', '新入职')],
};

export const PARTY_ORG_TYPE: EnumDef = {
  id: 'partyOrgType',
  label: '党组织类型',
  values: [v('党委', '社区党委'), v('党总支', '社区党总支', '总支'), v('党支部', '社区党支部', '支部')],
};

export const GRID_TYPE: EnumDef = {
  id: 'gridType',
  label: '网格类型',
  values: [v('基础网格', '基础', '综合网格'), v('专属网格', '专属', '专业网格')],
};

export const GRID_STAFF_TYPE: EnumDef = {
  id: 'gridStaffType',
  label: '类型',
  values: [v('专职', '专职网格员', '全职'), v('兼职', '兼职网格员')],
};

export const GRID_ROLE: EnumDef = {
  id: 'gridRole',
  label: '网格角色',
  values: [v('网格长', '网格组长'), v('网格员', '专职网格员', '兼职网格员'), v('网格指导员', '指导员')],
};

export const GRID_STAFF_SOURCE: EnumDef = {
  id: 'gridStaffSource',
  label: '身份来源',
  values: [
    v('社区工作者', '社工', '社区干部'),
    v('党员', '中共党员', '在职党员'),
    v('楼院长', '楼栋长', '楼长', '院长'),
    v('志愿者'),
    v('物业人员', '物业', '物业公司'),
    v('退休干部', '退休人员', '离退休干部'),
    v('其他'),
  ],
};

export const PARTY_POST: EnumDef = {
  id: 'partyPost',
  label: '党组织职务',
  values: [
    v('书记', '党委书记', '党总支书记', '党支部书记', '党组织书记', '支部书记', '总支书记'),
    v('副书记', '党委副书记', '党总支副书记', '党支部副书记', '党组织副书记'),
    v('委员', '党委委员', '党总支委员', '党支部委员', '支委', '支部委员'),
    v('无', '-', '/', '—'),
  ],
};

export const COMMITTEE_POST: EnumDef = {
  id: 'committeePost',
  label: '居委会职务',
  values: [
    v('主任', '居委会主任', '居民委员会主任'),
    v('副主任', '居委会副主任', '居民委员会副主任'),
    v('委员', '居委会委员', '居民委员会委员'),
    v('无', '-', '/', '—'),
  ],
};

/** 认领岗位 of 下沉干部 / 在职党员 (8 categories, domain.md (c) 6). */
export const CADRE_POST: EnumDef = {
  id: 'cadrePost',
  label: '认领岗位',
  values: [
    v('组织建设', '组织建设岗'),
    v('法律咨询与援助', '法律咨询', '法律援助', '法律咨询与援助岗'),
    v('助困扶残与就业援助', '助困扶残', '就业援助', '助困扶残与就业援助岗'),
    v('社区治理', '社区治理岗'),
    v('健康医疗', '健康医疗岗', '医疗卫生'),
    v('文化体育', '文化体育岗', '文体'),
    v('安全宣传与治安巡逻', '安全宣传', '治安巡逻', '安全宣传与治安巡逻岗'),
    v('其他'),
  ],
};

export const YES_NO: EnumDef = {
  id: 'yesNo',
  label: '是/否',
  values: [v('是', 'y', 'yes', 'true', '1', '√', '✓', '✔', '有', '是的'), v('否', 'n', 'no', 'false', '0', '×', '✗', '无', '不是', '非')],
};

export const ENUMS: Readonly<Record<EnumId, EnumDef>> = {
  sex: SEX,
  politicalStatus: POLITICAL_STATUS,
  education: EDUCATION,
  ethnicity: ETHNICITY,
  postCategory: POST_CATEGORY,
  qualification: QUALIFICATION,
  appraisalResult: APPRAISAL_RESULT,
  partyOrgType: PARTY_ORG_TYPE,
  gridType: GRID_TYPE,
  gridStaffType: GRID_STAFF_TYPE,
  gridRole: GRID_ROLE,
  gridStaffSource: GRID_STAFF_SOURCE,
  partyPost: PARTY_POST,
  committeePost: COMMITTEE_POST,
  cadrePost: CADRE_POST,
  yesNo: YES_NO,
};

const lookupCache = new WeakMap<EnumDef, Map<string, string>>();

function lookupFor(def: EnumDef): Map<string, string> {
  let map = lookupCache.get(def);
  if (!map) {
    map = new Map();
    for (const entry of def.values) {
      map.set(normalizeEnumText(entry.value), entry.value);
      for (const syn of entry.synonyms) {
        const key = normalizeEnumText(syn);
        if (!map.has(key)) map.set(key, entry.value);
      }
    }
    lookupCache.set(def, map);
  }
  return map;
}

/**
 * Matches typed text against an enumeration. Returns the canonical value or null. Brackets and a
 * trailing "学历"/"岗" are tolerated by the synonym lists rather than by fuzzy matching, so an unknown
 * value is always reported instead of guessed.
 */
export function matchEnum(def: EnumDef, raw: string): string | null {
  // Most cells hold a canonical value or synonym exactly as listed.
  const direct = lookupFor(def).get(raw);
  if (direct !== undefined) return direct;
  const key = normalizeEnumText(raw);
  if (key === '') return null;
  return lookupFor(def).get(key) ?? lookupFor(def).get(key.replace(/[()（）]/g, '')) ?? null;
}

/** The canonical values, e.g. for a dropdown list in an import template. */
export function enumValues(def: EnumDef): string[] {
  return def.values.map((e) => e.value);
}

/** True for 中共党员 and 中共预备党员. */
export function isCpcMember(political: string | null | undefined): boolean {
  return political === '中共党员' || political === '中共预备党员';
}

/** True for 大学专科 and above (E3: 大专及以上). */
export function isCollegeOrAbove(education: string | null | undefined): boolean {
  return education === '研究生' || education === '大学本科' || education === '大学专科';
}
