/**
 * Roster import benchmark: a generated 100,000-row 社区工作者 roster imported into a database that
 * already holds the communities, against a bare baseline measured in the same run on the same file
 * (ExcelJS streaming read + multi-row inserts of the raw rows into SQLite, one transaction).
 * Each side runs in its own child process so its peak memory is its own.
 * Targets (issue 3): import time <= 1.5 x baseline, peak memory < 400 MB, without forcing garbage
 * collection in the import (the children run with --expose-gc only so each measurement starts clean).
 * With APPRAISAL_TEST_PG_URL the import also runs into a PostgreSQL database, as a ratio against SQLite.
 *
 *   npx tsx test/bench/roster-import.bench.ts [rows]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from '../../electron/core/platform/io/excel/exceljs';
import { sql } from 'kysely';
import { createAppContext } from '../../electron/core/app-context';
import { bulkInsert } from '../../electron/core/platform/db/bulk-insert';
import { readZipLayout } from '../../electron/core/platform/io/excel/zip-inspect';
import { orderedZipStream, xlsxReadingOrder } from '../../electron/core/platform/io/excel/zip-reorder';
import { importRosterFile } from '../../electron/core/features/roster/import-oneshot.service';
import { makeRosterFixtures } from '../fixtures/make-roster-fixtures';
import { FIXTURE_COMMUNITIES, makePerson } from '../fixtures/roster-data';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { pgBenchDatabase } from './pg-bench';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '../..');
const HEADER = [
  '序号',
  '姓名',
  '身份证号',
  '性别',
  '出生年月',
  '民族',
  '政治面貌',
  '入党时间',
  '学历',
  '所在社区',
  '职务',
  '岗位类别',
  '岗位等级',
  '参加社区工作时间',
  '联系电话',
  '备注',
];
const POSTS: [string, number][] = [
  ['工作人员', 1],
  ['专职委员', 3],
  ['副职', 5],
  ['正职', 7],
];

interface PartResult {
  ms: number;
  /** Peak resident set size (what the OS sees; includes garbage V8 has not collected yet). */
  peakMb: number;
  /** Peak V8 heap in use (live objects plus not-yet-collected garbage). */
  peakHeapMb: number;
  rows: number;
}

/** Samples RSS while `fn` runs; returns its time and the peak. */
async function measure(fn: () => Promise<number>): Promise<PartResult> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const started = performance.now();
  let rows: number;
  try {
    rows = await fn();
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, peakMb: Math.round(peak / 1048576), peakHeapMb: Math.round(peakHeap / 1048576), rows };
}

async function writeRoster(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('社区工作者');
  ws.addRow(['马路街街道社区工作者花名册']).commit();
  ws.addRow(HEADER).commit();
  const thisYear = new Date().getFullYear();
  for (let i = 0; i < rows; i += 1) {
    const p = makePerson(i);
    const [post, min] = POSTS[i % POSTS.length] ?? ['工作人员', 1];
    const birthYear = Number(p.birth.slice(0, 4));
    const startYear = Math.min(thisYear - 1, birthYear + 22 + (i % 5));
    const college = i % 2 === 1;
    // A grade that matches seniority, as a well-kept roster has (no warning on every row).
    const grade = Math.min(min + 11, min + Math.floor((thisYear - startYear - 1 + (college ? 3 : 0)) / 3));
    const party = i % 3 === 0;
    const row = ws.addRow([
      i + 1,
      p.name,
      p.id,
      p.sex,
      `${p.birth.slice(0, 4)}.${p.birth.slice(4, 6)}`,
      '汉族',
      party ? '中共党员' : '群众',
      party ? `${birthYear + 25}.07` : null,
      college ? '大学本科' : '大专',
      FIXTURE_COMMUNITIES[i % FIXTURE_COMMUNITIES.length] ?? '人民路社区',
      '社区干事',
      post,
      grade,
      `${startYear}-0${1 + (i % 9)}-15`,
      p.phone,
      null,
    ]);
    row.getCell(3).numFmt = '@';
    row.commit();
  }
  await ws.commit();
  await wb.commit();
}

/**
 * Baseline: stream the file with ExcelJS and insert the raw cell values, 500 rows per statement.
 * The parts are fed in the order the streaming reader needs, as our reader does (zip-reorder.ts):
 * otherwise the baseline would pay for spooling the sheet to a temp file (the generated file has
 * its shared strings after the sheet) and flatter the ratio.
 */
async function baseline(file: string, dbFile: string): Promise<number> {
  const app = await createAppContext({ dbFile, door: 'cli' });
  try {
    const columns = HEADER.map((_, i) => `c${i}`);
    await sql.raw(`create table bench_raw (${columns.map((c) => `${c} any`).join(', ')})`).execute(app.db);
    const fd = fs.openSync(file, 'r');
    const layout = readZipLayout(fd, fs.fstatSync(fd).size);
    fs.closeSync(fd);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(orderedZipStream(file, xlsxReadingOrder(layout)), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    const rows: unknown[][] = [];
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = (row.values as unknown[]).slice(1);
        rows.push(
          HEADER.map((_, i) => {
            const v = values[i];
            return v === undefined || v === null
              ? null
              : v instanceof Date
                ? v.toISOString()
                : typeof v === 'object'
                  ? JSON.stringify(v)
                  : v;
          }),
        );
      }
    }
    // The same bulk insert the import uses (multi-row statements, <= 500 rows), on one raw table.
    const objects = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null])));
    await app.db.transaction().execute(async (trx) => bulkInsert(trx, 'bench_raw', objects));
    return rows.length;
  } finally {
    await app.close();
  }
}

/** Ours: the real import (read, detect, validate, diff, write persons + roles + batch + audit). */
async function ours(file: string, dbFile: string): Promise<number> {
  const app = await createAppContext({ dbFile, door: 'cli' });
  try {
    const result = await importRosterFile(
      app,
      'bench',
      { roster: 'workers', filePath: file, fileName: path.basename(file), sheetName: null, strict: false, dryRun: false },
      () => undefined,
      new AbortController().signal,
    );
    if (!result.committed) throw new Error(`import did not commit: ${result.message}`);
    if (result.rejected > 0)
      throw new Error(
        `${result.rejected} rows rejected: ${JSON.stringify(result.problems.filter((p) => p.severity === 'error').slice(0, 3))}`,
      );
    return result.inserted;
  } finally {
    await app.close();
  }
}

async function seedCommunities(dbFile: string, dir: string): Promise<void> {
  const fixtures = path.join(dir, 'fixtures');
  await makeRosterFixtures(fixtures);
  const app = await createAppContext({ dbFile, door: 'cli' });
  try {
    const file = path.join(fixtures, 'communities.xlsx');
    const r = await importRosterFile(
      app,
      'bench',
      { roster: 'communities', filePath: file, fileName: 'communities.xlsx', sheetName: null, strict: true, dryRun: false },
      () => undefined,
      new AbortController().signal,
    );
    if (!r.committed) throw new Error(r.message);
  } finally {
    await app.close();
  }
}

function runPart(part: 'baseline' | 'ours', file: string, dbFile: string): PartResult {
  const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['--expose-gc', here, '--part', part, file, dbFile], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('{'));
  if (result.status !== 0 || !line) throw new Error(`${part} failed: ${result.stderr.slice(-3000)}`);
  return JSON.parse(line) as PartResult;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--part') {
    const [, part, file, dbFile] = args;
    if (!file || !dbFile) throw new Error('usage');
    const r = await measure(() => (part === 'baseline' ? baseline(file, dbFile) : ours(file, dbFile)));
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  const rows = Number(args[0] ?? 100_000);
  const dir = makeTempDir('名册基准');
  try {
    const file = path.join(dir, `社区工作者-${rows}.xlsx`);
    const t0 = performance.now();
    await writeRoster(file, rows);
    process.stdout.write(
      `generated ${rows} rows (${(fs.statSync(file).size / 1048576).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );
    // Alternate the two sides a few times on fresh databases and compare the best run of each: on a
    // shared machine the minimum is the most stable estimate of each side's own cost.
    const runs = Number(process.env.ROSTER_BENCH_RUNS ?? 3);
    const baseRuns: PartResult[] = [];
    const ourRuns: PartResult[] = [];
    for (let r = 0; r < runs; r += 1) {
      const ourDb = path.join(dir, `ours-${r}.sqlite`);
      await seedCommunities(ourDb, dir);
      baseRuns.push(runPart('baseline', file, path.join(dir, `baseline-${r}.sqlite`)));
      ourRuns.push(runPart('ours', file, ourDb));
    }
    const best = (list: PartResult[]) => list.reduce((a, b) => (b.ms < a.ms ? b : a));
    const base = best(baseRuns);
    const mine = best(ourRuns);
    const peak = Math.max(...ourRuns.map((r) => r.peakMb));
    const ratio = mine.ms / base.ms;
    const times = (list: PartResult[]) => list.map((r) => (r.ms / 1000).toFixed(1)).join(' / ');
    process.stdout.write(
      `baseline (ExcelJS stream read + raw multi-row inserts): best ${(base.ms / 1000).toFixed(2)} s of ${times(baseRuns)} s, ${base.rows} rows, peak ${Math.max(...baseRuns.map((r) => r.peakMb))} MB\n`,
    );
    process.stdout.write(
      `roster import (read, detect, validate, diff, commit):   best ${(mine.ms / 1000).toFixed(2)} s of ${times(ourRuns)} s, ${mine.rows} rows, peak ${peak} MB (heap ${Math.max(...ourRuns.map((r) => r.peakHeapMb))} MB)\n`,
    );
    process.stdout.write(
      `ratio ${ratio.toFixed(2)} (target <= 1.5): ${ratio <= 1.5 ? 'ok' : 'MISSED'}; peak memory ${peak} MB (target < 400): ${peak < 400 ? 'ok' : 'MISSED'}\n`,
    );
    if (ratio > 1.5 || peak >= 400) process.exitCode = 1;
    // The same import into a PostgreSQL database (when a server is configured), against ours on SQLite.
    const pg = pgBenchDatabase('roster', dir);
    if (pg) {
      try {
        await seedCommunities(pg.url, dir);
        const onPg = runPart('ours', file, pg.url);
        process.stdout.write(
          `roster import on PostgreSQL: ${(onPg.ms / 1000).toFixed(2)} s, ${onPg.rows} rows, peak ${onPg.peakMb} MB; ratio PostgreSQL / SQLite ${(onPg.ms / mine.ms).toFixed(2)}\n`,
        );
      } finally {
        pg.drop();
      }
    }
  } finally {
    // ROSTER_BENCH_KEEP=1 keeps the generated file and databases for profiling.
    if (process.env.ROSTER_BENCH_KEEP === '1') process.stdout.write(`kept ${dir}\n`);
    else removeDir(dir);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
