/**
 * Benchmark: the quarterly report for 120 communities (about 125+ pages) against a bare pdfmake
 * document with the same page count, the same fonts and about the same amount of text per page,
 * rendered in the same process. Targets: time ratio <= 1.5, file < 2 MB.
 *
 * Both are rendered alternately three times after a warm-up; medians are compared. Wall time is
 * the target's measure; process CPU time is printed too because the machine is shared and wall
 * time swings with other people's load.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { buildQuarterlyReport } from '../../shared/report/quarterly-report.builder';
import { quarterlyReportDataSchema } from '../../shared/report/report-data';
import { REPORT_FONT_FAMILY } from '../../shared/report/report-style';
import { renderPdf } from '../../electron/core/platform/io/pdf/pdf-renderer';
import { makeQuarterlyReportData } from '../fixtures/report/report-fixtures';

const COMMUNITIES = 120;
const RUNS = 3;

function pageCount(buffer: Buffer): number {
  // pdfkit writes one uncompressed page object per page ("/Type /Page" not followed by "s").
  return (buffer.toString('latin1').match(/\/Type \/Page(?!s)/g) ?? []).length;
}

function textLength(buffer: Buffer): number {
  const file = path.join(os.tmpdir(), `bench-report-${process.pid}.pdf`);
  writeFileSync(file, buffer);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 }).replace(/\s+/g, '').length;
}

/** Plain paragraphs, one page each, with as many characters per page as the report has. */
function bareDocument(pages: number, charsPerPage: number): TDocumentDefinitions {
  const sentence = '社区规范化创建考评组织建设与党建引领居民自治与民主协商网格化治理得分87.5分扣分原因台账资料不全。';
  const content: Content[] = [];
  for (let p = 0; p < pages; p++) {
    let text = '';
    while (text.length < charsPerPage) text += sentence;
    content.push({ text: text.slice(0, charsPerPage), fontSize: 9, pageBreak: p === 0 ? undefined : 'before' });
  }
  // The face of the report's annex pages, which are nearly all of its pages.
  return { pageSize: 'A4', content, defaultStyle: { font: REPORT_FONT_FAMILY } };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const data = quarterlyReportDataSchema.parse(makeQuarterlyReportData({ communities: COMMUNITIES }));

  // Warm-up: fonts parsed, code paths compiled.
  await renderPdf(buildQuarterlyReport(quarterlyReportDataSchema.parse(makeQuarterlyReportData({ communities: 3 }))));

  const first = await renderPdf(buildQuarterlyReport(data));
  const pages = pageCount(first.buffer);
  const charsPerPage = Math.round(textLength(first.buffer) / pages);
  const bare = () => bareDocument(pages, charsPerPage);
  const warmBare = await renderPdf(bare(), { glyphFallback: false });
  if (pageCount(warmBare.buffer) !== pages) throw new Error(`baseline has ${pageCount(warmBare.buffer)} pages, report ${pages}`);

  const reportTimes: number[] = [];
  const bareTimes: number[] = [];
  const reportCpu: number[] = [];
  const bareCpu: number[] = [];
  const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  let size = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    let c = process.cpuUsage();
    const r = await renderPdf(buildQuarterlyReport(data));
    reportTimes.push(performance.now() - t);
    reportCpu.push(cpuMs(process.cpuUsage(c)));
    size = r.buffer.length;
    t = performance.now();
    c = process.cpuUsage();
    await renderPdf(bare(), { glyphFallback: false });
    bareTimes.push(performance.now() - t);
    bareCpu.push(cpuMs(process.cpuUsage(c)));
  }

  const report = median(reportTimes);
  const baseline = median(bareTimes);
  const ratio = report / baseline;
  const mb = size / (1024 * 1024);
  const out = [
    `quarterly report, ${COMMUNITIES} communities: ${pages} pages, ${charsPerPage} characters/page`,
    `  report (build + glyph fallback + render): ${report.toFixed(0)} ms  [runs ${reportTimes.map((x) => x.toFixed(0)).join(', ')}]`,
    `  bare pdfmake baseline, same pages/font:   ${baseline.toFixed(0)} ms  [runs ${bareTimes.map((x) => x.toFixed(0)).join(', ')}]`,
    `  ratio ${ratio.toFixed(2)} (target <= 1.5) ${ratio <= 1.5 ? 'OK' : 'OVER TARGET'}`,
    `  CPU time: report ${median(reportCpu).toFixed(0)} ms, baseline ${median(bareCpu).toFixed(0)} ms, ratio ${(median(reportCpu) / median(bareCpu)).toFixed(2)}`,
    `  file size ${mb.toFixed(2)} MB (target < 2 MB) ${mb < 2 ? 'OK' : 'OVER TARGET'}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
