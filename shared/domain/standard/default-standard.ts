/**
 * Version 1 of the default 《社区规范化创建考核标准》, shipped with the app and created on first run.
 *
 * Content per the domain handbook, section (a) and (b): seven categories A–G
 * (15/20/12/15/13/15/10 = 100), bonus H1–H5 capped at 10, veto V1–V3, grades 优秀 ≥90 / 良好 ≥80 /
 * 合格 ≥60 / 不合格, annual result = mean of the quarters. It is a proposal grounded in public tables
 * from other cities (漯河's own standard is not public): every number is data the office edits.
 *
 * Items whose source data is not a roster (meeting logs, surveys, service ledgers) are manual or
 * deduction items here, with the rule spelled out in the 评分细则.
 */
import type { BonusItem, Standard, VetoItem } from './standard.schema';
import { banded, category, computed, deduct, item, manual, p, reason } from './standard-builders';

const A = category('A', '组织建设与党建引领', 15, [
  item(
    'A1',
    '社区党组织、居委会组织健全，居委会成员5至9人',
    3,
    computed('if(hasPartyOrganization >= 1, 1, 0) + if(between(residentsCommitteeCount, 5, 9), 2, 0)'),
    ['名册数据', '查阅资料'],
    'R',
    '建立社区党组织得1分；居委会成员（两委名册中居委会职务不为“无”）为5至9人得2分，否则该2分不得分。依据：居委会组织法（5至9人）。',
  ),
  item(
    'A2',
    '书记、主任“一肩挑”，“两委”交叉任职',
    2,
    computed('if(secretaryIsDirector >= 1, 1.5, 0) + if(crossServingCount >= 1, 0.5, 0)'),
    ['名册数据'],
    'R',
    '同一人担任社区党组织书记和居委会主任得1.5分，未实行“一肩挑”的不得该分；书记以外至少1名成员交叉任职得0.5分。',
  ),
  item(
    'A3',
    '班子年龄结构：至少1名35岁以下成员',
    2,
    computed('if([35岁以下两委人数] >= 1, 2, 0)'),
    ['名册数据'],
    'R',
    '按身份证号出生日期计算季度末年龄，“两委”成员中至少1名不满35周岁的得2分，否则不得分。',
  ),
  item(
    'A4',
    '社区规范化建设工作领导小组、街道包联，年度计划，专题研究',
    3,
    deduct(
      reason('A4-1', '未制定年度工作计划', 1, 1),
      reason('A4-2', '缺少本季度专题会议记录（每少开1次）', 0.5),
      reason('A4-3', '未明确分工或未落实街道包联', 1, 1),
    ),
    ['查阅资料'],
    'Q',
    '查阅年度计划、专题会议记录、分工与包联材料。无年度工作计划扣1分；每少开1次季度专题会扣0.5分；无分工或包联扣1分。扣完为止。',
  ),
  item(
    'A5',
    '党建台账“五个清楚”，共驻共建协调机制',
    3,
    deduct(
      reason('A5-1', '党建台账不全或未及时更新（无台账的扣1.5分）', 1.5, 1.5),
      reason('A5-2', '未建立共驻共建协调议事机构', 1, 1),
      reason('A5-3', '共驻共建落实差', 0.5, 0.5),
    ),
    ['查阅资料'],
    'Q',
    '查阅党建台账和协调议事记录。台账不全或未及时更新扣1.5分（无台账扣1.5分）；无协调议事机构扣1分；共驻共建落实差扣0.5分。扣完为止。',
  ),
  item(
    'A6',
    '下沉干部、在职党员报到服务',
    2,
    computed('if(cadresRegistered = 0, 0, 2 * min(1, cadresReported / cadresRegistered / 95%))'),
    ['名册数据'],
    'R',
    '报到率 = 近6个月内已报到的下沉干部数 ÷ 登记的下沉干部数；得分 = 2 × min(1, 报到率 ÷ 95%)。未登记下沉干部的得0分。',
  ),
]);

const B = category('B', '居民自治与民主协商', 20, [
  item(
    'B1',
    '依法按期换届，资料齐全，下属委员会分工明确',
    3,
    deduct(
      reason('B1-1', '延期换届', 1, 1),
      reason('B1-2', '换届资料不全或不规范', 0.5, 1),
      reason('B1-3', '下属委员会分工不明确或工作不正常', 1, 1),
    ),
    ['查阅资料'],
    'A',
    '年度评定一次。延期换届扣1分；资料不全或不规范扣0.5分；下属委员会分工不明确或工作不正常扣1分。居委会每届任期5年。',
  ),
  item(
    'B2',
    '居民会议、居民代表会议按期召开，居委会报告工作',
    4,
    deduct(
      reason('B2-1', '本季度未召开居民代表会议，或出席人数不足应到人数的2/3', 3, 3),
      reason('B2-2', '本年度居委会未向居民会议或居民代表会议报告工作（第四季度评定）', 1, 1),
    ),
    ['查阅资料'],
    'Q',
    '查阅会议记录、签到表。本季度召开至少1次居民代表会议且出席达到应到人数2/3的得3分，否则扣3分；居委会本年度向居民（代表）会议报告工作的得1分，第四季度评定，前三季度按已报告计。',
  ),
  item(
    'B3',
    '社区协商“一征三议两公开”规范运行',
    5,
    deduct(
      reason('B3-1', '重大事项缺少一个决策环节（征求意见、提议、商议、决议、决议公开、结果公开，每缺一项）', 1),
      reason('B3-2', '决议或结果公示不足7天', 0.5),
    ),
    ['查阅资料', '实地查看'],
    'Q',
    '抽查本季度决定的重大事项（最多3件），查阅决策登记表（应到/实到/签字）和公示照片。每件事项每缺一个环节扣1分；公示不足7天扣0.5分。本季度无重大事项且无需决策的得满分。扣完为止。',
  ),
  item(
    'B4',
    '居务公开',
    3,
    deduct(
      reason('B4-1', '本季度未进行居务公开', 2, 2),
      reason('B4-2', '缺少应公开项目（党务、居务、财务、服务事项，每缺一项）', 0.5),
      reason('B4-3', '无网上公开渠道', 0.5, 0.5),
    ),
    ['实地查看', '查阅资料'],
    'Q',
    '实地查看公开栏并查阅资料。本季度未公开扣2分；党务、居务、财务、服务事项每缺一项扣0.5分；无网上公开渠道扣0.5分。扣完为止。',
  ),
  item(
    'B5',
    '自治章程、居民公约；制度职责上墙',
    2,
    deduct(reason('B5-1', '自治章程、居民公约未制定或未经居民（代表）会议通过', 1, 1), reason('B5-2', '制度、职责未上墙（每项）', 0.5, 1)),
    ['查阅资料', '实地查看'],
    'A',
    '年度评定一次。章程与公约经居民（代表）会议通过得1分，否则扣1分；制度、职责每项未上墙扣0.5分，此项最多扣1分。',
  ),
  item(
    'B6',
    '居务监督委员会',
    2,
    manual(0, 0.5),
    ['查阅资料'],
    'A',
    '年度评定一次。已成立居务监督委员会得1分；监督记录完整规范得0至1分（按0.5分计）。',
  ),
  item(
    'B7',
    '居民小组长、楼院长配备',
    1,
    computed('if(groupCount + yardCount = 0, 0, (groupsWithLeader + yardsWithLeader) / (groupCount + yardCount))'),
    ['名册数据'],
    'R',
    '得分 = 填有组长的小组和填有楼院长的楼院数之和 ÷ 小组和楼院总数。无小组、楼院记录的得0分。',
  ),
]);

const C = category('C', '社区规模与服务设施', 12, [
  item(
    'C1',
    '社区规模适度',
    2,
    computed('case(households <= 3000 and residents <= 10000, 2, households <= 3300 and residents <= 11000, 1, 0)'),
    ['名册数据'],
    'R',
    '户数不超过3000户且常住人口不超过1万人得2分；任一项超出但不超过10%得1分；否则不得分。',
  ),
  item(
    'C2',
    '综合服务设施面积达标',
    4,
    computed(
      'if(households = 0, 0, min(if(facilityArea < 300, 2, 4), case(facilityArea / households * 100 >= 50, 4, facilityArea / households * 100 >= 30, 2 + 2 * (facilityArea / households * 100 - 30) / 20, 0)))',
    ),
    ['名册数据', '实地查看'],
    'R',
    '每百户面积 r = 综合服务设施面积 ÷（户数 ÷ 100）。r ≥ 50平方米得4分；30 ≤ r < 50 得 2 + 2 ×（r − 30）÷ 20 分；r < 30 不得分。设施总面积不足300平方米的最多得2分。',
  ),
  item(
    'C3',
    '党群服务中心功能齐全，“一站式”服务大厅',
    3,
    deduct(
      reason('C3-1', '缺少服务功能（便民服务、综治、文体、卫生、老年日间照料、儿童、志愿服务，每缺一项）', 0.5),
      reason('C3-2', '一站式服务大厅不足40平方米或设备不全', 0.5, 0.5),
    ),
    ['实地查看'],
    'A',
    '年度评定一次，设施有变化时复查。每缺一项服务功能扣0.5分；大厅不足40平方米或设备不全扣0.5分。扣完为止。',
  ),
  item(
    'C4',
    '标识标牌规范、制度上墙',
    1,
    deduct(reason('C4-1', '缺少规范的标识、标牌（每处）', 0.5)),
    ['实地查看'],
    'A',
    '年度评定一次。每缺一处规范标识、标牌扣0.5分，扣完为止。',
  ),
  item(
    'C5',
    '设施开放与居民使用',
    2,
    manual(0, 0.5),
    ['实地查看', '入户调查'],
    'Q',
    '实地查看并入户了解：开放时间公示、有居民活动区域、无挪作他用，按实际情况评0至2分（按0.5分计）。',
  ),
]);

const D = category('D', '网格化治理', 15, [
  item(
    'D1',
    '五级网格体系健全（街道—社区—网格—小组—楼院）',
    3,
    computed('if(gridCount = 0, 0, 3 * gridsFiveLevel / gridCount)'),
    ['名册数据'],
    'R',
    '得分 = 3 × 至少有1个小组且每个小组至少有1个楼院的网格数 ÷ 网格总数。无网格记录的得0分。',
  ),
  item(
    'D2',
    '网格规模300至500户',
    3,
    computed('if(gridCount = 0, 0, 3 * gridsWithin300to500 / gridCount)'),
    ['名册数据'],
    'R',
    '得分 = 3 × 户数在300至500户（含）的网格数 ÷ 网格总数。',
  ),
  item(
    'D3',
    '网格长、专职网格员配备',
    4,
    computed('if(gridCount = 0, 0, 2 * gridsWithLeader / gridCount + 2 * gridsWithFullTimeWorker / gridCount)'),
    ['名册数据'],
    'R',
    '得分 = 2 × 有网格长的网格比例 + 2 × 有专职网格员的网格比例。',
  ),
  item(
    'D4',
    '兼职网格员、楼院长覆盖',
    2,
    computed('if(gridCount = 0, 0, 2 * gridsWithPartTimeWorker / gridCount)'),
    ['名册数据'],
    'R',
    '得分 = 2 × 有兼职网格员的网格比例。',
  ),
  item(
    'D5',
    '网格员履职（信息采集、巡查、事件上报、入户走访）',
    3,
    banded(3, 2.4, 1.8, 0),
    ['查阅资料', '入户调查'],
    'Q',
    '抽查平台数据、走访台账并入户核实。巡查、走访覆盖率95%及以上得3分；90%至95%得2.4分；85%至90%得1.8分；低于85%不得分。',
  ),
]);

const E = category('E', '社区工作者队伍建设', 13, [
  item(
    'E1',
    '社区工作者配备',
    3,
    computed('if(residents = 0, 0, 3 * min(1, workerCount / residents * 10000 / 18))'),
    ['名册数据'],
    'R',
    '每万名常住人口社区工作者数 k = 社区工作者人数 ÷ 常住人口 × 10000；得分 = 3 × min(1, k ÷ 18)。依据：每万名城镇常住人口不少于18名社区工作者。',
  ),
  item(
    'E2',
    '“四岗十八级”岗位等级落实',
    3,
    computed('if(workerCount = 0, 0, max(0, 3 - 0.5 * workersGradeInvalid))'),
    ['名册数据'],
    'R',
    '岗位类别缺失或岗位等级超出该岗位等级范围的，每人扣0.5分，扣完为止。无社区工作者名册的得0分。',
  ),
  item(
    'E3',
    '学历与职业资格',
    2,
    computed('if(workerCount = 0, 0, min(1, workersCollegeOrAbove / workerCount / 80%) + min(1, workersCertified / workerCount / 30%))'),
    ['名册数据'],
    'R',
    '得分 = min(1, 大专及以上学历比例 ÷ 80%) + min(1, 持社会工作者职业资格比例 ÷ 30%)。',
  ),
  item(
    'E4',
    '教育培训',
    2,
    deduct(reason('E4-1', '本季度未组织集体培训', 1, 1), reason('E4-2', '社区工作者全年未参加任何培训（每人，第四季度评定）', 0.2)),
    ['查阅资料'],
    'Q',
    '查阅培训签到表。本季度未组织集体培训扣1分；第四季度对全年未参加培训的，每人扣0.2分。扣完为止。',
  ),
  item(
    'E5',
    '考核评议',
    3,
    deduct(
      reason('E5-1', '未开展年度述职或民主测评', 1.5, 1.5),
      reason('E5-2', '考核档案不全', 0.5, 0.5),
      reason('E5-3', '满意度测评未按规定样本（不少于50人，普通居民不低于70%）', 1, 1),
    ),
    ['查阅资料'],
    'A',
    '年度评定一次。未开展年度述职或民主测评扣1.5分；考核档案不全扣0.5分；满意度测评样本不足50人或普通居民不足70%扣1分。',
  ),
]);

const F = category('F', '减负增效与清单管理', 15, [
  item(
    'F1',
    '落实社区工作任务清单',
    4,
    deduct(reason('F1-1', '发现清单外的工作任务、挂牌、台账或考核事项（每项）', 1)),
    ['实地查看', '查阅资料'],
    'Q',
    '对照《关于规范明确社区居民委员会工作任务的通知》，每发现一项清单外的任务、挂牌、台账或考核扣1分，扣完为止。',
  ),
  item(
    'F2',
    '社区公共服务事项清单公开并落实',
    4,
    deduct(reason('F2-1', '公共服务事项清单未公示', 2, 2), reason('F2-2', '清单所列服务事项未提供或未办理（每项）', 0.5)),
    ['实地查看', '查阅资料'],
    'Q',
    '清单未公示扣2分；清单所列服务每项未提供或未办理扣0.5分。扣完为止。',
  ),
  item(
    'F3',
    '出具证明事项清单',
    3,
    deduct(reason('F3-1', '证明事项清单未公示', 1, 1), reason('F3-2', '出具清单外证明（每件）', 1)),
    ['查阅资料'],
    'Q',
    '查阅用章登记。清单未公示扣1分；每出具一件清单外证明扣1分。扣完为止。',
  ),
  item(
    'F4',
    '一站式、代办服务台账与诉求办结',
    2,
    manual(0, 0.1),
    ['查阅资料'],
    'Q',
    '查阅服务台账：得分 = 2 × 诉求办结率（精确到0.1分）。未建台账的不得分。',
  ),
  item(
    'F5',
    '社工服务站、社工项目',
    2,
    manual(0, 0.5),
    ['查阅资料', '实地查看'],
    'Q',
    '社区与街道（乡镇）社工站建立对接得1分；本季度开展社工项目活动得0至1分（按0.5分计）。',
  ),
]);

const G = category('G', '群众满意度与平安稳定', 10, [
  item(
    'G1',
    '居民满意度测评',
    6,
    banded(6, 5, 4, 2, 0),
    ['入户调查'],
    'Q',
    '问卷或入户调查（样本不少于50人，普通居民不低于70%）。满意率90%及以上得6分；85%至90%得5分；80%至85%得4分；70%至80%得2分；低于70%不得分。',
  ),
  item(
    'G2',
    '矛盾纠纷化解与平安稳定',
    4,
    deduct(
      reason('G2-1', '越级个访（每起）', 1),
      reason('G2-2', '群访（每起）', 2),
      reason('G2-3', '集体访', 4, 4),
      reason('G2-4', '可调解未调解而移交（每起）', 0.5),
    ),
    ['查阅资料'],
    'Q',
    '查阅信访、综治台账。越级个访每起扣1分；群访每起扣2分；发生集体访本项不得分（进京、赴省集体访按否决项V1处理）；可调解未调解而移交的每起扣0.5分。扣完为止。',
  ),
]);

function bonusLevels(code: string, title: string, cap: number, levels: Array<[string, number]>, guide: string): BonusItem {
  return {
    code,
    title,
    capTenths: p(cap),
    method: { kind: 'levels', levels: levels.map(([label, pts]) => ({ label, pointsTenths: p(pts) })) },
    guide,
  };
}

const BONUS: BonusItem[] = [
  bonusLevels(
    'H1',
    '荣誉表彰',
    10,
    [
      ['区（县）级', 1],
      ['市级', 2],
      ['省级', 5],
      ['国家级', 10],
    ],
    '本季度获得的综合荣誉，每项按级别加分；条线部门授予的荣誉按低一级计；同一荣誉按最高级别计一次。',
  ),
  bonusLevels(
    'H2',
    '现场会、观摩点',
    4,
    [
      ['市级', 2],
      ['省级', 3],
      ['全国', 4],
    ],
    '作为现场会或观摩点，按级别加分，同一活动按最高级别计一次。',
  ),
  bonusLevels(
    'H3',
    '领导批示肯定',
    5,
    [
      ['市级', 1],
      ['省级', 3],
      ['中央', 5],
    ],
    '工作获领导批示肯定，按级别加分，同一事项按最高级别计一次。',
  ),
  bonusLevels(
    'H4',
    '经验推广、媒体报道',
    10,
    [
      ['区级', 1],
      ['市级', 2],
      ['省级', 5],
      ['国家级', 10],
    ],
    '经验做法被推广或被媒体报道，每篇按级别加分，同一内容按最高级别计一次。',
  ),
  {
    code: 'H5',
    title: '特色品牌“一居一品”',
    capTenths: p(2),
    method: { kind: 'manual', stepTenths: p(0.5) },
    guide: '形成特色服务品牌的，按成效评0至2分（按0.5分计）。',
  },
];

const VETOES: VetoItem[] = [
  {
    code: 'V1',
    title: '重大安全责任事故、重大刑事治安案件、严重群体性事件或进京赴省集体访',
    effect: 'fail',
    guide: '本季度发生的，本季度等次定为不合格，年度不得评为优秀。',
  },
  {
    code: 'V2',
    title: '“两委”成员严重违纪违法',
    effect: 'fail',
    guide: '以纪检机关或公安机关出具的证明为准。本季度等次定为不合格，年度不得评为优秀。',
  },
  { code: 'V3', title: '考核材料弄虚作假', effect: 'fail', guide: '经核实考核材料弄虚作假的，本季度等次定为不合格，年度不得评为优秀。' },
];

/** The default standard, version 1. Frozen: copy before editing. */
export const DEFAULT_STANDARD: Standard = Object.freeze<Standard>({
  name: '社区规范化创建考核标准',
  version: 1,
  totalTenths: p(100),
  categories: [A, B, C, D, E, F, G],
  bonus: { capTenths: p(10), items: BONUS },
  vetoes: VETOES,
  grading: {
    bands: [
      { label: '优秀', minTenths: p(90) },
      { label: '良好', minTenths: p(80) },
      { label: '合格', minTenths: p(60) },
      { label: '不合格', minTenths: 0 },
    ],
    quotaTies: 'demoteAll',
  },
  ranking: {
    vetoedLast: true,
    tieBreak: [{ kind: 'baseScore' }, ...['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((code) => ({ kind: 'category' as const, code }))],
  },
  // The veto items say 「年度不得评为优秀」: the annual grade is capped at the band below 优秀.
  rollUp: { quartersPercent: 100, yearEndPercent: 0, yearEndLabel: '年终评价', vetoAnnualGradeCap: '良好' },
  naPolicy: 'rescale',
  note: '默认标准（第1版）：依据漯河市民政局2021年报告所列重点工作和外地公开考核表拟定，各项分值、阈值、等次和汇总规则均可修改。',
});

/** A deep, mutable copy of the default standard (for seeding a database or a draft). */
export function defaultStandardCopy(): Standard {
  return structuredClone(DEFAULT_STANDARD) as Standard;
}
