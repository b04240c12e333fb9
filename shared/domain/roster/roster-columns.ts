/**
 * Column definitions of the six roster types (domain.md (c)): stable ASCII keys, the canonical
 * Chinese header, the header synonyms found in real files, type, required flag and template hints.
 * Import, validation, export and templates are all driven by these definitions.
 */
import type { EnumId } from './roster-enums';

export const ROSTER_TYPES = ['communities', 'grids', 'workers', 'grid-staff', 'committee', 'cadres'] as const;
export type RosterType = (typeof ROSTER_TYPES)[number];

export type FieldType =
  | 'text'
  | 'code'
  | 'personName'
  | 'idCard'
  | 'phone'
  | 'mobile'
  | 'date'
  | 'dateRange'
  | 'int'
  | 'decimal'
  | 'enum'
  | 'bool'
  | 'grade'
  | 'community'
  | 'grid'
  | 'grids';

export interface ColumnDef {
  /** Stable ASCII key (record field, DB mapping, remembered mappings). */
  readonly key: string;
  /** Canonical Chinese header, used in templates, exports and messages. */
  readonly label: string;
  /** Other headers seen in real files (matched after header normalisation). */
  readonly synonyms: readonly string[];
  readonly type: FieldType;
  readonly required: boolean;
  readonly enumId?: EnumId;
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  /** One line for the template's instructions sheet. */
  readonly hint?: string;
  /** Width in characters for exports/templates. */
  readonly width?: number;
  /**
   * A date column that holds a year and a month (出生年月): an Excel date on the 1st is a month
   * shown with a month format (1975-11, 1975年11月), not a claim about the day.
   */
  readonly monthOnly?: boolean;
}

export interface SheetDef {
  /** 'main' for the roster's primary sheet; grids also have 'groups' (小组/楼院). */
  readonly key: 'main' | 'groups';
  readonly label: string;
  /** Sheet names that identify this sheet when a workbook has several. */
  readonly sheetNameHints: readonly string[];
  readonly columns: readonly ColumnDef[];
  /** Keys that identify a record within a file (duplicates are errors). */
  readonly identity: readonly string[];
  /** An optional sheet may be absent from a file. */
  readonly optional: boolean;
}

export interface RosterDef {
  readonly type: RosterType;
  readonly label: string;
  readonly sheets: readonly SheetDef[];
}

function col(
  key: string,
  label: string,
  type: FieldType,
  required: boolean,
  synonyms: readonly string[] = [],
  extra: Partial<Omit<ColumnDef, 'key' | 'label' | 'type' | 'required' | 'synonyms'>> = {},
): ColumnDef {
  return { key, label, type, required, synonyms, ...extra };
}

const ID_SYNONYMS = [
  '身份证号码',
  '公民身份号码',
  '身份证',
  '身份证件号码',
  '公民身份证号码',
  '证件号码',
  '身份证编号',
  '居民身份证号码',
  '居民身份证号',
];
const NAME_SYNONYMS = ['名字', '人员姓名'];
const SEX_SYNONYMS = ['男/女'];
const BIRTH_SYNONYMS = ['出生日期', '出生年月日', '生日', '出生时间'];
const EDU_SYNONYMS = ['文化程度', '最高学历', '全日制学历', '学历学位'];
const POLITICAL_SYNONYMS = ['政治身份'];
const COMMUNITY_SYNONYMS = ['所属社区', '社区', '社区名称', '所在社区', '工作社区', '社区(居委会)'];

function personColumns(options: { idRequired: boolean; sexBirth: boolean }): ColumnDef[] {
  const columns = [
    col('name', '姓名', 'personName', true, NAME_SYNONYMS, { maxLength: 20, width: 10, hint: '2–20 个字，少数民族姓名中间的点写作“·”' }),
    col('idNumber', '身份证号', 'idCard', options.idRequired, ID_SYNONYMS, {
      width: 22,
      hint: '18 位，必须设为文本格式；末位 x 会自动转为大写 X',
    }),
  ];
  if (options.sexBirth) {
    columns.push(
      col('sex', '性别', 'enum', false, SEX_SYNONYMS, {
        enumId: 'sex',
        width: 6,
        hint: '可不填，按身份证号自动得出；填写时须与身份证号一致',
      }),
      col('birthDate', '出生年月', 'date', false, BIRTH_SYNONYMS, {
        monthOnly: true,
        width: 12,
        hint: '可不填，按身份证号自动得出；如 1990-01 或 1990年1月',
      }),
    );
  }
  return columns;
}

const COMMUNITIES: RosterDef = {
  type: 'communities',
  label: '社区基本情况',
  sheets: [
    {
      key: 'main',
      label: '社区基本情况',
      sheetNameHints: ['社区基本情况', '社区', '基本情况'],
      identity: ['name'],
      optional: false,
      columns: [
        col(
          'name',
          '社区名称',
          'text',
          true,
          ['社区', '社区名', '社区(居委会)名称', '居委会名称', '社区居委会', '社区居委会名称', '名称'],
          { maxLength: 50, width: 16, hint: '以“社区”或“居委会”结尾，街道内不能重名' },
        ),
        col('code', '社区代码', 'code', false, ['区划代码', '统计用区划代码', '社区编码', '行政区划代码', '代码'], {
          maxLength: 15,
          width: 16,
          hint: '可选，12 位统计用区划代码',
        }),
        col('street', '所属街道', 'text', true, ['街道', '街道办事处', '所属街道办事处', '乡镇街道', '所属乡镇(街道)', '街道(乡镇)'], {
          maxLength: 50,
          width: 14,
        }),
        col('district', '所属县区', 'text', false, ['县区', '所属区县', '区县', '所属区', '县(区)', '所属县(区)'], {
          maxLength: 50,
          width: 12,
        }),
        col('area', '辖区面积(km²)', 'decimal', false, ['辖区面积', '面积', '辖区面积(平方公里)', '辖区面积平方公里'], {
          min: 0,
          width: 12,
        }),
        col('households', '户数', 'int', true, ['总户数', '居民户数', '辖区户数', '住户数', '户数(户)'], {
          min: 0,
          width: 8,
          hint: '超过 3000 户会提示',
        }),
        col('residents', '常住人口', 'int', true, ['常住人口数', '常住人数', '总人口', '人口', '人口数', '常住人口(人)'], {
          min: 0,
          width: 10,
          hint: '不少于户数；超过 10000 人会提示',
        }),
        col('registeredPopulation', '户籍人口', 'int', false, ['户籍人口数', '户籍人数'], { min: 0, width: 10 }),
        col('floatingPopulation', '流动人口', 'int', false, ['流动人口数', '流动人数'], { min: 0, width: 10 }),
        col('estates', '小区数', 'int', false, ['小区数量', '居民小区数', '小区(个)'], { min: 0, width: 8 }),
        col('buildings', '楼栋数', 'int', false, ['楼栋数量', '楼数', '楼栋'], { min: 0, width: 8 }),
        col('groupsCount', '居民小组数', 'int', false, ['小组数', '居民小组数量'], { min: 0, width: 10 }),
        col('courtyardsCount', '楼院数', 'int', false, ['楼院数量', '院落数'], { min: 0, width: 8 }),
        col('gridCount', '网格数', 'int', false, ['网格数量', '网格个数'], { min: 0, width: 8, hint: '应与网格名册中该社区的网格数一致' }),
        col('partyOrgType', '党组织类型', 'enum', false, ['党组织形式', '党组织设置'], { enumId: 'partyOrgType', width: 10 }),
        col('partyMembers', '党员数', 'int', false, ['党员人数', '党员', '党员数量'], { min: 0, width: 8 }),
        col(
          'facilityArea',
          '综合服务设施面积(m²)',
          'decimal',
          true,
          ['综合服务设施面积', '服务设施面积', '社区综合服务设施面积', '党群服务中心面积', '活动场所面积', '办公服务用房面积'],
          { min: 0, width: 14, hint: '单位平方米；每百户不足 30 平方米会提示' },
        ),
        col('officeArea', '办公用房面积(m²)', 'decimal', false, ['办公用房面积', '办公面积'], { min: 0, width: 12 }),
        col('hallArea', '一站式大厅面积(m²)', 'decimal', false, ['一站式大厅面积', '服务大厅面积', '大厅面积', '一站式服务大厅面积'], {
          min: 0,
          width: 12,
          hint: '不足 40 平方米会提示',
        }),
        col('workerCountDeclared', '社区工作者人数', 'int', false, ['社区工作者数', '社工人数', '社区工作者'], { min: 0, width: 10 }),
        col('committeeCountDeclared', '两委成员数', 'int', false, ['两委人数', '两委成员人数', '两委成员'], { min: 0, width: 10 }),
        col('secretary', '书记', 'personName', false, ['党组织书记', '社区书记', '党委书记', '支部书记', '书记姓名'], {
          maxLength: 20,
          width: 10,
        }),
        col('director', '主任', 'personName', false, ['居委会主任', '社区主任', '主任姓名'], { maxLength: 20, width: 10 }),
        col('oneShoulder', '是否一肩挑', 'bool', false, ['一肩挑', '书记主任一肩挑'], { width: 10 }),
        col('phone', '联系电话', 'phone', false, ['电话', '办公电话', '社区电话', '联系方式'], { width: 16 }),
        col('address', '办公地址', 'text', false, ['地址', '社区地址', '详细地址'], { maxLength: 200, width: 24 }),
        col('note', '备注', 'text', false, ['说明'], { maxLength: 500, width: 20 }),
      ],
    },
  ],
};

const GRIDS: RosterDef = {
  type: 'grids',
  label: '网格',
  sheets: [
    {
      key: 'main',
      label: '网格',
      sheetNameHints: ['网格', '网格名册', '网格基本情况'],
      identity: ['code'],
      optional: false,
      columns: [
        col('code', '网格编号', 'code', true, ['网格编码', '网格代码', '网格号'], {
          maxLength: 32,
          width: 14,
          hint: '街道内唯一，可用 20 位网格编码',
        }),
        col('name', '网格名称', 'text', true, ['网格', '网格名'], { maxLength: 50, width: 14, hint: '如“第一网格”' }),
        col('community', '所属社区', 'community', true, ['社区', '社区名称', '所在社区'], { width: 16, hint: '必须是已导入的社区' }),
        col('gridType', '网格类型', 'enum', false, ['类型', '网格类别'], { enumId: 'gridType', width: 10 }),
        col('households', '户数', 'int', true, ['网格户数', '总户数', '户数(户)'], {
          min: 0,
          width: 8,
          hint: '应在 300–500 户之间，超出会提示',
        }),
        col('population', '人口', 'int', false, ['人口数', '常住人口', '人数', '网格人口'], { min: 0, width: 8 }),
        col('buildings', '楼栋数', 'int', false, ['楼栋数量', '楼数'], { min: 0, width: 8 }),
        col('groupsCount', '小组数', 'int', false, ['居民小组数'], { min: 0, width: 8 }),
        col('courtyardsCount', '楼院数', 'int', false, ['楼院数量'], { min: 0, width: 8 }),
        col('leaderName', '网格长', 'personName', false, ['网格长姓名'], { maxLength: 20, width: 10 }),
        col('leaderPhone', '网格长电话', 'phone', false, ['网格长联系电话', '网格长手机', '网格长联系方式'], { width: 14 }),
        col('fullTimeStaff', '专职网格员', 'text', false, ['专职网格员姓名', '专职网格员(姓名/身份证号)'], { maxLength: 100, width: 14 }),
        col('liaison', '包联领导/下沉干部', 'text', false, ['包联领导', '下沉干部', '包联干部', '包网干部'], { maxLength: 100, width: 14 }),
        col('boundary', '四至范围', 'text', false, ['四至', '网格范围', '范围'], { maxLength: 500, width: 24 }),
        col('note', '备注', 'text', false, ['说明'], { maxLength: 500, width: 20 }),
      ],
    },
    {
      key: 'groups',
      label: '小组楼院',
      sheetNameHints: ['小组楼院', '小组', '楼院', '小组/楼院', '居民小组', '小组和楼院'],
      identity: ['gridCode', 'groupName', 'courtyardName'],
      optional: true,
      columns: [
        col('gridCode', '网格编号', 'grid', true, ['网格编码', '所属网格编号', '所属网格', '网格代码'], {
          width: 14,
          hint: '必须是网格表或已导入网格中的编号',
        }),
        col('groupName', '小组名称', 'text', true, ['居民小组', '小组', '居民小组名称', '小组名'], { maxLength: 50, width: 14 }),
        col('groupLeader', '组长', 'personName', false, ['小组长', '居民小组长', '组长姓名'], { maxLength: 20, width: 10 }),
        col('courtyardName', '楼院名称', 'text', false, ['楼院', '楼栋', '院落', '楼院(楼栋)名称', '楼栋名称'], {
          maxLength: 50,
          width: 14,
        }),
        col('courtyardLeader', '楼院长', 'personName', false, ['楼栋长', '楼长', '院长', '楼院长姓名'], { maxLength: 20, width: 10 }),
        col('households', '户数', 'int', false, ['楼院户数'], { min: 0, width: 8 }),
        col('phone', '电话', 'phone', false, ['联系电话', '联系方式'], { width: 14 }),
      ],
    },
  ],
};

const WORKERS: RosterDef = {
  type: 'workers',
  label: '社区工作者',
  sheets: [
    {
      key: 'main',
      label: '社区工作者',
      sheetNameHints: ['社区工作者', '社工', '工作人员', '社区工作者花名册'],
      identity: ['idNumber'],
      optional: false,
      columns: [
        ...personColumns({ idRequired: true, sexBirth: true }),
        col('ethnicity', '民族', 'enum', false, [], { enumId: 'ethnicity', width: 8 }),
        col('political', '政治面貌', 'enum', true, POLITICAL_SYNONYMS, { enumId: 'politicalStatus', width: 12 }),
        col('partyJoinDate', '入党时间', 'date', false, ['入党日期', '入党年月'], { width: 12, hint: '党员填写' }),
        col('education', '学历', 'enum', true, EDU_SYNONYMS, { enumId: 'education', width: 12 }),
        col('major', '专业', 'text', false, ['所学专业'], { maxLength: 50, width: 12 }),
        col('community', '所在社区', 'community', true, COMMUNITY_SYNONYMS, { width: 16, hint: '必须是已导入的社区' }),
        col('position', '职务', 'text', false, ['现任职务', '担任职务', '现职务'], { maxLength: 50, width: 12 }),
        col('postCategory', '岗位类别', 'enum', true, ['岗位', '岗位类型', '岗位分类'], {
          enumId: 'postCategory',
          width: 10,
          hint: '正职、副职、专职委员、工作人员',
        }),
        col('postGrade', '岗位等级', 'grade', true, ['等级', '薪酬等级', '岗位级别', '级别', '岗位等级(级)'], {
          width: 8,
          hint: '1–18，须在岗位类别的等级范围内',
        }),
        col(
          'workStartDate',
          '参加社区工作时间',
          'date',
          true,
          ['参加工作时间', '从事社区工作时间', '参加社区工作日期', '社区工作起始时间', '入职时间'],
          { width: 14 },
        ),
        col('currentPostDate', '现岗位任职时间', 'date', false, ['任现职时间', '现任职时间', '任职时间', '现岗位任职日期'], { width: 14 }),
        col('isCommittee', '是否两委成员', 'bool', false, ['两委成员', '是否为两委成员'], { width: 10 }),
        col('isCross', '是否交叉任职', 'bool', false, ['交叉任职'], { width: 10 }),
        col('qualification', '职业资格', 'enum', false, ['社工证', '社会工作者职业资格', '职业水平证书', '持证情况', '社会工作职业资格'], {
          enumId: 'qualification',
          width: 14,
        }),
        col('phone', '联系电话', 'mobile', true, ['手机', '手机号', '手机号码', '电话', '联系方式', '电话号码'], { width: 14 }),
        col('contractStart', '合同起始日期', 'date', false, ['合同开始日期', '合同起始时间', '合同开始时间', '合同起始'], { width: 12 }),
        col('contractEnd', '合同终止日期', 'date', false, ['合同结束日期', '合同终止时间', '合同到期日期', '合同到期时间', '合同终止'], {
          width: 12,
        }),
        col('contractPeriod', '合同起止日期', 'dateRange', false, ['合同起止时间', '合同期限', '合同起止'], {
          width: 22,
          hint: '也可分两列填写合同起始日期、合同终止日期',
        }),
        col('lastAppraisal', '上年度考核结果', 'enum', false, ['考核结果', '年度考核结果', '上年度考核等次', '考核等次'], {
          enumId: 'appraisalResult',
          width: 12,
        }),
        col('note', '备注', 'text', false, ['说明'], { maxLength: 500, width: 20 }),
      ],
    },
  ],
};

const GRID_STAFF: RosterDef = {
  type: 'grid-staff',
  label: '网格员',
  sheets: [
    {
      key: 'main',
      label: '网格员',
      sheetNameHints: ['网格员', '网格员名册', '专职网格员', '兼职网格员'],
      identity: ['idNumber'],
      optional: false,
      columns: [
        ...personColumns({ idRequired: true, sexBirth: true }),
        col('phone', '联系电话', 'mobile', true, ['手机', '手机号', '手机号码', '电话', '联系方式'], { width: 14 }),
        col('staffType', '类型', 'enum', true, ['网格员类型', '专兼职', '专职/兼职', '人员类型', '性质', '专职或兼职'], {
          enumId: 'gridStaffType',
          width: 8,
          hint: '专职 或 兼职',
        }),
        col('gridRole', '网格角色', 'enum', false, ['角色', '网格职务', '职务'], {
          enumId: 'gridRole',
          width: 10,
          hint: '网格长、网格员、网格指导员',
        }),
        col('source', '身份来源', 'enum', false, ['人员来源', '来源', '身份'], { enumId: 'gridStaffSource', width: 10 }),
        col(
          'community',
          '所属社区',
          'community',
          true,
          COMMUNITY_SYNONYMS.filter((s) => s !== '所属社区'),
          { width: 16 },
        ),
        col('grids', '负责网格编号', 'grids', true, ['网格编号', '所属网格', '负责网格', '网格编码', '所在网格'], {
          width: 16,
          hint: '多个网格用“、”分隔，必须是已导入的网格',
        }),
        col('hireDate', '入职时间', 'date', false, ['入职日期', '上岗时间', '任职时间'], { width: 12 }),
        col('education', '学历', 'enum', false, EDU_SYNONYMS, { enumId: 'education', width: 12 }),
        col('political', '政治面貌', 'enum', false, POLITICAL_SYNONYMS, { enumId: 'politicalStatus', width: 12 }),
        col('isWorker', '是否社区工作者', 'bool', false, ['社区工作者', '是否为社区工作者'], { width: 12 }),
        col('note', '备注', 'text', false, ['说明'], { maxLength: 500, width: 20 }),
      ],
    },
  ],
};

const COMMITTEE: RosterDef = {
  type: 'committee',
  label: '“两委”成员',
  sheets: [
    {
      key: 'main',
      label: '两委成员',
      sheetNameHints: ['两委', '两委成员', '两委班子', '社区两委'],
      identity: ['idNumber'],
      optional: false,
      columns: [
        ...personColumns({ idRequired: true, sexBirth: true }),
        col('ethnicity', '民族', 'enum', false, [], { enumId: 'ethnicity', width: 8 }),
        col('education', '学历', 'enum', false, EDU_SYNONYMS, { enumId: 'education', width: 12 }),
        col('political', '政治面貌', 'enum', true, POLITICAL_SYNONYMS, { enumId: 'politicalStatus', width: 12 }),
        col('community', '所在社区', 'community', true, COMMUNITY_SYNONYMS, { width: 16 }),
        col('partyPost', '党组织职务', 'enum', false, ['党内职务', '党委职务', '支部职务', '党组织任职', '党组织内职务'], {
          enumId: 'partyPost',
          width: 10,
          hint: '书记、副书记、委员、无；须为中共党员',
        }),
        col('committeePost', '居委会职务', 'enum', false, ['居委会任职', '居民委员会职务', '居委职务'], {
          enumId: 'committeePost',
          width: 10,
          hint: '主任、副主任、委员、无',
        }),
        col('oneShoulder', '是否一肩挑', 'bool', false, ['一肩挑'], { width: 10, hint: '可不填，按职务自动判断' }),
        col('cross', '是否交叉任职', 'bool', false, ['交叉任职'], { width: 10, hint: '可不填，按职务自动判断' }),
        col('term', '届次', 'text', false, ['任期', '届别'], { maxLength: 30, width: 10 }),
        col('termStart', '任职起始', 'date', false, ['任职时间', '任职起始时间', '任职日期', '当选时间', '任职起始日期'], { width: 12 }),
        col('isFullTime', '是否专职', 'bool', false, ['是否专职(纳入社区工作者)', '是否纳入社区工作者', '专职'], { width: 10 }),
        col('phone', '联系电话', 'mobile', false, ['手机', '手机号', '手机号码', '电话', '联系方式'], { width: 14 }),
        col('note', '备注', 'text', false, ['说明'], { maxLength: 500, width: 20 }),
      ],
    },
  ],
};

const CADRES: RosterDef = {
  type: 'cadres',
  label: '下沉干部',
  sheets: [
    {
      key: 'main',
      label: '下沉干部',
      sheetNameHints: ['下沉干部', '在职党员', '报到', '下沉'],
      identity: ['idNumber'],
      optional: false,
      columns: [
        ...personColumns({ idRequired: false, sexBirth: false }),
        col('phone', '联系电话', 'phone', true, ['手机', '手机号', '手机号码', '电话', '联系方式'], { width: 14 }),
        col('employer', '工作单位', 'text', true, ['单位', '派出单位', '原单位', '所在单位', '工作单位名称'], {
          maxLength: 100,
          width: 20,
        }),
        col('rank', '职务/职级', 'text', false, ['职务', '职级', '职务职级', '职务(职级)'], { maxLength: 50, width: 12 }),
        col('political', '政治面貌', 'enum', false, POLITICAL_SYNONYMS, { enumId: 'politicalStatus', width: 12 }),
        col('community', '下沉社区', 'community', true, ['报到社区', '社区', '所在社区', '联系社区', '包联社区', '下沉社区名称'], {
          width: 16,
        }),
        col('grid', '包联网格编号', 'grid', false, ['包联网格', '网格编号', '联系网格', '包联网格编码'], { width: 14 }),
        col('claimedPost', '认领岗位', 'enum', false, ['认领服务岗位', '服务岗位', '岗位'], { enumId: 'cadrePost', width: 16 }),
        col('firstReportDate', '首次报到日期', 'date', true, ['报到日期', '报到时间', '首次报到时间'], { width: 12 }),
        col('lastReportDate', '最近报到日期', 'date', false, ['最近报到时间', '最后报到日期', '最近一次报到', '最近一次报到日期'], {
          width: 12,
          hint: '超过 6 个月未报到会提示',
        }),
        col('quarterServices', '本季度服务次数', 'int', false, ['服务次数', '季度服务次数'], { min: 0, width: 10 }),
        col('serviceHours', '服务时长(h)', 'decimal', false, ['服务时长', '服务时长(小时)', '服务时数', '服务小时数'], {
          min: 0,
          width: 10,
        }),
        col('specialty', '专长', 'text', false, ['特长', '个人专长'], { maxLength: 100, width: 14 }),
        col('note', '备注', 'text', false, ['说明'], { maxLength: 500, width: 20 }),
      ],
    },
  ],
};

export const ROSTER_DEFS: Readonly<Record<RosterType, RosterDef>> = {
  communities: COMMUNITIES,
  grids: GRIDS,
  workers: WORKERS,
  'grid-staff': GRID_STAFF,
  committee: COMMITTEE,
  cadres: CADRES,
};

/** Roster labels for menus and messages. */
export const ROSTER_LABELS: Readonly<Record<RosterType, string>> = {
  communities: '社区基本情况',
  grids: '网格（含小组/楼院）',
  workers: '社区工作者',
  'grid-staff': '网格员',
  committee: '“两委”成员',
  cadres: '下沉干部',
};

/** True when the text names a roster type. */
export function isRosterType(value: string): value is RosterType {
  return (ROSTER_TYPES as readonly string[]).includes(value);
}

/** The main sheet definition of a roster. */
export function mainSheetDef(type: RosterType): SheetDef {
  const def = ROSTER_DEFS[type].sheets[0];
  if (!def) throw new Error(`roster ${type} has no sheets`);
  return def;
}

/** Finds a column by key in a sheet definition. */
export function columnByKey(sheet: SheetDef, key: string): ColumnDef | undefined {
  return sheet.columns.find((c) => c.key === key);
}
