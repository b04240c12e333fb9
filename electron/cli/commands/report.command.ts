/**
 * Reports from the command line: the quarterly report, the 公示 and the annual report as PDF and the
 * results workbook, each made and staged by its channel (the same PDF runtime as the app) and
 * delivered to --out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseRoundId, roundKindSuffix } from '../../../shared/domain/round/round-workflow';
import { AppError } from '../../../shared/ipc/errors';
import type { DocumentSettingsPatch } from '../../../shared/domain/settings/document-settings';
import { roundLabel } from '../../../shared/report/report-format';
import type { CliCommand, CliIo } from '../cli-command';
import { roundArg } from '../round-arg';
import { isUnitKind, unitNoun } from '../../../shared/domain/levels/kind-words';
import type { UnitKind } from '../../../shared/domain/levels/levels';

/** 2021年第三季度 from 2021Q3 (the id was checked by roundArg), 2021年第三季度成员单位 from 2021Q3-成员单位. */
function roundLabelOf(roundId: string): string {
  const q = parseRoundId(roundId.slice(0, 6));
  return `${roundLabel(q?.year ?? 0, q?.quarter ?? 0)}${roundKindSuffix(roundId) ?? ''}`;
}

/** The --out file, resolved; its folder must exist (we do not create folders the user did not ask for). */
function outFile(io: CliIo, usage: string, ext: string): string {
  const out = io.option('out');
  if (!out) throw new AppError('INVALID_INPUT', `请用 --out 指定输出文件。用法：npm run cli -- ${usage}`);
  const file = path.resolve(out);
  if (path.extname(file).toLowerCase() !== ext) throw new AppError('INVALID_INPUT', `输出文件应以 ${ext} 结尾，收到「${out}」。`);
  if (!fs.existsSync(path.dirname(file)))
    throw new AppError('INVALID_FILE', `文件夹不存在：${path.dirname(file)}。请先创建该文件夹或换一个位置。`);
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

/** `--kind`: which appraised units a roll-up covers (a 市 has 县区 and 成员单位). */
function kindOption(io: CliIo): UnitKind | undefined {
  const raw = io.option('kind');
  if (raw === undefined) return undefined;
  if (!isUnitKind(raw)) throw new AppError('INVALID_INPUT', `--kind 只能是“社区”“街道”“县区”或“成员单位”，收到「${raw}」。`);
  return raw;
}

function missingNote(missing: string[]): string {
  return missing.length
    ? `\n注意：以下字符没有可用字体，未能打印：${missing.join(' ')}。请安装含 CJK 扩展字符的字体（如 SimSun-ExtB）后重新生成。`
    : '';
}

export const reportCommands: CliCommand[] = [
  {
    words: ['report', 'quarterly'],
    summary: '生成季度考评通报 PDF（未定稿时每页带“草稿”水印）',
    usage: 'report quarterly <轮次> --out 文件.pdf [--date 成文日期 2021-10-15] [--db 文件] [--json]',
    async run(io) {
      const roundId = roundArg(io, this.usage);
      const file = outFile(io, this.usage, '.pdf');
      const pdf = await io.call('report:quarterlyPdf', { roundId, ...signatureOptions(io) });
      io.deliver(pdf.fileId, file);
      const json = {
        round: roundId,
        file,
        bytes: pdf.bytes,
        finalized: pdf.finalized,
        contentHash: pdf.contentHash,
        communities: pdf.communities,
        missingGlyphs: pdf.missingGlyphs,
      };
      io.print(
        json,
        `已生成${roundLabelOf(roundId)}考评通报（${pdf.status}，${pdf.communities}个${unitNoun(pdf.unitKind)}）：${file}${missingNote(pdf.missingGlyphs)}`,
      );
      return 0;
    },
  },
  {
    words: ['report', 'annual'],
    summary: '生成年度考评结果通报 PDF',
    usage: 'report annual <年份> --out 文件.pdf [--kind 县区|成员单位|…] [--date 成文日期 2022-01-10] [--db 文件] [--json]',
    async run(io) {
      const raw = io.args.positionals[0] ?? '';
      if (!/^\d{4}$/.test(raw)) throw new AppError('INVALID_INPUT', `请指定年份，如 2021。用法：npm run cli -- ${this.usage}`);
      const year = Number(raw);
      const file = outFile(io, this.usage, '.pdf');
      const kind = kindOption(io);
      const pdf = await io.call('report:annualPdf', { year, ...(kind ? { kind } : {}), ...signatureOptions(io) });
      io.deliver(pdf.fileId, file);
      const json = {
        year,
        file,
        bytes: pdf.bytes,
        finalized: pdf.finalized,
        contentHash: pdf.contentHash,
        communities: pdf.communities,
        kind: pdf.unitKind,
        missingGlyphs: pdf.missingGlyphs,
      };
      io.print(
        json,
        `已生成${year}年度考评结果通报（${pdf.status}，${pdf.communities}个${unitNoun(pdf.unitKind)}）：${file}${missingNote(pdf.missingGlyphs)}`,
      );
      return 0;
    },
  },
  {
    words: ['report', 'notice'],
    summary: '生成考评结果公示（公示期、结果、申诉方式和截止日期）PDF',
    usage: 'report notice <轮次> --out 文件.pdf [--from 2021-10-08] [--to 2021-10-14] [--db 文件] [--json]',
    async run(io) {
      const roundId = roundArg(io, this.usage);
      const file = outFile(io, this.usage, '.pdf');
      const from = io.option('from');
      const to = io.option('to');
      const pdf = await io.call('report:noticePdf', { roundId, ...(from ? { from } : {}), ...(to ? { to } : {}) });
      io.deliver(pdf.fileId, file);
      const json = {
        round: roundId,
        file,
        bytes: pdf.bytes,
        from: pdf.notice?.from,
        to: pdf.notice?.to,
        communities: pdf.communities,
        missingGlyphs: pdf.missingGlyphs,
      };
      io.print(
        json,
        `已生成${roundLabelOf(roundId)}考评结果公示（公示期${pdf.notice?.from}至${pdf.notice?.to}）：${file}${missingNote(pdf.missingGlyphs)}`,
      );
      return 0;
    },
  },
  {
    words: ['report', 'verify'],
    summary: '核验通报上的校验码：与定稿时存档的校验码一致则退出码为 0，否则为 3',
    usage: 'report verify <校验码> [--db 文件] [--json]',
    async run(io) {
      const code = io.args.positionals.join(' ').trim();
      if (!code) throw new AppError('INVALID_INPUT', `请填写通报上印的校验码。用法：npm run cli -- ${this.usage}`);
      const r = await io.call('report:verify', { code });
      const text = r.match
        ? `校验码一致：${r.round}${r.docNumber ? `（${r.docNumber}）` : ''}，定稿于${r.finalizedAt}。`
        : `校验码不一致：${r.reason ?? '存档中没有这个校验码。'}`;
      io.print(r, text);
      return r.match ? 0 : 3;
    },
  },
  {
    words: ['settings', 'document'],
    summary: '查看或修改公文设置：文号前缀、主送、抄送、印发机关、公开属性、联系人、电话、受理地点',
    usage:
      'settings document [--doc-prefix 龙街办] [--recipients 主送] [--cc 抄送] [--printer 印发机关] [--publicity 此件公开发布] [--contact 联系人] [--phone 电话] [--office 受理地点] [--db 文件] [--json]',
    async run(io) {
      const flags: Record<string, keyof DocumentSettingsPatch> = {
        'doc-prefix': 'docPrefix',
        recipients: 'recipients',
        cc: 'cc',
        printer: 'printer',
        publicity: 'publicity',
        contact: 'contact',
        phone: 'phone',
        office: 'office',
      };
      const patch: Record<string, string> = {};
      for (const [flag, key] of Object.entries(flags)) {
        const value = io.args.options.get(flag);
        if (value === true) throw new AppError('INVALID_INPUT', `--${flag} 后面需要填写内容。`);
        if (value !== undefined) patch[key] = value;
      }
      const settings = Object.keys(patch).length
        ? await io.call('report:updateDocumentSettings', patch as DocumentSettingsPatch)
        : await io.call('report:documentSettings', {});
      const { DOCUMENT_SETTING_LABELS } = await import('../../../shared/domain/settings/document-settings');
      const text = (Object.keys(DOCUMENT_SETTING_LABELS) as (keyof typeof DOCUMENT_SETTING_LABELS)[])
        .map((k) => `${DOCUMENT_SETTING_LABELS[k]}：${settings[k] || '（未设置）'}`)
        .join('\n');
      io.print(settings, Object.keys(patch).length ? `已保存。\n${text}` : text);
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
      const out = await io.call('report:exportResults', { roundId });
      io.deliver(out.fileId, file);
      io.print(
        { round: roundId, file, communities: out.communities, deductions: out.deductions, rectifications: out.rectifications },
        `已导出考评结果表（${out.communities}个社区，扣分${out.deductions}条，整改${out.rectifications}项）：${file}`,
      );
      return 0;
    },
  },
];
