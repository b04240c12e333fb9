import { describe, expect, it } from 'vitest';
import {
  defaultStandardCopy,
  hasErrors,
  parseAndValidateStandard,
  validateItem,
  validateStandard,
  type Standard,
  type StandardItem,
} from '../../../shared/domain/standard/index';

function edit(fn: (s: Standard) => void): Standard {
  const s = defaultStandardCopy();
  fn(s);
  return s;
}
function item(s: Standard, code: string): StandardItem {
  for (const c of s.categories) for (const i of c.items) if (i.code === code) return i;
  throw new Error(code);
}
const messages = (s: Standard) => validateStandard(s).map((p) => `${p.severity}:${p.message}`);

describe('standard validator: sums', () => {
  it('an item whose points change breaks its category sum and the total', () => {
    const s = edit((x) => {
      item(x, 'A1').maxTenths = 40;
    });
    expect(messages(s)).toEqual(['error:一级指标A“组织建设与党建引领”分值为15分，其下二级指标合计16分，两者应相等']);
    // Raising the category too moves the problem to the total.
    const s2 = edit((x) => {
      item(x, 'A1').maxTenths = 40;
      (x.categories[0] as { maxTenths: number }).maxTenths = 160;
    });
    expect(messages(s2)).toEqual(['error:各一级指标分值合计为101分，应为总分100分']);
  });
  it('problems carry a target the editor can highlight', () => {
    const s = edit((x) => {
      item(x, 'A1').maxTenths = 40;
    });
    expect(validateStandard(s)[0]?.target).toEqual({ kind: 'category', code: 'A', field: 'maxTenths' });
  });
  it('an empty category and an empty standard', () => {
    expect(messages(edit((x) => ((x.categories[6] as { items: StandardItem[] }).items = [])))).toContain(
      'error:一级指标G“群众满意度与平安稳定”下还没有二级指标',
    );
    expect(messages(edit((x) => ((x.categories = []), (x.ranking.tieBreak = []))))).toEqual(['error:标准中还没有一级指标']);
  });
});

describe('standard validator: codes', () => {
  it('duplicate codes anywhere in the version are errors', () => {
    const s = edit((x) => {
      item(x, 'A2').code = 'A1';
      (x.bonus.items[0] as { code: string }).code = 'V1';
    });
    const m = messages(s);
    expect(m).toContain(
      'error:编码“A1”重复：二级指标“社区党组织、居委会组织健全，居委会成员5至9人”和二级指标“书记、主任“一肩挑”，“两委”交叉任职”使用了同一编码，编码在整个标准内必须唯一',
    );
    expect(m.some((x) => x.startsWith('error:编码“V1”重复'))).toBe(true);
  });
  it('an item code not starting with its category is a warning only', () => {
    const s = edit((x) => {
      item(x, 'A2').code = 'Z2';
    });
    const p = validateStandard(s);
    expect(p.map((x) => x.severity)).toEqual(['warning']);
    expect(hasErrors(p)).toBe(false);
  });
});

describe('standard validator: method parameters', () => {
  const base: StandardItem = {
    code: 'X1',
    title: '测试',
    maxTenths: 30,
    method: { kind: 'yesno' },
    evidence: ['查阅资料'],
    frequency: 'Q',
    guide: '细则',
  };
  const v = (method: StandardItem['method'], over: Partial<StandardItem> = {}) =>
    validateItem({ ...base, ...over, method }).map((p) => p.message);

  it('manual: step must reach the max from the min, min below max', () => {
    expect(v({ kind: 'manual', minTenths: 0, stepTenths: 5 })).toEqual([]);
    expect(v({ kind: 'manual', minTenths: 0, stepTenths: 4 })).toEqual(['X1“测试”：步长0.4分不能从0分整步到达分值3分，请调整步长']);
    expect(v({ kind: 'manual', minTenths: 30, stepTenths: 5 })).toEqual(['X1“测试”：手动评分的最低分（3分）应小于分值（3分）']);
    expect(v({ kind: 'manual', minTenths: 10, stepTenths: 10 })).toEqual([]);
  });
  it('deduct: reasons unique, caps not below the amount, at least one reason or free text', () => {
    expect(v({ kind: 'deduct', reasons: [], allowOtherReasons: false })).toEqual([
      'X1“测试”：扣分制至少要有1条标准扣分原因，或允许填写其他原因',
    ]);
    expect(v({ kind: 'deduct', reasons: [], allowOtherReasons: true })).toEqual([]);
    expect(
      v({
        kind: 'deduct',
        reasons: [
          { code: 'R1', text: '甲', amountTenths: 10, capTenths: 5 },
          { code: 'R1', text: '乙', amountTenths: 40 },
        ],
        allowOtherReasons: false,
      }),
    ).toEqual([
      'X1“测试”：扣分原因“甲”的最多扣分（0.5分）小于每次扣分（1分）',
      'X1“测试”：扣分原因编码“R1”重复',
      'X1“测试”：扣分原因“乙”每次扣4分，超过该项分值3分（扣完为止）',
    ]);
  });
  it('tiers: one score per number of criteria met, non-decreasing, ending at the max', () => {
    expect(v({ kind: 'tiers', criteria: ['a', 'b'], pointsTenths: [0, 10, 30] })).toEqual([]);
    expect(v({ kind: 'tiers', criteria: ['a', 'b'], pointsTenths: [0, 30] })).toEqual([
      'X1“测试”：分档计分有2个条件，应给出满足0至2个条件时的3档得分，现有2档',
    ]);
    expect(v({ kind: 'tiers', criteria: ['a', 'b'], pointsTenths: [0, 20, 10] })).toEqual([
      'X1“测试”：满足条件越多得分不应越低（第3档低于第2档）',
      'X1“测试”：满足全部条件的得分（1分）应等于分值（3分）',
    ]);
  });
  it('computed: the expression must compile to a number over known metrics', () => {
    expect(v({ kind: 'computed', expression: 'min(3, households / 1000)' }, { frequency: 'R' })).toEqual([]);
    expect(v({ kind: 'computed', expression: 'min(3, 户数 / 0' }, { frequency: 'R' })).toEqual([
      'X1“测试”的公式有误：第4个字符处：函数 min 缺少右括号“)”',
    ]);
    expect(v({ kind: 'computed', expression: 'households > 1' }, { frequency: 'R' })[0]).toContain('公式的结果应为数值');
    expect(v({ kind: 'computed', expression: 'population' }, { frequency: 'R' })).toEqual([
      'X1“测试”的公式有误：第1个字符处：未知的指标名称“population”，请从指标目录中选择',
    ]);
    expect(v({ kind: 'computed', expression: '1' }, { frequency: 'Q' })).toEqual([
      'X1“测试”：公式计算的指标通常取自名册快照，频次建议设为“名册快照”',
    ]);
  });
  it('missing guide or evidence are warnings', () => {
    const p = validateItem({ ...base, guide: ' ', evidence: [] });
    expect(p.map((x) => [x.severity, x.message])).toEqual([
      ['warning', 'X1“测试”：未填写评分细则，考评员将看不到评分依据'],
      ['warning', 'X1“测试”：未选择考核方式'],
    ]);
  });
});

describe('standard validator: bonus, bands, ranking, roll-up', () => {
  it('bonus level labels unique; manual step reaches the cap; item cap above the overall cap warns', () => {
    const s = edit((x) => {
      const h1 = x.bonus.items[0];
      if (h1?.method.kind === 'levels') h1.method.levels.push({ label: '市级', pointsTenths: 5 });
      const h5 = x.bonus.items[4];
      if (h5?.method.kind === 'manual') h5.method.stepTenths = 3;
      (x.bonus.items[3] as { capTenths: number }).capTenths = 200;
    });
    expect(messages(s)).toEqual([
      'error:加分项H1：级别“市级”重复',
      'warning:加分项H4的上限（20分）高于加分总上限（10分），以总上限为准',
      'error:加分项H5：步长0.3分不能整步到达上限2分',
    ]);
  });
  it('bands must descend strictly, end at 0 and have unique labels', () => {
    const s = edit((x) => {
      x.grading.bands = [
        { label: '优秀', minTenths: 900 },
        { label: '较好', minTenths: 900 },
        { label: '优秀', minTenths: 100, quota: {} },
      ];
    });
    expect(messages(s)).toEqual([
      'error:等次“较好”的最低分（90分）应低于上一等次“优秀”（90分）',
      'error:等次“优秀”重复',
      'error:最低等次“优秀”的最低分应为0分，否则低分社区没有等次',
      'error:最低等次“优秀”不能设名额限制',
      'error:等次“优秀”的名额限制未填写比例或人数',
      'error:年度汇总中“有否决的季度最高只能评为”的等次“良好”不在等次划分中',
    ]);
  });
  it('tie-break keys must name existing categories and items', () => {
    const s = edit((x) => {
      x.ranking.tieBreak.push({ kind: 'category', code: 'Q' }, { kind: 'item', code: 'A9' });
    });
    expect(messages(s)).toEqual(['error:并列排序规则引用了不存在的一级指标“Q”', 'error:并列排序规则引用了不存在的二级指标“A9”']);
  });
  it('roll-up weights sum to 100 and name the year-end part', () => {
    expect(messages(edit((x) => Object.assign(x.rollUp, { quartersPercent: 95, yearEndPercent: 10 })))).toEqual([
      'error:年度汇总权重合计为105%，应为100%',
    ]);
    expect(messages(edit((x) => Object.assign(x.rollUp, { quartersPercent: 70, yearEndPercent: 30, yearEndLabel: '' })))).toEqual([
      'error:年度汇总含年终部分，请填写年终部分的名称（如“年终评价”）',
    ]);
    expect(messages(edit((x) => Object.assign(x.rollUp, { quartersPercent: 70, yearEndPercent: 30 })))).toEqual([]);
  });
});

describe('parseAndValidateStandard', () => {
  it('refuses a wrong shape with Chinese messages and a path', () => {
    const bad = JSON.parse(JSON.stringify(defaultStandardCopy())) as Record<string, unknown> & {
      categories: Array<{ items: Array<Record<string, unknown>> }>;
    };
    (bad.categories[0]?.items[0] as Record<string, unknown>).maxTenths = 2.5;
    (bad.categories[0]?.items[1] as Record<string, unknown>).code = '';
    const r = parseAndValidateStandard(bad);
    expect(r.standard).toBeUndefined();
    expect(r.problems.map((p) => p.message)).toEqual([
      'categories.0.items.0.maxTenths：分值须精确到0.1分',
      'categories.0.items.1.code：编码不能为空',
    ]);
    expect(parseAndValidateStandard('nonsense').problems[0]?.message).toBe('格式不正确');
  });
  it('accepts the default and reports no problems', () => {
    const r = parseAndValidateStandard(JSON.parse(JSON.stringify(defaultStandardCopy())));
    expect(r.standard?.version).toBe(1);
    expect(r.problems).toEqual([]);
  });
});
