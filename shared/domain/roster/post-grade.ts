/**
 * "四岗十八级": 岗位类别 -> allowed 岗位等级 range. Kept as editable data because 漯河's own document
 * is not public and other cities use 三岗十八级 or 四岗二十四级 (domain.md (d)).
 */
import { z } from 'zod';

export const postGradeRangeSchema = z.object({
  post: z.string().min(1),
  min: z.number().int().min(1),
  max: z.number().int().min(1),
  holders: z.string().default(''),
});

export const postGradeTableSchema = z
  .object({
    name: z.string().min(1),
    maxGrade: z.number().int().min(1).max(60),
    posts: z.array(postGradeRangeSchema).min(1),
  })
  .superRefine((table, ctx) => {
    const seen = new Set<string>();
    table.posts.forEach((p, i) => {
      if (p.min > p.max) ctx.addIssue({ code: 'custom', path: ['posts', i], message: `“${p.post}”的最低等级大于最高等级` });
      if (p.max > table.maxGrade)
        ctx.addIssue({ code: 'custom', path: ['posts', i], message: `“${p.post}”的最高等级超过 ${table.maxGrade}` });
      if (seen.has(p.post)) ctx.addIssue({ code: 'custom', path: ['posts', i], message: `岗位类别“${p.post}”重复` });
      seen.add(p.post);
    });
  });

export type PostGradeRange = z.infer<typeof postGradeRangeSchema>;
export type PostGradeTable = z.infer<typeof postGradeTableSchema>;

/** Default table: 社区正职 7–18, 社区副职 5–16, 专职委员 3–14, 工作人员 1–12 ([S32], confidence medium-low). */
export const DEFAULT_POST_GRADE_TABLE: PostGradeTable = {
  name: '四岗十八级（默认）',
  maxGrade: 18,
  posts: [
    { post: '正职', min: 7, max: 18, holders: '党组织书记、居委会主任（含一肩挑）' },
    { post: '副职', min: 5, max: 16, holders: '副书记、副主任' },
    { post: '专职委员', min: 3, max: 14, holders: '其他专职“两委”成员' },
    { post: '工作人员', min: 1, max: 12, holders: '其他社区专职工作者' },
  ],
};

export type GradeCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: 'unknown-post' | 'out-of-range'; readonly message: string };

/** Checks that a grade lies in its post's range of the given table. */
export function checkGradeInPost(table: PostGradeTable, post: string, grade: number): GradeCheck {
  const range = table.posts.find((p) => p.post === post);
  if (!range) {
    const names = table.posts.map((p) => p.post).join('、');
    return { ok: false, reason: 'unknown-post', message: `岗位类别“${post}”不在岗位等级表中，请填写 ${names} 之一` };
  }
  if (grade < range.min || grade > range.max) {
    return {
      ok: false,
      reason: 'out-of-range',
      message: `${post}的岗位等级应在 ${range.min}–${range.max} 级之间，这里是 ${grade} 级，请核对岗位类别或等级`,
    };
  }
  return { ok: true };
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Parses "12", "12级", "十二级", "第12级" to 12; null when not a grade. */
export function parseGradeText(raw: string): number | null {
  const s = raw.normalize('NFKC').replace(/\s/g, '').replace(/^第/, '').replace(/级$/, '');
  if (/^\d{1,2}$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const [, a, ten, b] = m;
  if (ten) return (a ? (CHINESE_DIGITS[a] ?? 0) : 1) * 10 + (b ? (CHINESE_DIGITS[b] ?? 0) : 0);
  if (a && !b) return CHINESE_DIGITS[a] ?? null;
  return null;
}
