/**
 * Default standards for the kinds above the community (issue #15): what a 县区 uses for its 街道
 * (and the 市 for its 县区), and what the 市 uses for the 成员单位 of its 领导小组. Like the
 * community standard they are proposals, every number editable data; they are created (published)
 * when a database first takes a level that appraises the kind.
 *
 * - 街道 / 县区: about half the points are computed from the unit's own finalized round as reported
 *   (达标率, average and its change, vetoes, 整改 completion, timeliness), the rest manual.
 * - 成员单位: 下沉干部 report rate of the department's staff and 清单外 tasks it imposed on
 *   communities (both from what the streets report), plus manual items for 履职.
 */
import type { BonusItem, Standard } from '../standard/standard.schema';
import type { UnitKind } from './levels';
import { category, computed, deduct, item, manual, p, reason } from '../standard/standard-builders';

const GRADING: Standard['grading'] = {
  bands: [
    { label: '优秀', minTenths: p(90) },
    { label: '良好', minTenths: p(80) },
    { label: '合格', minTenths: p(60) },
    { label: '不合格', minTenths: 0 },
  ],
  quotaTies: 'demoteAll',
};

const HONOURS: BonusItem = {
  code: 'H1',
  title: '工作获上级表彰、经验推广',
  capTenths: p(5),
  method: {
    kind: 'levels',
    levels: [
      { label: '市级', pointsTenths: p(1) },
      { label: '省级', pointsTenths: p(3) },
      { label: '国家级', pointsTenths: p(5) },
    ],
  },
  guide: '本季度社区建设工作获表彰或经验被推广，按级别加分，同一事项按最高级别计一次。',
};

/** 街道 (at a 县区) or 县区 (at the 市): what the unit's own appraisal round reported, plus manual items. */
function subordinateStandard(kind: '街道' | '县区'): Standard {
  const sub = kind === '街道' ? '社区' : '街道';
  const A = category('A', '创建成效', 50, [
    item(
      'A1',
      `所辖${sub}达标率`,
      20,
      computed('20 * subPassRate'),
      ['名册数据'],
      'R',
      `得分 = 20 × 达标率。达标：${sub}季度等次不是“不合格”且没有一票否决项。未上报的不得分。`,
    ),
    item(
      'A2',
      `所辖${sub}平均分`,
      15,
      computed('if(subAverageScore >= 90, 15, if(subAverageScore >= 60, 15 * (subAverageScore - 60) / 30, 0))'),
      ['名册数据'],
      'R',
      `${sub}季度总分平均90分及以上得15分，60至90分按比例得分，60分以下不得分。`,
    ),
    item(
      'A3',
      '较上季度提升',
      5,
      computed('if(reported = 0, 0, if(subAverageChange >= 0, 5, max(0, 5 + subAverageChange)))'),
      ['名册数据'],
      'R',
      `${sub}平均分不低于上季度的得5分；每下降1分扣1分，扣完为止。上季度未上报的按不低于计。`,
    ),
    item(
      'A4',
      '一票否决情况',
      10,
      computed('if(reported = 0, 0, max(0, 10 - 5 * subVetoCount))'),
      ['名册数据'],
      'R',
      `每有1个${sub}被一票否决扣5分，扣完为止。`,
    ),
  ]);
  const B = category('B', '整改落实与按时上报', 20, [
    item(
      'B1',
      '往期整改完成率',
      10,
      computed('if(reported = 0, 0, 10 * rectificationRate)'),
      ['名册数据'],
      'R',
      '得分 = 10 × 往期整改项的销号比例；没有往期整改项的得满分。',
    ),
    item(
      'B2',
      '按时上报考评结果',
      10,
      computed('if(reported = 0, 0, max(0, 10 - reportDaysLate))'),
      ['名册数据'],
      'R',
      '季度结束后15日内上报定稿结果的得10分，每逾期1天扣1分；未上报的不得分。',
    ),
  ]);
  const C = category('C', '组织推进', 30, [
    item(
      'C1',
      '领导重视，专题研究部署',
      10,
      manual(0, 0.5),
      ['查阅资料'],
      'Q',
      '查阅会议纪要、工作方案，按研究部署、包联指导情况评0至10分。',
    ),
    item(
      'C2',
      '工作台账与督导检查',
      10,
      deduct(
        reason('C2-1', '未建立创建工作台账或台账不全', 2),
        reason('C2-2', '本季度未开展督导检查', 3),
        reason('C2-3', '督导发现问题未跟踪落实（每项）', 1),
      ),
      ['查阅资料'],
      'Q',
      '查阅台账、督导记录。无台账或台账不全扣2分；未开展督导扣3分；发现问题未跟踪落实每项扣1分。扣完为止。',
    ),
    item(
      'C3',
      '特色亮点与群众评价',
      10,
      manual(0, 0.5),
      ['实地查看', '入户调查'],
      'Q',
      '实地查看、随机入户，按特色做法和群众评价评0至10分。',
    ),
  ]);
  return {
    name: `${kind}社区规范化创建工作考核标准`,
    version: 1,
    totalTenths: p(100),
    categories: [A, B, C],
    bonus: { capTenths: p(5), items: [HONOURS] },
    vetoes: [
      { code: 'V1', title: '发生重大安全责任事故、严重群体性事件', effect: 'fail', guide: '本季度发生的，本季度等次定为不合格。' },
      { code: 'V2', title: '上报考评结果弄虚作假', effect: 'fail', guide: '经核实上报数据弄虚作假的，本季度等次定为不合格。' },
    ],
    grading: GRADING,
    ranking: { vetoedLast: true, tieBreak: [{ kind: 'baseScore' }, { kind: 'category', code: 'A' }, { kind: 'category', code: 'B' }] },
    rollUp: { quartersPercent: 100, yearEndPercent: 0, yearEndLabel: '年终评价', vetoAnnualGradeCap: '良好' },
    naPolicy: 'rescale',
    note: `默认标准：${kind}按所辖${sub}的考评结果（达标率、平均分、整改、上报及时性）和组织推进情况考核，各项分值均可修改。`,
  };
}

/** 成员单位 of the 领导小组 (at the 市). */
function memberStandard(): Standard {
  const A = category('A', '干部下沉报到', 30, [
    item(
      'A1',
      '本单位下沉干部到社区报到率',
      30,
      computed('if(memberCadresRegistered = 0, 0, 30 * min(1, memberCadreReportRate / 95%))'),
      ['名册数据'],
      'R',
      '依据各街道上报的下沉干部名册，工作单位为本单位的干部近6个月内报到的比例；得分 = 30 × min(1, 报到率 ÷ 95%)。未安排干部下沉的不得分。',
    ),
  ]);
  const B = category('B', '社区减负', 30, [
    item(
      'B1',
      '不向社区摊派清单外事项',
      30,
      computed('max(0, 30 - 3 * offListTasks)'),
      ['名册数据'],
      'R',
      '各地考评中记为本单位摊派的清单外任务、挂牌、台账、考核，每项扣3分，扣完为止。',
    ),
  ]);
  const C = category('C', '履职尽责', 40, [
    item('C1', '参加领导小组会议，落实议定事项', 15, manual(0, 0.5), ['查阅资料'], 'Q', '按参会和议定事项落实情况评0至15分。'),
    item(
      'C2',
      '指导支持社区建设（政策、资金、项目）',
      15,
      manual(0, 0.5),
      ['查阅资料', '实地查看'],
      'Q',
      '按本季度出台政策、投入资金项目和指导情况评0至15分。',
    ),
    item(
      'C3',
      '信息报送与配合督导',
      10,
      deduct(reason('C3-1', '未按时报送工作信息（每次）', 1), reason('C3-2', '未配合开展督导检查', 3)),
      ['查阅资料'],
      'Q',
      '未按时报送工作信息每次扣1分；未配合督导检查扣3分。扣完为止。',
    ),
  ]);
  return {
    name: '成员单位社区建设工作考核标准',
    version: 1,
    totalTenths: p(100),
    categories: [A, B, C],
    bonus: { capTenths: p(5), items: [HONOURS] },
    vetoes: [
      {
        code: 'V1',
        title: '向社区摊派清单外事项造成恶劣影响被通报',
        effect: 'fail',
        guide: '本季度被市级以上通报的，本季度等次定为不合格。',
      },
    ],
    grading: GRADING,
    ranking: { vetoedLast: true, tieBreak: [{ kind: 'baseScore' }, { kind: 'category', code: 'B' }, { kind: 'category', code: 'A' }] },
    rollUp: { quartersPercent: 100, yearEndPercent: 0, yearEndLabel: '年终评价', vetoAnnualGradeCap: '良好' },
    naPolicy: 'rescale',
    note: '默认标准：成员单位按干部下沉报到、社区减负（清单外事项）和履职情况考核，各项分值均可修改。',
  };
}

/** The default standard of a kind above the community (a fresh copy), or null for 社区 (see default-standard.ts). */
export function defaultUnitStandard(kind: UnitKind): Standard | null {
  if (kind === '街道' || kind === '县区') return subordinateStandard(kind);
  if (kind === '成员单位') return memberStandard();
  return null;
}
