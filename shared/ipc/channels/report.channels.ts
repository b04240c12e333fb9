/**
 * 结果与报告: the data behind the quarterly report (季度考评通报), the annual report and the results
 * workbook. PDFs are rendered from this data by the renderer's worker (and by the CLI in Node), so
 * these channels return data, not PDFs; the workbook is written on the main side and staged.
 */
import { z } from 'zod';
import { ALL_ROLES, defineChannel } from '../channel';
import { annualReportDataSchema, quarterlyReportDataSchema } from '../../report/report-data';
import { documentSettingsPatchSchema, documentSettingsSchema } from '../../domain/settings/document-settings';

const roundIdSchema = z
  .string()
  .trim()
  .regex(/^\d{4}Q[1-4]$/, '考评轮次编号应形如 2021Q3');
const nameSchema = z.string().trim().max(20, '姓名不能超过20个字').optional();
const dateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2021-10-15')
  .optional();

/** Names and date printed in the signature block (blank lines when omitted). */
export const signatureInputSchema = z.object({ leader: nameSchema, reviewer: nameSchema, date: dateSchema });

export const fallbackFontSchema = z.object({
  family: z.string(),
  /** TrueType/OpenType bytes, base64. */
  normal: z.string(),
  bold: z.string().nullable(),
  /** The face inside a .ttc collection, else null. */
  postscriptName: z.string().nullable(),
});
export type FallbackFontDto = z.infer<typeof fallbackFontSchema>;

export const reportChannels = {
  /** Data of a round's quarterly report; a finalized round carries its content hash. */
  'report:quarterlyData': defineChannel({
    input: signatureInputSchema.extend({ roundId: roundIdSchema }).strict(),
    output: quarterlyReportDataSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '生成季度考评通报',
  }),
  /**
   * Data of a round's 公示 notice (results, 公示期, where and until when to appeal): only once the
   * round is published. `from`/`to` default to today and six days later.
   */
  'report:noticeData': defineChannel({
    input: z.object({ roundId: roundIdSchema, from: dateSchema, to: dateSchema, date: dateSchema }).strict(),
    output: quarterlyReportDataSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '生成考评结果公示',
  }),
  /** The office's 公文 settings printed on every report (文号前缀, 主送, 抄送, 印发机关 …). */
  'report:documentSettings': defineChannel({
    input: z.object({}).strict(),
    output: documentSettingsSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '读取公文设置',
  }),
  'report:updateDocumentSettings': defineChannel({
    input: documentSettingsPatchSchema,
    output: documentSettingsSchema,
    roles: ['admin'],
    writes: true,
    summary: '修改公文设置',
  }),
  /** The PC's own 仿宋/黑体/楷体/小标宋 (TrueType bytes, base64) for the PDF worker; empty when absent. */
  'report:systemFonts': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ fonts: z.array(z.object({ family: z.string(), normal: z.string() })) }),
    roles: ALL_ROLES,
    writes: false,
    summary: '读取系统公文字体',
  }),
  /** The 发文字号 a round would be finalized under now (the one asked for is checked to be free). */
  'report:proposeDocNumber': defineChannel({
    input: z
      .object({ roundId: roundIdSchema, docNumber: z.number().int().min(1, '文号应为正整数').max(9999, '文号应为正整数').optional() })
      .strict(),
    output: z.object({ year: z.number().int(), seq: z.number().int(), docNumber: z.string().nullable() }),
    roles: ['admin', 'reviewer'],
    writes: false,
    summary: '拟定发文字号',
  }),
  /** Checks the 校验码 of a printed 通报 against the issues stored at finalization. */
  'report:verify': defineChannel({
    input: z.object({ code: z.string().max(200) }).strict(),
    output: z.object({
      match: z.boolean(),
      round: z.string().optional(),
      finalizedAt: z.string().optional(),
      docNumber: z.string().nullable().optional(),
      reason: z.string().optional(),
    }),
    roles: ALL_ROLES,
    writes: false,
    summary: '核验通报校验码',
  }),
  /** Data of the annual report: four quarters, annual score by the roll-up rule, grade, rank. */
  'report:annualData': defineChannel({
    input: signatureInputSchema.extend({ year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确') }).strict(),
    output: annualReportDataSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '生成年度考评报告',
  }),
  /** The results workbook (.xlsx: 汇总, 明细, 扣分明细, 整改清单), staged for saving. */
  'report:exportResults': defineChannel({
    input: z.object({ roundId: roundIdSchema }).strict(),
    output: z.object({ fileId: z.string(), name: z.string(), communities: z.number().int() }),
    roles: ALL_ROLES,
    writes: false,
    summary: '导出考评结果表',
  }),
  /**
   * Fonts for rare characters the bundled Noto Sans SC lacks (e.g. 𠮷), for the PDF worker: only the
   * faces needed by `characters` (the distinct characters of a report), plus those no font has.
   */
  'report:fallbackFonts': defineChannel({
    input: z.object({ characters: z.string().max(50_000) }).strict(),
    output: z.object({ fonts: z.array(fallbackFontSchema), missing: z.array(z.string()) }),
    roles: ALL_ROLES,
    writes: false,
    summary: '读取生僻字字体',
  }),
};
