/**
 * Benchmark: results of a round for 120 communities × 40 items (score every item from its entries or
 * formula, categories, bonus caps, vetoes, ranks with tie-breaks, grades with quotas) against a bare
 * baseline over the same data in the same run: a plain loop summing pre-extracted item scores and
 * sorting by total. Target: the engine under 50 ms. Also timed: the whole `getRoundResults` service
 * on a real SQLite file (reading every entry, ledger and the previous quarter, building the DTOs),
 * and with APPRAISAL_TEST_PG_URL the same on PostgreSQL, as a ratio against SQLite.
 *
 * Each variant runs after a warm-up; medians of several runs are compared.
 */
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import type { DeductionsTable, ScoreItemsTable } from '../../electron/core/platform/db/schema/rounds.schema';
import path from 'node:path';
import { createAppContext } from '../../electron/core/app-context';
import { getRoundResults } from '../../electron/core/features/rounds/round-results.service';
import { computeRoundResults, type CommunityInput } from '../../shared/domain/scoring/round-results';
import { prepareStandard } from '../../shared/domain/scoring/prepared-standard';
import type { CommunityEntries, ItemEntry } from '../../shared/domain/scoring/score-entry.schema';
import { defaultStandardCopy } from '../../shared/domain/standard/default-standard';
import { STANDARD_METRICS } from '../../shared/domain/standard/metric-catalogue';
import type { Standard } from '../../shared/domain/standard/standard.schema';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { pgBenchDatabase } from './pg-bench';

const COMMUNITIES = 120;
const RUNS = 15;
const TARGET_MS = 50;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** The default standard (35 items) plus five manual items, so a form has 40 items. */
function standardWith40Items(): Standard {
  const s = defaultStandardCopy();
  const g = s.categories[s.categories.length - 1];
  if (!g) throw new Error('no category');
  for (let i = 1; i <= 5; i++) {
    g.items.push({
      code: `G${2 + i}`,
      title: `附加指标${i}`,
      maxTenths: 20,
      method: { kind: 'manual', minTenths: 0, stepTenths: 5 },
      evidence: ['查阅资料'],
      frequency: 'Q',
      guide: '',
    });
  }
  return s;
}

/** Deterministic pseudo-random numbers (no Math.random in fixtures). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

function entriesFor(standard: Standard, rnd: () => number, c: number): CommunityEntries {
  const items: ItemEntry[] = [];
  for (const cat of standard.categories) {
    for (const item of cat.items) {
      const m = item.method;
      if (m.kind === 'manual')
        items.push({
          itemCode: item.code,
          value: {
            kind: 'manual',
            tenths: m.minTenths + m.stepTenths * Math.floor(rnd() * ((item.maxTenths - m.minTenths) / m.stepTenths + 1)),
          },
        });
      else if (m.kind === 'deduct' && rnd() < 0.4) {
        items.push({
          itemCode: item.code,
          value: { kind: 'deduct', deductions: [{ reasonCode: m.reasons[0]?.code ?? null, text: '台账不全', amountTenths: 5 }] },
        });
      }
    }
  }
  return {
    items,
    bonus: c % 7 === 0 ? [{ code: 'H1', awards: [{ level: '市级', note: '' }] }] : [],
    vetoes: c % 40 === 0 ? [{ code: 'V1', fact: '安全事故' }] : [],
  };
}

function metricsFor(rnd: () => number): Record<string, number> {
  const m: Record<string, number> = {};
  for (const def of STANDARD_METRICS) m[def.key] = 1 + Math.floor(rnd() * 20);
  m.households = 1500 + Math.floor(rnd() * 2000);
  m.residents = 5000 + Math.floor(rnd() * 6000);
  m.facilityArea = 500 + Math.floor(rnd() * 1500);
  return m;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const standard = standardWith40Items();
  const rnd = lcg(2021);
  const inputs: CommunityInput[] = Array.from({ length: COMMUNITIES }, (_, i) => ({
    id: String(i + 1),
    sortKey: String(i + 1).padStart(4, '0'),
    entries: entriesFor(standard, rnd, i),
    metrics: metricsFor(rnd),
  }));
  const itemCount = standard.categories.reduce((s, c) => s + c.items.length, 0);

  // Baseline: the same 120 × 40 numbers, pre-extracted, summed and sorted.
  const flat = inputs.map((c) => {
    const byCode = new Map(c.entries.items.map((e) => [e.itemCode, e]));
    return standard.categories.flatMap((cat) =>
      cat.items.map((item) => {
        const v = byCode.get(item.code)?.value;
        if (v?.kind === 'manual') return v.tenths;
        if (v?.kind === 'deduct') return item.maxTenths - v.deductions.reduce((s, d) => s + d.amountTenths, 0);
        return item.maxTenths;
      }),
    );
  });
  const baseline = () => {
    const totals = flat.map((xs, i) => {
      let s = 0;
      for (const x of xs) s += x;
      return { i, s };
    });
    totals.sort((a, b) => b.s - a.s);
    return totals;
  };
  // Engine: the standard prepared once (formulas compiled), as the service does per version.
  const prepared = prepareStandard(standard);
  const engine = () => computeRoundResults(prepared, inputs);
  const compileTimes: number[] = [];

  for (let i = 0; i < 3; i++) {
    baseline();
    engine();
  }
  const baseTimes: number[] = [];
  const engineTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    baseTimes.push(time(baseline));
    engineTimes.push(time(engine));
    compileTimes.push(time(() => prepareStandard(structuredClone(standard))));
  }
  const b = median(baseTimes);
  const e = median(engineTimes);
  const results = engine();
  process.stdout.write(
    [
      `communities × items: ${COMMUNITIES} × ${itemCount}`,
      `baseline (plain sum + sort):        ${b.toFixed(3)} ms`,
      `engine (score, rank, grade):        ${e.toFixed(2)} ms   target < ${TARGET_MS} ms: ${e < TARGET_MS ? 'OK' : 'OVER'}`,
      `ratio engine / baseline:            ${(e / Math.max(b, 0.001)).toFixed(0)}x`,
      `(once per standard version: preparing the standard, formulas compiled: ${median(compileTimes).toFixed(2)} ms)`,
      `check: ranks ${results[0]?.rank}..${results[results.length - 1]?.rank}, top total ${(results[0]?.score.totalTenths ?? 0) / 10}`,
      '',
    ].join('\n'),
  );

  // The whole service on a real database: 120 communities × the default standard (35 items), on
  // SQLite and (with a server) on PostgreSQL in the same run.
  const dir = makeTempDir('考评 基准');
  try {
    const lite = await serviceOn(path.join(dir, 'bench.sqlite'));
    printService('SQLite', lite);
    const pg = pgBenchDatabase('results', dir);
    if (pg) {
      try {
        const onPg = await serviceOn(pg.url);
        printService('PostgreSQL', onPg);
        process.stdout.write(
          `ratio PostgreSQL / SQLite: service ${(onPg.service / Math.max(lite.service, 0.001)).toFixed(1)}x, bare read ${(onPg.read / Math.max(lite.read, 0.001)).toFixed(1)}x\n`,
        );
      } finally {
        pg.drop();
      }
    }
  } finally {
    removeDir(dir);
  }
}

function printService(engine: string, t: { service: number; read: number }): void {
  process.stdout.write(
    [
      `service getRoundResults (${engine}, 120 × 35, with previous quarter): ${t.service.toFixed(1)} ms`,
      `bare read of the same rows:                                          ${t.read.toFixed(1)} ms`,
      `ratio service / bare read:                                           ${(t.service / Math.max(t.read, 0.001)).toFixed(1)}x`,
      '',
    ].join('\n'),
  );
}

/** Median times of getRoundResults and of a bare read of the same rows, on a new database `dbFile`. */
async function serviceOn(dbFile: string): Promise<{ service: number; read: number }> {
  const app = await createAppContext({ dbFile, door: 'cli' });
  const now = new Date().toISOString();
  const street = await app.db
    .insertInto('streets')
    .values({ name: '龙塔街道', district_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.transaction().execute(async (trx) => {
    for (let i = 0; i < COMMUNITIES; i++) {
      await trx
        .insertInto('communities')
        .values({
          street_id: street.id,
          name: `第${i + 1}社区`,
          name_key: `第${i + 1}社区`,
          households: 2000 + i,
          residents: 7000 + i,
          facility_area: 1200,
          created_batch_id: null,
          updated_batch_id: null,
          created_at: now,
          updated_at: now,
        } as never)
        .execute();
    }
  });
  const { createRound } = await import('../../electron/core/features/rounds/round-lifecycle.service');
  const actor = { name: 'bench', role: 'admin' as const };
  await createRound(app, actor, { year: 2021, quarter: 2 });
  await createRound(app, actor, { year: 2021, quarter: 3 });
  const std = prepareStandard(defaultStandardCopy());
  const rows: Insertable<ScoreItemsTable>[] = [];
  const deds: Insertable<DeductionsTable>[] = [];
  for (let c = 1; c <= COMMUNITIES; c++) {
    for (const { item } of std.items) {
      if (item.method.kind === 'manual')
        rows.push({
          round_id: '2021Q3',
          community_id: c,
          assessor: '',
          item_code: item.code,
          value_json: JSON.stringify({ kind: 'manual', tenths: item.maxTenths }),
          na_reason: null,
          override_tenths: null,
          override_reason: null,
          updated_at: now,
          updated_by: 'bench',
        });
      if (item.method.kind === 'deduct' && (c + item.code.length) % 3 === 0)
        deds.push({
          round_id: '2021Q3',
          community_id: c,
          assessor: '',
          item_code: item.code,
          reason_code: null,
          text: '台账不全',
          amount_tenths: 5,
          evidence: '查阅资料',
          created_at: now,
          created_by: 'bench',
        });
    }
  }
  await app.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('score_items')
        .values(rows.slice(i, i + 500))
        .execute();
    for (let i = 0; i < deds.length; i += 500)
      await trx
        .insertInto('deductions')
        .values(deds.slice(i, i + 500))
        .execute();
  });
  const bareRead = () =>
    Promise.all([
      app.db.selectFrom('score_items').selectAll().where('round_id', '=', '2021Q3').execute(),
      app.db.selectFrom('deductions').selectAll().where('round_id', '=', '2021Q3').execute(),
      app.db.selectFrom('round_communities').selectAll().where('round_id', '=', '2021Q3').execute(),
    ]);
  for (let i = 0; i < 2; i++) {
    await bareRead();
    await getRoundResults(app, '2021Q3');
  }
  const readTimes: number[] = [];
  const serviceTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    readTimes.push(await timeAsync(bareRead));
    serviceTimes.push(await timeAsync(() => getRoundResults(app, '2021Q3')));
  }
  const result = { service: median(serviceTimes), read: median(readTimes) };
  await app.close();
  return result;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
