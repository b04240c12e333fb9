import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../../electron/core/platform/audit/audit-log';
import { createPostgresKysely } from '../../../electron/core/platform/db/postgres';
import { MAX_ATTEMPTS } from '../../../electron/core/platform/db/postgres-retry';
import type { TestApp } from '../../helpers/app-fixture';
import { MANUAL_SCORES, completeForms, seedCommunities } from '../../helpers/round-seed';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { Worker, contextOn, dropCreatedDatabases, emptyDatabase } from './pg-workers';

/**
 * Several programs on one PostgreSQL database (APPRAISAL_TEST_PG_URL; skipped without one): each
 * worker is its own process with its own connection, as two PCs are.
 */
const HAS_PG = Boolean(process.env.APPRAISAL_TEST_PG_URL);
const R = '2021Q3';
const dir = makeTempDir();
// The local folders of PostgreSQL databases (staging) go to the temp folder, for the workers too.
process.env.APPRAISAL_DATA_DIR ??= dir;
afterAll(() => {
  if (HAS_PG) dropCreatedDatabases();
  removeDir(dir);
});

/** The values a manual item accepts (a few of them), from the form's standard. */
async function manualValues(t: TestApp, communityId: number): Promise<Map<string, number[]>> {
  const form = await t.call('rounds:form', { roundId: R, communityId });
  const out = new Map<string, number[]>();
  for (const item of form.standard.categories.flatMap((c) => c.items)) {
    const m = item.method;
    if (m.kind !== 'manual') continue;
    const values =
      m.allowedTenths ?? Array.from({ length: 3 }, (_, i) => m.minTenths + i * m.stepTenths).filter((v) => v <= item.maxTenths);
    out.set(item.code, values);
  }
  return out;
}

async function storedValue(t: TestApp, communityId: number, itemCode: string): Promise<number | undefined> {
  const row = await t.app.db
    .selectFrom('score_items')
    .select('value_json')
    .where('round_id', '=', R)
    .where('community_id', '=', communityId)
    .where('assessor', '=', '')
    .where('item_code', '=', itemCode)
    .executeTakeFirst();
  return row?.value_json ? (JSON.parse(row.value_json) as { tenths: number }).tenths : undefined;
}

describe.skipIf(!HAS_PG)('PostgreSQL: programs writing the same round at once', () => {
  it('two users scoring different communities at the same time: every value is there, the audit chain is whole', async () => {
    const url = emptyDatabase();
    const t = await contextOn(url, dir);
    const workers: Worker[] = [];
    try {
      const names = Array.from({ length: 12 }, (_, i) => `第${i + 1}社区`);
      const ids = await seedCommunities(t, names);
      await t.call('rounds:create', { year: 2021, quarter: 3 });
      const values = await manualValues(t, ids[0]!);
      const auditBefore = (await verifyAuditChain(t.app.db)).entries;
      workers.push(await Worker.start(url), await Worker.start(url));
      // Each program scores its half of the communities, every manual item three times over.
      const expected = new Map<string, number>();
      let changes = 0;
      const batches = workers.map((_, w) => {
        const batch: { channel: string; input: unknown }[] = [];
        const mine = ids.filter((_, i) => i % 2 === w);
        for (let pass = 0; pass < 3; pass++)
          for (const [ci, communityId] of mine.entries())
            for (const [itemCode, options] of values) {
              const tenths = options[(pass + ci) % options.length]!;
              const key = `${communityId}/${itemCode}`;
              if (expected.get(key) !== tenths) changes++;
              expected.set(key, tenths);
              batch.push({ channel: 'rounds:setItem', input: { roundId: R, communityId, itemCode, value: { kind: 'manual', tenths } } });
            }
        return batch;
      });
      workers.forEach((worker, w) => worker.send({ batch: batches[w] }));
      const results = await Promise.all(workers.map((worker) => worker.waitFor((l) => l.batch !== undefined)));
      for (const r of results) expect(r.batch!.filter((x) => !x.ok)).toEqual([]);
      for (const [key, tenths] of expected) {
        const [communityId, itemCode] = key.split('/');
        expect(await storedValue(t, Number(communityId), itemCode!), key).toBe(tenths);
      }
      const chain = await verifyAuditChain(t.app.db);
      expect(chain).toMatchObject({ ok: true, entries: auditBefore + changes });
      const sets = await t.app.db.selectFrom('audit_log').select('seq').where('action', '=', 'score.set').execute();
      expect(sets).toHaveLength(changes);
    } finally {
      for (const w of workers) expect((await w.exit()).code).toBe(0);
      await t.dispose();
    }
  }, 180_000);

  it('a state change racing form saves: no save lands while the round is submitted; refused saves get a clear error', async () => {
    const url = emptyDatabase();
    const t = await contextOn(url, dir);
    const workers: Worker[] = [];
    try {
      const ids = await seedCommunities(t);
      await t.call('rounds:create', { year: 2021, quarter: 3 });
      await completeForms(t, R, ids);
      const options = (await manualValues(t, ids[0]!)).get('B6')!;
      const startSeq = (await verifyAuditChain(t.app.db)).entries;
      const saver = await Worker.start(url);
      const reviewer = await Worker.start(url);
      workers.push(saver, reviewer);
      const inputs = options.map((tenths) => ({ roundId: R, communityId: ids[0], itemCode: 'B6', value: { kind: 'manual', tenths } }));
      saver.send({ loop: { channel: 'rounds:setItem', inputs } });
      const saved = async (n: number) => {
        const target = saver.count(true) + n;
        await saver.waitFor(() => saver.count(true) >= target);
      };
      const refused = async (n: number) => {
        const target = saver.count(false) + n;
        await saver.waitFor(() => saver.count(false) >= target);
      };
      await saved(3);
      expect(await reviewer.call('rounds:advance', { roundId: R, to: 'submitted' })).toEqual({ ok: true });
      await refused(3);
      expect(await reviewer.call('rounds:advance', { roundId: R, to: 'returned', comment: '请核对B6' })).toEqual({ ok: true });
      await saved(3);
      expect(await reviewer.call('rounds:advance', { roundId: R, to: 'submitted' })).toEqual({ ok: true });
      await refused(2);
      saver.send({ stop: true });
      await saver.waitFor((l) => l.loopDone === true);

      const calls = saver.lines.filter((l) => l.loop !== undefined);
      for (const c of calls.filter((l) => !l.ok)) {
        expect(c.code).toBe('ILLEGAL_STATE');
        expect(c.message).toMatch(/当前为“已提交”状态，评分不能修改。如需修改，请审核人退回/);
      }
      // In the audit log's order, no save falls while the round is submitted, and the saves it
      // records are exactly the accepted ones that changed the value, in the saver's order.
      const log = await t.app.db
        .selectFrom('audit_log')
        .select(['seq', 'action', 'after_json'])
        .where('action', 'in', ['round.advance', 'score.set'])
        .where('seq', '>', startSeq)
        .orderBy('seq')
        .execute();
      let state = 'draft';
      const audited: number[] = [];
      for (const entry of log) {
        const after = JSON.parse(entry.after_json ?? 'null') as { state?: string; value?: { tenths: number } };
        if (entry.action === 'round.advance') state = after.state!;
        else {
          expect(['draft', 'returned'], `save at audit #${entry.seq} while ${state}`).toContain(state);
          audited.push(after.value!.tenths);
        }
      }
      let last = MANUAL_SCORES.B6!;
      const acceptedChanges: number[] = [];
      for (const c of calls.filter((l) => l.ok)) {
        const tenths = options[c.loop! % options.length]!;
        if (tenths !== last) acceptedChanges.push(tenths);
        last = tenths;
      }
      expect(audited).toEqual(acceptedChanges);
      expect(log.filter((e) => e.action === 'round.advance')).toHaveLength(3);
      expect(await storedValue(t, ids[0]!, 'B6')).toBe(last);
      expect(await verifyAuditChain(t.app.db)).toMatchObject({ ok: true });
    } finally {
      for (const w of workers) expect((await w.exit()).code).toBe(0);
      await t.dispose();
    }
  }, 180_000);
});

describe.skipIf(!HAS_PG)('PostgreSQL: a transaction that fails for a transient reason runs again', () => {
  async function withTable<T>(fn: (db: ReturnType<typeof createPostgresKysely<{ notes: { n: number } }>>) => Promise<T>): Promise<T> {
    const db = createPostgresKysely<{ notes: { n: number } }>(emptyDatabase());
    try {
      await sql`create table notes (n integer not null)`.execute(db);
      return await fn(db);
    } finally {
      await db.destroy();
    }
  }

  it('the connection dropped in the middle: the whole transaction runs again on a new connection, once', async () => {
    await withTable(async (db) => {
      let attempts = 0;
      await db.transaction().execute(async (trx) => {
        attempts++;
        await trx.insertInto('notes').values({ n: attempts }).execute();
        // An administrator ends the session (57P01) half way through the first attempt.
        if (attempts === 1) await sql`select pg_terminate_backend(pg_backend_pid())`.execute(trx);
      });
      expect(attempts).toBe(2);
      expect(await db.selectFrom('notes').select('n').execute()).toEqual([{ n: 2 }]);
    });
  });

  it('a deadlock (40P01) is retried; other errors are not; the retries are bounded', async () => {
    await withTable(async (db) => {
      let attempts = 0;
      await db.transaction().execute(async (trx) => {
        attempts++;
        await trx.insertInto('notes').values({ n: attempts }).execute();
        if (attempts === 1) await sql`do $$ begin raise exception 'deadlock' using errcode = '40P01'; end $$`.execute(trx);
      });
      expect(attempts).toBe(2);

      attempts = 0;
      const always = db.transaction().execute(async (trx) => {
        attempts++;
        await sql`do $$ begin raise exception 'deadlock' using errcode = '40P01'; end $$`.execute(trx);
      });
      await expect(always).rejects.toMatchObject({ code: '40P01' });
      expect(attempts).toBe(MAX_ATTEMPTS);

      attempts = 0;
      const plain = db.transaction().execute(async (trx) => {
        attempts++;
        await sql`select 1 / 0`.execute(trx);
      });
      await expect(plain).rejects.toMatchObject({ code: '22012' });
      expect(attempts).toBe(1);
      expect(await db.selectFrom('notes').select('n').execute()).toEqual([{ n: 2 }]);
    });
  });

  it('the connection lost while committing is not run again: the user is told to check', async () => {
    await withTable(async (db) => {
      // A deferred trigger ends the session at COMMIT: whether it committed is unknown to the program.
      await sql`create function end_session() returns trigger language plpgsql as $$
        begin perform pg_terminate_backend(pg_backend_pid()); perform pg_sleep(1); return null; end $$`.execute(db);
      await sql`create constraint trigger at_commit after insert on notes deferrable initially deferred
        for each row execute function end_session()`.execute(db);
      let attempts = 0;
      const commit = db.transaction().execute(async (trx) => {
        attempts++;
        await trx.insertInto('notes').values({ n: attempts }).execute();
      });
      await expect(commit).rejects.toMatchObject({ code: 'DB_BUSY', message: expect.stringMatching(/无法确定这次修改是否已保存/) });
      expect(attempts).toBe(1);
    });
  });
});
