/**
 * 结果与报告: the data behind the quarterly report (季度考评通报), the annual report and the results
 * workbook, and the PDFs made from it. Every PDF is rendered on the main side (a worker thread, the
 * same runtime for every door) and staged: the renderer previews and saves the staged file, the CLI
 * copies it to --out. The workbook is written on the main side and staged too.
 */
import { z } from 'zod';
import { ALL_ROLES, defineChannel } from '../channel';
import { annualReportDataSchema, quarterlyReportDataSchema } from '../../report/report-data';
import { unitKindSchema } from '../../domain/levels/levels';
import { documentSettingsPatchSchema, documentSettingsSchema } from '../../domain/settings/document-settings';
import { roundIdSchema } from '../../domain/round/round-id.schema';

const nameSchema = z.string().trim().max(20, '姓名不能超过20个字').optional();
const dateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2021-10-15')
  .optional();

/** Names and date printed in the signature block (blank lines when omitted). */
export const signatureInputSchema = z.object({ leader: nameSchema, reviewer: nameSchema, date: dateSchema });

/** The year, and which appraised units to roll up (a 市 has 县区 and 成员单位; default the level's main kind). */
const annualInputSchema = signatureInputSchema
  .extend({ year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确'), kind: unitKindSchema.optional() })
  .strict();

/** A rendered PDF, staged for preview and saving. */
export const stagedPdfSchema = z.object({
  fileId: z.string(),
  /** The file name to save it under. */
  name: z.string(),
  bytes: z.number().int(),
  /** Characters no font on this PC could print (the user is told; empty when all printed). */
  missingGlyphs: z.array(z.string()),
  millis: z.number(),
});
export type StagedPdf = z.infer<typeof stagedPdfSchema>;

/** A 通报 or 公示 PDF with what the page and the CLI say about it. */
export const reportPdfSchema = stagedPdfSchema.extend({
  title: z.string(),
  finalized: z.boolean(),
  /** 定稿, 草稿 or 公示. */
  status: z.string(),
  contentHash: z.string().nullable(),
  communities: z.number().int(),
  /** What the report's units are (社区, or 街道 / 县区 / 成员单位): `communities` counts them. */
  unitKind: unitKindSchema.default('社区'),
  /** The 公示期 of a notice, else null. */
  notice: z.object({ from: z.string(), to: z.string() }).nullable(),
});
export type ReportPdfDto = z.infer<typeof reportPdfSchema>;

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
  /** The quarterly report as a staged PDF (rendered on the main side). */
  'report:quarterlyPdf': defineChannel({
    input: signatureInputSchema.extend({ roundId: roundIdSchema }).strict(),
    output: reportPdfSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '生成季度考评通报',
  }),
  /** The 公示 notice as a staged PDF. */
  'report:noticePdf': defineChannel({
    input: z.object({ roundId: roundIdSchema, from: dateSchema, to: dateSchema, date: dateSchema }).strict(),
    output: reportPdfSchema,
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
    input: annualInputSchema,
    output: annualReportDataSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '生成年度考评报告',
  }),
  /** The annual report as a staged PDF. */
  'report:annualPdf': defineChannel({
    input: annualInputSchema,
    output: reportPdfSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '生成年度考评报告',
  }),
  /** The results workbook (.xlsx: 汇总, 明细, 扣分明细, 整改清单), staged for saving. */
  'report:exportResults': defineChannel({
    input: z.object({ roundId: roundIdSchema }).strict(),
    output: z.object({
      fileId: z.string(),
      name: z.string(),
      communities: z.number().int(),
      deductions: z.number().int(),
      rectifications: z.number().int(),
    }),
    roles: ALL_ROLES,
    writes: false,
    summary: '导出考评结果表',
  }),
};
