/**
 * The 参数 cell of an exported standard: a scoring method's parameters as text an office can read
 * and edit in Excel/WPS, and the parser that reads it back. Format per method:
 *
 *   手动评分   最低0分，步长0.5分                      (the maximum is the item's 分值)
 *   扣分制     one line per standard reason:  [A4-1] 每次扣0.5分，最多扣2分：缺少本季度专题会议记录
 *              and a last line 允许填写其他扣分原因 / 只能选择以上扣分原因
 *   分档计分   one line per criterion:  条件1：…   and a last line  得分：0/1/2/4  (for 0…n criteria met)
 *   是否达标   empty
 *   公式计算   the expression itself
 *
 * format → parse is lossless for every valid method.
 */
import { fromDecimalString, toTenthsHalfUp } from '../expression/rational';
import { METHOD_LABELS, formatTenths, type DeductionReason, type MethodKind, type ScoringMethod } from './standard.schema';

/** Method kind from its Chinese label (or the internal name). */
export function methodKindFromLabel(label: string): MethodKind | undefined {
  const t = label.trim();
  for (const [kind, l] of Object.entries(METHOD_LABELS) as [MethodKind, string][]) {
    if (t === l || t === kind) return kind;
  }
  const aliases: Record<string, MethodKind> = {
    手动: 'manual',
    手工评分: 'manual',
    扣分: 'deduct',
    扣分法: 'deduct',
    分档: 'tiers',
    是否: 'yesno',
    公式: 'computed',
    计算: 'computed',
  };
  return aliases[t];
}

const OTHER_ALLOWED = '允许填写其他扣分原因';
/** Second line of a banded manual item's 参数: the only values its bands allow. */
const ALLOWED_LABEL = '可选分值';
const OTHER_REFUSED = '只能选择以上扣分原因';

/** The 参数 text of a method. */
export function formatMethodParams(method: ScoringMethod): string {
  switch (method.kind) {
    case 'manual':
      return `最低${formatTenths(method.minTenths)}分，步长${formatTenths(method.stepTenths)}分${
        method.allowedTenths ? `\n${ALLOWED_LABEL}：${method.allowedTenths.map(formatTenths).join('/')}分` : ''
      }`;
    case 'deduct':
      return [
        ...method.reasons.map(
          (r) =>
            `[${r.code}] 每次扣${formatTenths(r.amountTenths)}分${r.capTenths !== undefined ? `，最多扣${formatTenths(r.capTenths)}分` : ''}：${r.text}`,
        ),
        method.allowOtherReasons ? OTHER_ALLOWED : OTHER_REFUSED,
      ].join('\n');
    case 'tiers':
      return [...method.criteria.map((c, i) => `条件${i + 1}：${c}`), `得分：${method.pointsTenths.map(formatTenths).join('/')}`].join(
        '\n',
      );
    case 'yesno':
      return '';
    case 'computed':
      return method.expression;
  }
}

/** Full-width digits, dot and colon typed in WPS → ASCII, for reading numbers only. */
function asciiNumber(text: string): string {
  return text.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
}

/** Points text → tenths; undefined unless a non-negative number with at most one decimal place. */
export function parsePointsText(text: string): number | undefined {
  const t = asciiNumber(text);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return undefined;
  // Refuse 0.25 rather than silently rounding it: scores are kept to 0.1 分.
  if ((m[2] ?? '').replace(/0+$/, '').length > 1) return undefined;
  const r = fromDecimalString(t);
  return r ? toTenthsHalfUp(r) : undefined;
}

const NUM = '([0-9０-９]+(?:[.．][0-9０-９]+)?)';
const MANUAL_RE = new RegExp(`^最低\\s*${NUM}\\s*分?\\s*[，,;；\\s]\\s*步长\\s*${NUM}\\s*分?$`);
const REASON_RE = new RegExp(
  `^[\\[【]\\s*([A-Za-z0-9][A-Za-z0-9._-]*)\\s*[\\]】]\\s*每次扣\\s*${NUM}\\s*分(?:\\s*[，,]\\s*最多扣\\s*${NUM}\\s*分)?\\s*[:：]\\s*(.+)$`,
);
const CRITERION_RE = /^条件\s*(\d+)\s*[:：]\s*(.+)$/;
const TIER_POINTS_RE = /^得分\s*[:：]\s*(.+)$/;

export type ParamsResult = { ok: true; method: ScoringMethod } | { ok: false; message: string };

function fail(message: string): ParamsResult {
  return { ok: false, message };
}

/**
 * Parses the 参数 text for a method kind. Messages say what the cell should look like.
 * @param maxTenths the item's 分值 (manual items need it only for messages)
 */
export function parseMethodParams(kind: MethodKind, text: string): ParamsResult {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  switch (kind) {
    case 'manual': {
      const allowedLine = lines.findIndex((l) => l.startsWith(ALLOWED_LABEL));
      let allowedTenths: number[] | undefined;
      if (allowedLine >= 0) {
        const list = (lines.splice(allowedLine, 1)[0] ?? '')
          .slice(ALLOWED_LABEL.length)
          .replace(/^\s*[:：]\s*/, '')
          .replace(/分\s*$/, '');
        const values = list
          .split(/[/、,，\s]+/)
          .filter((v) => v !== '')
          .map((v) => parsePointsText(v.replace(/分$/, '')));
        if (values.length < 2 || values.some((v) => v === undefined))
          return fail(`${ALLOWED_LABEL}应写成“${ALLOWED_LABEL}：3/2.4/1.8/0分”，至少2个，精确到0.1分`);
        allowedTenths = values as number[];
      }
      const m = MANUAL_RE.exec(lines.join(' '));
      if (!m) return fail('手动评分的参数应写成“最低0分，步长0.5分”');
      const minTenths = parsePointsText(m[1] ?? '');
      const stepTenths = parsePointsText(m[2] ?? '');
      if (minTenths === undefined || stepTenths === undefined) return fail('手动评分的最低分和步长须精确到0.1分');
      if (stepTenths <= 0) return fail('手动评分的步长须大于0');
      return { ok: true, method: { kind: 'manual', minTenths, stepTenths, ...(allowedTenths ? { allowedTenths } : {}) } };
    }
    case 'deduct': {
      const reasons: DeductionReason[] = [];
      let allowOtherReasons = true;
      for (const [i, line] of lines.entries()) {
        if (line === OTHER_ALLOWED) {
          allowOtherReasons = true;
          continue;
        }
        if (line === OTHER_REFUSED) {
          allowOtherReasons = false;
          continue;
        }
        const m = REASON_RE.exec(line);
        if (!m) return fail(`扣分制参数第${i + 1}行无法识别，应写成“[A4-1] 每次扣0.5分，最多扣2分：扣分原因”（“最多扣…分”可省略）`);
        const amountTenths = parsePointsText(m[2] ?? '');
        const capTenths = m[3] === undefined ? undefined : parsePointsText(m[3]);
        if (amountTenths === undefined || amountTenths <= 0 || (m[3] !== undefined && (capTenths === undefined || capTenths <= 0))) {
          return fail(`扣分制参数第${i + 1}行的扣分须大于0且精确到0.1分`);
        }
        const reason: DeductionReason = { code: m[1] ?? '', text: (m[4] ?? '').trim(), amountTenths };
        if (capTenths !== undefined) reason.capTenths = capTenths;
        reasons.push(reason);
      }
      return { ok: true, method: { kind: 'deduct', reasons, allowOtherReasons } };
    }
    case 'tiers': {
      const criteria: string[] = [];
      let points: number[] | undefined;
      for (const [i, line] of lines.entries()) {
        const c = CRITERION_RE.exec(line);
        if (c) {
          if (Number(c[1]) !== criteria.length + 1) return fail(`分档条件应按“条件1、条件2…”顺序编号，第${i + 1}行是“条件${c[1]}”`);
          criteria.push((c[2] ?? '').trim());
          continue;
        }
        const p = TIER_POINTS_RE.exec(line);
        if (p) {
          const parts = (p[1] ?? '').split(/[/／、,，\s]+/).filter(Boolean);
          const parsed = parts.map(parsePointsText);
          if (parsed.some((x) => x === undefined)) return fail('分档得分应写成“得分：0/1/2/4”，分值精确到0.1分');
          points = parsed as number[];
          continue;
        }
        return fail(`分档计分参数第${i + 1}行无法识别，应为“条件1：…”或“得分：0/1/2/4”`);
      }
      if (criteria.length === 0) return fail('分档计分至少要有1行“条件1：…”');
      if (!points) return fail('分档计分缺少“得分：…”一行（满足0至全部条件时的得分，用/分隔）');
      return { ok: true, method: { kind: 'tiers', criteria, pointsTenths: points } };
    }
    case 'yesno':
      return { ok: true, method: { kind: 'yesno' } };
    case 'computed': {
      const expression = text.trim();
      if (!expression) return fail('公式计算的参数应填写计算公式，例如 if(gridCount = 0, 0, 3 * gridsWithin300to500 / gridCount)');
      return { ok: true, method: { kind: 'computed', expression } };
    }
  }
}
