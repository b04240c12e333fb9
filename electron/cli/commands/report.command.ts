/**
 * Reports from the command line: the quarterly report and the annual report as PDF (rendered with
 * pdfmake in Node from the same document definitions as the app), and the results workbook.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseRoundId } from '../../../shared/domain/round/round-workflow';
import { AppError } from '../../../shared/ipc/errors';
import { buildAnnualReport } from '../../../shared/report/annual-report.builder';
import { buildQuarterlyReport } from '../../../shared/report/quarterly-report.builder';
import { annualReportDataSchema, quarterlyReportDataSchema } from '../../../shared/report/report-data';
import { buildResultsWorkbookLayout } from '../../../shared/report/results-workbook.layout';
import { writeResultsWorkbook } from '../../core/io/excel/results-workbook.writer';
import { renderPdfToFile } from '../../core/io/pdf/pdf-renderer';
import { resultsWorkbookData } from '../../core/services/report.service';
import type { CliCommand, CliIo } from '../cli-command';

function roundArg(io: CliIo, usage: string): string {
  const raw = io.args.positionals[0];
  const parsed = raw ? parseRoundId(raw) : undefined;
  if (!parsed) throw new AppError('INVALID_INPUT', `请指定考评轮次，如 2021Q3。用法：npm run cli -- ${usage}`);
  return `${parsed.year}Q${parsed.quarter}`;
}

/** The --out file, resolved; its folder must exist (we do not create folders the user did not ask for). */
function outFile(io: CliIo, usage: string, ext: string): string {
  const out = io.option('out');
  if (!out) throw new AppError('INVALID_INPUT', `请用 --out 指定输出文件。用法：npm run cli -- ${usage}`);
  const file = path.resolve(out);
  if (path.extname(file).toLowerCase() !== ext) throw new AppError('INVALID_INPUT', `输出文件应以 ${ext} 结尾，收到「${out}」。`);
  if (!fs.existsSync(path.dirname(file))) throw new AppError('INVALID_FILE', `文件夹不存在：${path.dirname(file)}。请先创建该文件夹或换一个位置。`);
  return file;
}

function signatureOptions(io: CliIo): { leader?: string; reviewer?: string; date?: string } {
  const out: { leader?: string; reviewer?: string; date?: string } = {};
  const leader = io.option('leader');
  const reviewer = io.option('reviewer');
  const date = io.option('date');
  if (leader !== undefined) out.leader = leader;
  if (reviewer !== undefined) out.reviewer = reviewer;
  if (date !== undefined) out.date = date;
  return out;
}

function missingNote(missing: string[]): string {
  return missing.length ? `\n注意：以下字符没有可用字体，未能打印：${missing.join(' ')}。请安装含 CJK 扩展字符的字体（如 SimSun-ExtB）后重新生成。` : '';
}

export const reportCommands: CliCommand[] = [
  {
    words: ['report', 'quarterly'],
    summary: '生成季度考评通报 PDF（未定稿时每页带“草稿”水印）',
    usage: 'report quarterly <轮次> --out 文件.pdf [--leader 考评组组长] [--reviewer 审核人] [--date 2021-10-15] [--db 文件] [--json]',
    async run(io) {
      const roundId = roundArg(io, this.usage);
      const file = outFile(io, this.usage, '.pdf');
      const data = await io.call('report:quarterlyData', { roundId, ...signatureOptions(io) });
      const result = await renderPdfToFile(buildQuarterlyReport(quarterlyReportDataSchema.parse(data)), file);
      const json = { round: roundId, file, bytes: result.buffer.length, finalized: data.finalization.finalized, contentHash: data.finalization.contentHash, communities: data.communities.length, missingGlyphs: result.missingGlyphs };
      io.print(json, `已生成${data.round.year}年${data.round.quarter}季度考评通报（${data.finalization.finalized ? '定稿' : '草稿'}，${data.communities.length}个社区）：${file}${missingNote(result.missingGlyphs)}`);
      return 0;
    },
  },
  {
    words: ['report', 'annual'],
    summary: '生成年度考评结果报告 PDF',
    usage: 'report annual <年份> --out 文件.pdf [--leader 考评组组长] [--reviewer 审核人] [--date 2022-01-10] [--db 文件] [--json]',
    async run(io) {
      const raw = io.args.positionals[0] ?? '';
      if (!/^\d{4}$/.test(raw)) throw new AppError('INVALID_INPUT', `请指定年份，如 2021。用法：npm run cli -- ${this.usage}`);
      const year = Number(raw);
      const file = outFile(io, this.usage, '.pdf');
      const data = await io.call('report:annualData', { year, ...signatureOptions(io) });
      const result = await renderPdfToFile(buildAnnualReport(annualReportDataSchema.parse(data)), file);
      const json = { year, file, bytes: result.buffer.length, finalized: data.finalization.finalized, contentHash: data.finalization.contentHash, communities: data.communities.length, missingGlyphs: result.missingGlyphs };
      io.print(json, `已生成${year}年度考评结果报告（${data.finalization.finalized ? '定稿' : '草稿'}，${data.communities.length}个社区）：${file}${missingNote(result.missingGlyphs)}`);
      return 0;
    },
  },
  {
    words: ['results', 'export'],
    summary: '导出考评结果表 Excel（汇总、明细、扣分明细、整改清单）',
    usage: 'results export <轮次> --out 文件.xlsx [--db 文件] [--json]',
    async run(io) {
      const roundId = roundArg(io, this.usage);
      const file = outFile(io, this.usage, '.xlsx');
      // Read through the contract first so the caller's role is checked like every other door.
      await io.call('rounds:get', { roundId });
      const data = await resultsWorkbookData(io.ctx.app, roundId);
      await writeResultsWorkbook(buildResultsWorkbookLayout(data), file);
      io.print(
        { round: roundId, file, communities: data.communities.length, deductions: data.deductions.length, rectifications: data.rectifications.length },
        `已导出考评结果表（${data.communities.length}个社区，扣分${data.deductions.length}条，整改${data.rectifications.length}项）：${file}`,
      );
      return 0;
    },
  },
];
