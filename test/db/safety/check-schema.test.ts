import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { PG_MODE } from '../../helpers/test-db';

/** `check` compares the live schema with what this version's migrations build (both engines). */
let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

describe('check: the schema', () => {
  it('is clean on a new database and names a planted trigger', async () => {
    t = await createTestApp();
    expect(await t.call('backup:check', {})).toMatchObject({ ok: true, schema: [] });
    if (PG_MODE) {
      await sql.raw(`create function evil_fn() returns trigger language plpgsql as $$ begin return new; end $$`).execute(t.app.db);
      await sql.raw(`create trigger evil after insert on rounds for each row execute function evil_fn()`).execute(t.app.db);
    } else {
      await sql.raw(`create trigger evil after insert on rounds begin select 1; end`).execute(t.app.db);
    }
    const r = await t.call('backup:check', {});
    expect(r.ok).toBe(false);
    expect(r.schema.join('；')).toMatch(/多出的触发器「(rounds\.)?evil」/);
  });
});
