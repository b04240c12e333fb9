/**
 * Migration 0013 (rounds of two kinds in one quarter) on an existing database, on both engines: a
 * database migrated to 0011 holding round 2021Q3 (with a form row referencing it) is upgraded; the
 * round keeps its id, takes its standard's kind, its rows still reference it, foreign keys are on
 * again, and `rounds` is now unique by (year, quarter, kind).
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../../../electron/core/platform/db/connection';
import { MIGRATIONS } from '../../../electron/core/platform/db/migrations/index';
import { PG_MODE, pgDatabaseUrl, psql } from '../../helpers/test-db';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

const dir = makeTempDir();
const created: string[] = [];
afterAll(() => {
  for (const name of created) psql(`drop database if exists ${name} with (force)`);
  removeDir(dir);
});

/** A new, empty database: a SQLite file, or on PostgreSQL one not cloned from the (migrated) template. */
function emptyDatabase(name: string): string {
  if (!PG_MODE) return path.join(dir, `${name}.sqlite`);
  const db = `pgtest_${name}_${Math.random().toString(36).slice(2, 10)}`;
  psql(`create database ${db}`);
  created.push(db);
  return pgDatabaseUrl(db);
}

const now = () => new Date('2021-10-08T08:00:00Z');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema as it was before 0013
type AnyDb = Kysely<any>;

async function insertRound(db: AnyDb, id: string, year: number, quarter: number, kind?: string): Promise<void> {
  await db
    .insertInto('rounds')
    .values({
      id,
      year,
      quarter,
      standard_version: 1,
      state: 'finalized',
      snapshot_at: now().toISOString(),
      finalized_at: now().toISOString(),
      created_at: now().toISOString(),
      created_by: 'admin',
      updated_at: now().toISOString(),
      ...(kind ? { kind } : {}),
    })
    .execute();
}

describe('migration 0013: round kinds', () => {
  it('an existing database keeps its 2021Q3 round and the rows that reference it', async () => {
    const target = emptyDatabase('upgrade');
    const before = await openDatabase(target, { backupsDir: dir, now, migrations: MIGRATIONS.filter((m) => m.version <= 11) });
    const old = before.db as unknown as AnyDb;
    await insertRound(old, '2021Q3', 2021, 3);
    await old
      .insertInto('round_communities')
      .values({
        round_id: '2021Q3',
        community_id: 1,
        name: '受降路社区',
        sort_key: '1',
        status: 'submitted',
        metrics_json: '{}',
        rows_json: '{}',
      })
      .execute();
    await before.db.destroy();

    const after = await openDatabase(target, { backupsDir: dir, now });
    const db = after.db as unknown as AnyDb;
    try {
      expect(await db.selectFrom('rounds').select(['id', 'year', 'quarter', 'kind', 'state']).execute()).toEqual([
        { id: '2021Q3', year: 2021, quarter: 3, kind: '社区', state: 'finalized' },
      ]);
      expect(await db.selectFrom('round_communities').select(['round_id', 'name']).execute()).toEqual([
        { round_id: '2021Q3', name: '受降路社区' },
      ]);
      if (!PG_MODE) {
        expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0]?.foreign_keys).toBe(1);
        expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
      }
      // The foreign key still holds: a form row of a round that does not exist is refused.
      await expect(
        db
          .insertInto('round_communities')
          .values({ round_id: '2099Q1', community_id: 1, name: 'x', sort_key: '1', status: 'draft', metrics_json: '{}', rows_json: '{}' })
          .execute(),
      ).rejects.toThrow(/foreign key/i);
      // Another kind in the same quarter is allowed; the same kind twice is not.
      await insertRound(db, '2021Q3-成员单位', 2021, 3, '成员单位');
      await expect(insertRound(db, '2021Q3-社区', 2021, 3, '社区')).rejects.toThrow(/unique/i);
      await expect(insertRound(db, '2021Q3-其他', 2021, 3, '其他')).rejects.toThrow(/check/i);
    } finally {
      await after.db.destroy();
    }
  });
});
