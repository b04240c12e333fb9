import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../../../electron/core/platform/db/connection';
import { MIGRATIONS } from '../../../electron/core/platform/db/migrations/index';
import { verifyAuditChain } from '../../../electron/core/platform/audit/audit-log';
import { ROOT } from '../../helpers/run-cli';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

/**
 * Shipped migrations are history: their SQLite DDL, what they write and their names never change.
 * The DDL snapshot (test/fixtures/schema/sqlite-schema.sql) is sqlite_master of a new database
 * byte for byte; a new migration adds to it (regenerate with UPDATE_SCHEMA_SNAPSHOT=1).
 */
const MIGRATIONS_DIR = path.join(ROOT, 'electron/core/platform/db/migrations');
const SNAPSHOT = path.join(ROOT, 'test/fixtures/schema/sqlite-schema.sql');

const dir = makeTempDir();
afterAll(() => removeDir(dir));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads any schema
async function sqliteDdl(db: Kysely<any>): Promise<string> {
  const rows = (
    await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master order by rowid`.execute(db)
  ).rows;
  return rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql ?? ''};\n`).join('\n');
}

/** Every row 0003 seeds (timestamps aside), as one hash. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads any schema
async function standardSeedFingerprint(db: Kysely<any>): Promise<string> {
  const tables = [
    'standard_versions',
    'standard_categories',
    'standard_items',
    'standard_bonus_items',
    'standard_veto_items',
    'standard_grade_bands',
  ];
  const hash = createHash('sha256');
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1, 2, 3`.execute(db)).rows;
    for (const row of rows) {
      for (const stamp of ['created_at', 'updated_at', 'published_at']) delete row[stamp];
      // Columns later migrations add (0011 levels: standard_versions.kind) are not 0003's to seed.
      delete row.kind;
      hash.update(`${table}\t${JSON.stringify(row)}\n`);
    }
  }
  return hash.digest('hex');
}

describe('migration discipline', () => {
  it('a new SQLite database has exactly the shipped DDL, byte for byte', async () => {
    const { db } = await openDatabase(path.join(dir, 'ddl.sqlite'), { backupsDir: dir, now: () => new Date(0) });
    try {
      const ddl = await sqliteDdl(db);
      if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') fs.writeFileSync(SNAPSHOT, ddl);
      expect(ddl).toBe(fs.readFileSync(SNAPSHOT, 'utf8'));
    } finally {
      await db.destroy();
    }
  });

  it('0003 seeds the default standard v1 as shipped, with a sound audit entry', async () => {
    const { db } = await openDatabase(path.join(dir, 'seed.sqlite'), { backupsDir: dir, now: () => new Date(0) });
    try {
      // The rows written by 0003 before it was frozen (banded D5/G1, veto cap 良好), hashed.
      expect(await standardSeedFingerprint(db)).toBe('53a62af252fdea4a95ced5f784e08cd486d2f45e900d6f85734df8fe6d76d524');
      const audit = await sql<{ action: string; entity_id: string; after_json: string }>`select * from audit_log`.execute(db);
      expect(audit.rows).toMatchObject([
        { action: 'standard.seed', entity_id: '1', after_json: '{"name":"社区规范化创建考核标准","status":"published","version":1}' },
      ]);
      expect(await verifyAuditChain(db as never)).toMatchObject({ ok: true, entries: 1 });
    } finally {
      await db.destroy();
    }
  });

  it('names are NNNN_description, numbered 1, 2, 3… in registry order, one file each', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(fs.existsSync(path.join(MIGRATIONS_DIR, `${String(m.version).padStart(4, '0')}_${m.name}.ts`))).toBe(true);
    });
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_[a-z0-9_]+\.ts$/.test(f));
    expect(files.sort()).toEqual(MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}.ts`));
    // Anything else in the folder is the registry or a migration's own frozen data.
    const others = fs.readdirSync(MIGRATIONS_DIR).filter((f) => !files.includes(f));
    for (const f of others) expect(f).toMatch(/^(index\.ts|\d{4}_[a-z0-9_]+\.seed\.ts)$/);
  });

  it('migrations import no live code: only kysely, node:crypto, the migration type, the dialect and their own data', () => {
    const allowed = [/^kysely$/, /^node:crypto$/, /^\.\.\/migration$/, /^\.\.\/dialect$/, /^\.\/\d{4}_[a-z0-9_]+\.seed$/];
    for (const file of fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_/.test(f))) {
      const text = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      const sources = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
      for (const source of sources)
        expect(
          allowed.some((re) => re.test(source)),
          `${file} imports ${source}`,
        ).toBe(true);
      if (file.endsWith('.seed.ts')) expect(sources).toEqual([]);
    }
  });
});
