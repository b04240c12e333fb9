/**
 * Whole-version validation of a standard: sums, codes, method parameters, expressions, bands,
 * ranking and roll-up. Returns problems with Chinese messages; never throws.
 * Errors block publishing; warnings are shown but allowed.
 */
import type { z } from 'zod';
import { compileExpression } from '../expression/expression.compiler';
import { METRIC_CATALOGUE, type MetricCatalogue } from './metric-catalogue';
import { formatTenths, standardSchema, type Standard, type StandardItem } from './standard.schema';
import { standardProblem, type ProblemTarget, type StandardProblem } from './standard.problem';

const pts = (t: number): string => `${formatTenths(t)}分`;

/** Workbook column a target field is shown in (so file problems can name the cell). */
const COLUMN_OF_FIELD: Record<string, string> = {
  maxTenths: '分值',
  method: '参数',
  expression: '参数',
  frequency: '频次',
  guide: '评分细则',
  evidence: '考核方式',
  code: '编码',
};

function err(message: string, target?: ProblemTarget, value?: string): StandardProblem {
  return standardProblem('error', message, target, { column: COLUMN_OF_FIELD[target?.field ?? ''] ?? null, value: value ?? '' });
}
function warn(message: string, target?: ProblemTarget, value?: string): StandardProblem {
  return standardProblem('warning', message, target, { column: COLUMN_OF_FIELD[target?.field ?? ''] ?? null, value: value ?? '' });
}

/** Problems of one item's method parameters (also used by the editor for live checks). */
export function validateItem(item: StandardItem, catalogue: MetricCatalogue = METRIC_CATALOGUE): StandardProblem[] {
  const out: StandardProblem[] = [];
  const at = (field: string): ProblemTarget => ({ kind: 'item', code: item.code, field });
  const name = `${item.code}“${item.title}”`;
  const m = item.method;
  switch (m.kind) {
    case 'manual': {
      if (m.minTenths >= item.maxTenths) {
        out.push(err(`${name}：手动评分的最低分（${pts(m.minTenths)}）应小于分值（${pts(item.maxTenths)}）`, at('method')));
      } else if ((item.maxTenths - m.minTenths) % m.stepTenths !== 0) {
        out.push(
          err(
            `${name}：步长${formatTenths(m.stepTenths)}分不能从${pts(m.minTenths)}整步到达分值${pts(item.maxTenths)}，请调整步长`,
            at('method'),
          ),
        );
      }
      if (m.allowedTenths) {
        const bad = m.allowedTenths.filter((v) => v < m.minTenths || v > item.maxTenths);
        if (bad.length)
          out.push(
            err(
              `${name}：可选分值${bad.map(formatTenths).join('、')}分不在${formatTenths(m.minTenths)}至${formatTenths(item.maxTenths)}分之间`,
              at('method'),
            ),
          );
        if (new Set(m.allowedTenths).size !== m.allowedTenths.length) out.push(err(`${name}：可选分值有重复`, at('method')));
      }
      break;
    }
    case 'deduct': {
      if (m.reasons.length === 0 && !m.allowOtherReasons) {
        out.push(err(`${name}：扣分制至少要有1条标准扣分原因，或允许填写其他原因`, at('method')));
      }
      const seen = new Set<string>();
      for (const r of m.reasons) {
        if (seen.has(r.code)) out.push(err(`${name}：扣分原因编码“${r.code}”重复`, at('method'), r.code));
        seen.add(r.code);
        if (r.amountTenths > item.maxTenths) {
          out.push(
            warn(`${name}：扣分原因“${r.text}”每次扣${pts(r.amountTenths)}，超过该项分值${pts(item.maxTenths)}（扣完为止）`, at('method')),
          );
        }
        if (r.capTenths !== undefined && r.capTenths < r.amountTenths) {
          out.push(
            err(`${name}：扣分原因“${r.text}”的最多扣分（${pts(r.capTenths)}）小于每次扣分（${pts(r.amountTenths)}）`, at('method')),
          );
        }
      }
      break;
    }
    case 'tiers': {
      if (m.pointsTenths.length !== m.criteria.length + 1) {
        out.push(
          err(
            `${name}：分档计分有${m.criteria.length}个条件，应给出满足0至${m.criteria.length}个条件时的${m.criteria.length + 1}档得分，现有${m.pointsTenths.length}档`,
            at('method'),
          ),
        );
      }
      for (let i = 1; i < m.pointsTenths.length; i++) {
        if ((m.pointsTenths[i] as number) < (m.pointsTenths[i - 1] as number)) {
          out.push(err(`${name}：满足条件越多得分不应越低（第${i + 1}档低于第${i}档）`, at('method')));
          break;
        }
      }
      const last = m.pointsTenths[m.pointsTenths.length - 1];
      if (last !== undefined && last !== item.maxTenths) {
        out.push(err(`${name}：满足全部条件的得分（${pts(last)}）应等于分值（${pts(item.maxTenths)}）`, at('method')));
      }
      break;
    }
    case 'yesno':
      break;
    case 'computed': {
      const c = compileExpression(m.expression, catalogue.resolve, 'number');
      if (!c.ok) out.push(err(`${name}的公式有误：${c.error.message}`, at('expression'), m.expression));
      if (item.frequency !== 'R') out.push(warn(`${name}：公式计算的指标通常取自名册快照，频次建议设为“名册快照”`, at('frequency')));
      break;
    }
  }
  if (!item.guide.trim()) out.push(warn(`${name}：未填写评分细则，考评员将看不到评分依据`, at('guide')));
  if (item.evidence.length === 0) out.push(warn(`${name}：未选择考核方式`, at('evidence')));
  return out;
}

/**
 * Validates a whole version (already shaped by {@link standardSchema}).
 * @param catalogue metric names computed items may use
 */
export function validateStandard(std: Standard, catalogue: MetricCatalogue = METRIC_CATALOGUE): StandardProblem[] {
  const out: StandardProblem[] = [];
  const codes = new Map<string, string>();
  const claim = (code: string, what: string, target: ProblemTarget): void => {
    const prev = codes.get(code.toUpperCase());
    if (prev) out.push(err(`编码“${code}”重复：${prev}和${what}使用了同一编码，编码在整个标准内必须唯一`, target, code));
    else codes.set(code.toUpperCase(), what);
  };

  if (std.categories.length === 0) out.push(err('标准中还没有一级指标', { kind: 'standard' }));
  let sum = 0;
  for (const cat of std.categories) {
    const ct: ProblemTarget = { kind: 'category', code: cat.code };
    claim(cat.code, `一级指标“${cat.title}”`, ct);
    sum += cat.maxTenths;
    if (cat.items.length === 0) out.push(err(`一级指标${cat.code}“${cat.title}”下还没有二级指标`, ct));
    const itemSum = cat.items.reduce((s, i) => s + i.maxTenths, 0);
    if (cat.items.length > 0 && itemSum !== cat.maxTenths) {
      out.push(
        err(`一级指标${cat.code}“${cat.title}”分值为${pts(cat.maxTenths)}，其下二级指标合计${pts(itemSum)}，两者应相等`, {
          ...ct,
          field: 'maxTenths',
        }),
      );
    }
    for (const item of cat.items) {
      claim(item.code, `二级指标“${item.title}”`, { kind: 'item', code: item.code });
      if (!item.code.toUpperCase().startsWith(cat.code.toUpperCase())) {
        out.push(
          warn(`二级指标${item.code}不以所属一级指标编码${cat.code}开头，导出后不易辨认`, { kind: 'item', code: item.code, field: 'code' }),
        );
      }
      out.push(...validateItem(item, catalogue));
    }
  }
  if (std.categories.length > 0 && sum !== std.totalTenths) {
    out.push(err(`各一级指标分值合计为${pts(sum)}，应为总分${pts(std.totalTenths)}`, { kind: 'standard', field: 'totalTenths' }));
  }

  // Bonus.
  for (const b of std.bonus.items) {
    const bt: ProblemTarget = { kind: 'bonus', code: b.code };
    claim(b.code, `加分项“${b.title}”`, bt);
    if (b.method.kind === 'levels') {
      const labels = new Set<string>();
      for (const l of b.method.levels) {
        if (labels.has(l.label)) out.push(err(`加分项${b.code}：级别“${l.label}”重复`, bt, l.label));
        labels.add(l.label);
      }
    } else if (b.capTenths % b.method.stepTenths !== 0) {
      out.push(err(`加分项${b.code}：步长${formatTenths(b.method.stepTenths)}分不能整步到达上限${pts(b.capTenths)}`, bt));
    }
    if (b.capTenths > std.bonus.capTenths) {
      out.push(warn(`加分项${b.code}的上限（${pts(b.capTenths)}）高于加分总上限（${pts(std.bonus.capTenths)}），以总上限为准`, bt));
    }
  }
  if (std.bonus.items.length > 0 && std.bonus.capTenths === 0) {
    out.push(warn('设有加分项，但加分总上限为0分，加分不会计入总分', { kind: 'standard', field: 'bonusCap' }));
  }

  for (const v of std.vetoes) claim(v.code, `否决项“${v.title}”`, { kind: 'veto', code: v.code });

  // Grade bands: best first, strictly descending, the last one catches everything.
  const bands = std.grading.bands;
  const labels = new Set<string>();
  bands.forEach((b, i) => {
    const bt: ProblemTarget = { kind: 'band', code: b.label };
    if (labels.has(b.label)) out.push(err(`等次“${b.label}”重复`, bt));
    labels.add(b.label);
    const prev = bands[i - 1];
    if (prev && b.minTenths >= prev.minTenths) {
      out.push(err(`等次“${b.label}”的最低分（${pts(b.minTenths)}）应低于上一等次“${prev.label}”（${pts(prev.minTenths)}）`, bt));
    }
    if (b.minTenths > std.totalTenths + std.bonus.capTenths) {
      out.push(warn(`等次“${b.label}”的最低分（${pts(b.minTenths)}）超过可能的最高分`, bt));
    }
    if (i === bands.length - 1) {
      if (b.minTenths !== 0) out.push(err(`最低等次“${b.label}”的最低分应为0分，否则低分社区没有等次`, bt));
      if (b.quota) out.push(err(`最低等次“${b.label}”不能设名额限制`, bt));
    }
    if (b.quota && b.quota.percent === undefined && b.quota.count === undefined) {
      out.push(err(`等次“${b.label}”的名额限制未填写比例或人数`, bt));
    }
  });

  // Ranking.
  for (const k of std.ranking.tieBreak) {
    if (k.kind === 'category' && !std.categories.some((c) => c.code === k.code)) {
      out.push(err(`并列排序规则引用了不存在的一级指标“${k.code}”`, { kind: 'ranking' }, k.code));
    }
    if (k.kind === 'item' && !std.categories.some((c) => c.items.some((i) => i.code === k.code))) {
      out.push(err(`并列排序规则引用了不存在的二级指标“${k.code}”`, { kind: 'ranking' }, k.code));
    }
  }

  // Roll-up.
  const r = std.rollUp;
  if (r.quartersPercent + r.yearEndPercent !== 100) {
    out.push(err(`年度汇总权重合计为${r.quartersPercent + r.yearEndPercent}%，应为100%`, { kind: 'rollUp' }));
  }
  if (r.yearEndPercent > 0 && !r.yearEndLabel.trim()) {
    out.push(err('年度汇总含年终部分，请填写年终部分的名称（如“年终评价”）', { kind: 'rollUp' }));
  }
  if (r.vetoAnnualGradeCap !== null && !labels.has(r.vetoAnnualGradeCap)) {
    out.push(
      err(`年度汇总中“有否决的季度最高只能评为”的等次“${r.vetoAnnualGradeCap}”不在等次划分中`, { kind: 'rollUp' }, r.vetoAnnualGradeCap),
    );
  }
  return out;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  // Schema messages are Chinese already; zod's built-in ones are English, so say it plainly.
  const chinese = /[\u4e00-\u9fff]/.test(issue.message);
  return `${path ? `${path}：` : ''}${chinese ? issue.message : '格式不正确'}`;
}

/**
 * Parses unknown data (from the database, a file or the renderer) as a standard and validates it.
 * `standard` is undefined when the shape itself is wrong.
 */
export function parseAndValidateStandard(
  input: unknown,
  catalogue: MetricCatalogue = METRIC_CATALOGUE,
): { standard: Standard | undefined; problems: StandardProblem[] } {
  const parsed = standardSchema.safeParse(input);
  if (!parsed.success) {
    return { standard: undefined, problems: parsed.error.issues.map((i) => err(issueMessage(i), { kind: 'standard' })) };
  }
  return { standard: parsed.data, problems: validateStandard(parsed.data, catalogue) };
}
