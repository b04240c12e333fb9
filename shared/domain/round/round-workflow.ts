/**
 * The quarterly round's workflow: 草稿 → 已提交 → 退回 / 已审核 → 公示 (申诉 are records made while
 * published) → 定稿. Pure rules; the rounds service enforces them on every write.
 */

export const ROUND_STATES = ['draft', 'submitted', 'returned', 'reviewed', 'published', 'finalized'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

export const ROUND_STATE_LABELS: Record<RoundState, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '退回',
  reviewed: '已审核',
  published: '公示',
  finalized: '定稿',
};

/** Status of one community's form inside a round (the progress matrix). */
export const FORM_STATUSES = ['draft', 'submitted', 'returned', 'reviewed'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];
export const FORM_STATUS_LABELS: Record<FormStatus, string> = {
  draft: '评分中',
  submitted: '已提交',
  returned: '退回修改',
  reviewed: '已审核',
};

/** Allowed transitions (unlocking a finalized round is a separate, reasoned action). */
const TRANSITIONS: Record<RoundState, readonly RoundState[]> = {
  draft: ['submitted'],
  submitted: ['returned', 'reviewed'],
  returned: ['submitted'],
  reviewed: ['returned', 'published'],
  published: ['finalized'],
  finalized: [],
};

/** States the round may move to from `from`. */
export function nextStates(from: RoundState): readonly RoundState[] {
  return TRANSITIONS[from];
}

/**
 * Why `from → to` is not allowed, in Chinese, or undefined when it is.
 * The message says what to do instead.
 */
export function transitionProblem(from: RoundState, to: RoundState): string | undefined {
  if (TRANSITIONS[from].includes(to)) return undefined;
  const f = ROUND_STATE_LABELS[from];
  const t = ROUND_STATE_LABELS[to];
  if (from === to) return `本轮考评已是“${f}”状态，无需重复操作。`;
  if (from === 'finalized') return `本轮考评已定稿并锁定，不能改为“${t}”。如确需修改，请由审核人填写理由后解锁。`;
  const allowed = TRANSITIONS[from].map((s) => `“${ROUND_STATE_LABELS[s]}”`).join('或');
  const hint: Partial<Record<RoundState, string>> = {
    draft: '请先提交全部社区的评分表。',
    submitted: '请先审核（通过或退回）。',
    returned: '请考评员修改后重新提交。',
    reviewed: '请先公示。',
    published: '公示期结束、申诉处理完毕后方可定稿。',
  };
  return `当前为“${f}”状态，不能直接改为“${t}”，只能改为${allowed}。${hint[from] ?? ''}`;
}

/** Whether assessors may change scores in this round state. */
export function scoresEditable(state: RoundState): boolean {
  return state === 'draft' || state === 'returned';
}

/**
 * Round id from year and quarter: 2021, 3 → "2021Q3". A 市 holds two rounds a quarter (its 县区 and
 * its 成员单位): the round of a kind other than the level's main kind is suffixed with that kind,
 * 2021, 3, "成员单位" → "2021Q3-成员单位".
 */
export function roundId(year: number, quarter: number, kindSuffix?: string): string {
  return kindSuffix ? `${year}Q${quarter}-${kindSuffix}` : `${year}Q${quarter}`;
}

/** A round id in canonical form, as a regular expression source: 2021Q3 or 2021Q3-成员单位. */
export const ROUND_ID_SOURCE = String.raw`\d{4}Q[1-4](?:-(?:社区|街道|县区|成员单位))?`;

/** Parses "2021Q3" (also "2021q3", "2021-Q3"); undefined when it is not a round id. */
export function parseRoundId(text: string): { year: number; quarter: 1 | 2 | 3 | 4 } | undefined {
  const m = /^(\d{4})-?[Qq]([1-4])$/.exec(text.trim());
  if (!m) return undefined;
  return { year: Number(m[1]), quarter: Number(m[2]) as 1 | 2 | 3 | 4 };
}

/**
 * A round named on the command line or in a link, in canonical form: "2021q3" → "2021Q3",
 * "2021Q3-成员单位" stays; undefined when it names no round.
 */
export function canonicalRoundId(text: string): string | undefined {
  const m = /^(.*?)(?:-(社区|街道|县区|成员单位))?$/.exec(text.trim());
  const quarter = m ? parseRoundId(m[1] ?? '') : undefined;
  return quarter && m ? roundId(quarter.year, quarter.quarter, m[2]) : undefined;
}

/** The kind suffix of a round id: "成员单位" for 2021Q3-成员单位, undefined for 2021Q3. */
export function roundKindSuffix(id: string): string | undefined {
  return /-(社区|街道|县区|成员单位)$/.exec(id)?.[1];
}

/** The quarter before: 2021Q1 → 2020Q4. */
export function previousRoundId(year: number, quarter: number): string {
  return quarter === 1 ? roundId(year - 1, 4) : roundId(year, quarter - 1);
}

/** 2021年第三季度. */
export function roundTitle(year: number, quarter: number): string {
  return `${year}年第${['一', '二', '三', '四'][quarter - 1] ?? quarter}季度`;
}

/** Last day of the quarter as ISO date (the snapshot's reference date for ages etc.). */
export function quarterEndDate(year: number, quarter: number): string {
  const month = quarter * 3;
  const day = [31, 30, 30, 31][quarter - 1] ?? 31;
  return `${year}-${String(month).padStart(2, '0')}-${day}`;
}
