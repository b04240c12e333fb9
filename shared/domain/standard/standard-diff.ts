/**
 * Side-by-side difference between two standard versions: added, removed and changed categories,
 * items, bonus and veto items, grade bands and settings, with the points before and after.
 */
import { formatMethodParams } from './method-params';
import {
  FREQUENCY_LABELS,
  METHOD_LABELS,
  NA_POLICY_LABELS,
  VETO_EFFECT_LABELS,
  formatTenths,
  type BonusItem,
  type Standard,
  type StandardItem,
} from './standard.schema';
import { tieBreakText } from './standard-workbook';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface FieldChange {
  /** Chinese field name (分值, 评分方法, 参数, …). */
  field: string;
  before: string;
  after: string;
}

export interface EntryDiff {
  /** categories, items, bonus, vetoes, bands, settings */
  section: 'category' | 'item' | 'bonus' | 'veto' | 'band' | 'setting';
  code: string;
  title: string;
  change: ChangeKind;
  /** Points before/after (tenths) where the entry has points; null when absent on that side. */
  beforeTenths: number | null;
  afterTenths: number | null;
  fields: FieldChange[];
}

export interface StandardDiff {
  fromVersion: number;
  toVersion: number;
  entries: EntryDiff[];
  /** Counts for a summary line. */
  added: number;
  removed: number;
  changed: number;
}

function fieldsOf<T>(before: T, after: T, spec: Array<[string, (x: T) => string]>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, get] of spec) {
    const b = get(before);
    const a = get(after);
    if (a !== b) out.push({ field, before: b, after: a });
  }
  return out;
}

function compare<T extends { code: string }>(
  section: EntryDiff['section'],
  before: readonly T[],
  after: readonly T[],
  titleOf: (x: T) => string,
  pointsOf: (x: T) => number | null,
  spec: Array<[string, (x: T) => string]>,
): EntryDiff[] {
  const out: EntryDiff[] = [];
  const b = new Map(before.map((x) => [x.code, x]));
  const a = new Map(after.map((x) => [x.code, x]));
  // Keep the new version's order, then what was removed in the old order.
  for (const x of after) {
    const old = b.get(x.code);
    if (!old) {
      out.push({ section, code: x.code, title: titleOf(x), change: 'added', beforeTenths: null, afterTenths: pointsOf(x), fields: [] });
      continue;
    }
    const fields = fieldsOf(old, x, spec);
    if (fields.length)
      out.push({
        section,
        code: x.code,
        title: titleOf(x),
        change: 'changed',
        beforeTenths: pointsOf(old),
        afterTenths: pointsOf(x),
        fields,
      });
  }
  for (const x of before) {
    if (!a.has(x.code))
      out.push({ section, code: x.code, title: titleOf(x), change: 'removed', beforeTenths: pointsOf(x), afterTenths: null, fields: [] });
  }
  return out;
}

const pts = (t: number) => `${formatTenths(t)}分`;

function bonusDetail(b: BonusItem): string {
  return b.method.kind === 'levels'
    ? b.method.levels.map((l) => `${l.label}${formatTenths(l.pointsTenths)}分`).join('、')
    : `手动评分，步长${formatTenths(b.method.stepTenths)}分`;
}

/** Differences from version `a` to version `b`. */
export function diffStandards(a: Standard, b: Standard): StandardDiff {
  const entries: EntryDiff[] = [];
  entries.push(
    ...compare(
      'category',
      a.categories,
      b.categories,
      (c) => c.title,
      (c) => c.maxTenths,
      [
        ['名称', (c) => c.title],
        ['分值', (c) => pts(c.maxTenths)],
      ],
    ),
  );
  type Placed = StandardItem & { categoryCode: string };
  const items = (s: Standard): Placed[] => s.categories.flatMap((c) => c.items.map((i) => ({ ...i, categoryCode: c.code })));
  entries.push(
    ...compare<Placed>(
      'item',
      items(a),
      items(b),
      (i) => i.title,
      (i) => i.maxTenths,
      [
        ['所属一级指标', (i) => i.categoryCode],
        ['名称', (i) => i.title],
        ['分值', (i) => pts(i.maxTenths)],
        ['评分方法', (i) => METHOD_LABELS[i.method.kind]],
        ['参数', (i) => formatMethodParams(i.method)],
        ['考核方式', (i) => i.evidence.join('、')],
        ['频次', (i) => FREQUENCY_LABELS[i.frequency]],
        ['评分细则', (i) => i.guide],
      ],
    ),
  );
  entries.push(
    ...compare(
      'bonus',
      a.bonus.items,
      b.bonus.items,
      (x) => x.title,
      (x) => x.capTenths,
      [
        ['名称', (x) => x.title],
        ['单项上限', (x) => pts(x.capTenths)],
        ['级别及分值', bonusDetail],
        ['说明', (x) => x.guide],
      ],
    ),
  );
  entries.push(
    ...compare(
      'veto',
      a.vetoes,
      b.vetoes,
      (x) => x.title,
      () => null,
      [
        ['名称', (x) => x.title],
        ['否决后果', (x) => VETO_EFFECT_LABELS[x.effect]],
        ['说明', (x) => x.guide],
      ],
    ),
  );
  const bands = (s: Standard) => s.grading.bands.map((x) => ({ ...x, code: x.label }));
  entries.push(
    ...compare(
      'band',
      bands(a),
      bands(b),
      (x) => x.label,
      (x) => x.minTenths,
      [
        ['最低分', (x) => pts(x.minTenths)],
        [
          '名额',
          (x) =>
            [x.quota?.percent !== undefined ? `${x.quota.percent}%` : '', x.quota?.count !== undefined ? `${x.quota.count}个` : '']
              .filter(Boolean)
              .join('，') || '不限',
        ],
      ],
    ),
  );
  const settings: Array<[string, (s: Standard) => string]> = [
    ['标准名称', (s) => s.name],
    ['基础总分', (s) => pts(s.totalTenths)],
    ['加分上限', (s) => pts(s.bonus.capTenths)],
    ['不适用项处理', (s) => NA_POLICY_LABELS[s.naPolicy]],
    ['有否决项的社区排在最后', (s) => (s.ranking.vetoedLast ? '是' : '否')],
    ['总分相同时依次比较', (s) => s.ranking.tieBreak.map(tieBreakText).join(' > ')],
    ['名额边界上并列时', (s) => (s.grading.quotaTies === 'demoteAll' ? '全部降入下一等次' : '全部保留该等次')],
    [
      '年度汇总',
      (s) =>
        `季度平均${s.rollUp.quartersPercent}%${s.rollUp.yearEndPercent ? ` + ${s.rollUp.yearEndLabel}${s.rollUp.yearEndPercent}%` : ''}`,
    ],
    ['有否决项的季度，年度最高等次', (s) => s.rollUp.vetoAnnualGradeCap ?? '不限'],
  ];
  for (const [label, get] of settings) {
    const before = get(a);
    const after = get(b);
    if (before !== after)
      entries.push({
        section: 'setting',
        code: label,
        title: label,
        change: 'changed',
        beforeTenths: null,
        afterTenths: null,
        fields: [{ field: label, before, after }],
      });
  }
  return {
    fromVersion: a.version,
    toVersion: b.version,
    entries,
    added: entries.filter((e) => e.change === 'added').length,
    removed: entries.filter((e) => e.change === 'removed').length,
    changed: entries.filter((e) => e.change === 'changed').length,
  };
}
