import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createAppContext } from '../../../electron/core/app-context';
import { openDatabase } from '../../../electron/core/platform/db/connection';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { seedCommunities } from '../../helpers/round-seed';
import { runCli } from '../../helpers/run-cli';
import { PG_MODE, dbTarget } from '../../helpers/test-db';

/**
 * Deduction attachments live in the database (migration 0012): stored with the deduction, once per
 * content, readable by every program on the database (the CLI here, another PC on PostgreSQL), and
 * the files an earlier version left in attachments/ are taken in on open. Runs on both engines.
 */
let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const R = '2021Q3';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function setup(): Promise<{ t: TestApp; communityId: number }> {
  t = await createTestApp();
  const [communityId] = await seedCommunities(t);
  await t.call('rounds:create', { year: 2021, quarter: 3 });
  return { t, communityId: communityId! };
}

async function addWithPhotos(t: TestApp, communityId: number, files: string[], text = '公开栏未更新') {
  return t.call('rounds:addDeduction', {
    roundId: R,
    communityId,
    itemCode: 'B4',
    reasonCode: null,
    text,
    amountTenths: 5,
    evidence: '实地查看',
    attachmentFileIds: files.map((f) => t.app.files.stageFromPath(f).fileId),
  });
}

describe('deduction attachments in the database', () => {
  it('stores the bytes with the deduction, once per content, and gives them back byte for byte (channel and CLI)', async () => {
    const { t, communityId } = await setup();
    // Bytes of every value (not text): what a JPEG is made of.
    const photo = path.join(t.dir, '整改前 照片.JPG');
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7 + (i >> 8)) % 256));
    fs.writeFileSync(photo, bytes);
    const copy = path.join(t.dir, '同一张照片.jpg');
    fs.copyFileSync(photo, copy);
    const hash = sha256(bytes);
    await addWithPhotos(t, communityId, [photo]);
    await addWithPhotos(t, communityId, [copy], '台账未归档');
    const contents = await t.app.db.selectFrom('attachment_contents').select(['sha256', 'size']).execute();
    expect(contents).toEqual([{ sha256: hash, size: bytes.length }]);
    expect(fs.existsSync(t.app.paths.attachmentsDir)).toBe(false);

    const back = await t.call('rounds:attachment', { sha256: hash.toUpperCase() });
    expect(back).toMatchObject({ name: '整改前 照片.JPG', size: bytes.length });
    expect(fs.readFileSync(t.app.files.resolve(back.fileId).path).equals(bytes)).toBe(true);

    // Another program on the same database: the command line.
    const out = path.join(t.dir, '取出', '照片.jpg');
    const cli = runCli(['round', 'attachment', hash, '--out', out, '--db', t.dbFile, '--json']);
    expect(cli.stderr).toBe('');
    expect(JSON.parse(cli.stdout)).toMatchObject({ sha256: hash, name: '整改前 照片.JPG', size: bytes.length });
    expect(fs.readFileSync(out).equals(bytes)).toBe(true);
  });

  it('refuses a malformed or unknown hash with a clear message', async () => {
    const { t } = await setup();
    await expect(t.call('rounds:attachment', { sha256: '../../etc/passwd' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/SHA-256/),
    });
    await expect(t.call('rounds:attachment', { sha256: 'a'.repeat(64) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/数据库中没有该附件/),
    });
    const cli = runCli(['round', 'attachment', 'b'.repeat(64), '--out', path.join(t.dir, 'x.jpg'), '--db', t.dbFile]);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toMatch(/数据库中没有该附件/);
  });

  it('a deduction added by one program is readable by a second program opened on the same database', async () => {
    const { t, communityId } = await setup();
    const second = await createAppContext({ dbFile: dbTarget(t.dbFile), door: 'host' });
    try {
      const photo = path.join(t.dir, '公开栏.png');
      fs.writeFileSync(photo, Buffer.from('\x89PNG\r\n\x1a\n二进制内容', 'binary'));
      await addWithPhotos(t, communityId, [photo]);
      const { dispatch } = await import('../../../electron/core/dispatch');
      const { LOCAL_ADMIN } = await import('../../../electron/core/platform/security/local-actor');
      const form = await dispatch({ app: second, actor: LOCAL_ADMIN }, 'rounds:form', { roundId: R, communityId });
      expect(form.ok).toBe(true);
      const listed = (form as { value: { ledger: { attachments: { sha256: string }[] }[] } }).value.ledger[0]!.attachments[0]!;
      const back = await dispatch({ app: second, actor: LOCAL_ADMIN }, 'rounds:attachment', { sha256: listed.sha256 });
      expect(back.ok).toBe(true);
      const staged = (back as { value: { fileId: string } }).value;
      expect(fs.readFileSync(second.files.resolve(staged.fileId).path).equals(fs.readFileSync(photo))).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('files an earlier version left in attachments/ are taken in on open; a damaged one is left alone', async () => {
    const { t, communityId } = await setup();
    const good = Buffer.from('旧版本保存的照片');
    const goodHash = sha256(good);
    const damagedHash = sha256(Buffer.from('原来的内容'));
    // What an earlier version left: the files beside the database and rows naming them.
    fs.mkdirSync(t.app.paths.attachmentsDir, { recursive: true });
    fs.writeFileSync(path.join(t.app.paths.attachmentsDir, `${goodHash}.jpg`), good);
    fs.writeFileSync(path.join(t.app.paths.attachmentsDir, `${damagedHash}.jpg`), Buffer.from('被改过的内容'));
    fs.writeFileSync(path.join(t.app.paths.attachmentsDir, 'desktop.ini'), '[.ShellClassInfo]');
    const { deductionId } = await addWithPhotos(t, communityId, []);
    for (const [hash, size] of [
      [goodHash, good.length],
      [damagedHash, 15],
    ] as const) {
      await t.app.db
        .insertInto('deduction_attachments')
        .values({ deduction_id: deductionId, file_name: '旧照片.jpg', stored_name: `${hash}.jpg`, sha256: hash, size, created_at: 'x' })
        .execute();
    }
    await t.app.close();
    t.app = await createAppContext({ dbFile: dbTarget(t.dbFile), door: 'cli' });
    const back = await t.call('rounds:attachment', { sha256: goodHash });
    expect(fs.readFileSync(t.app.files.resolve(back.fileId).path).equals(good)).toBe(true);
    await expect(t.call('rounds:attachment', { sha256: damagedHash })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(fs.readdirSync(t.app.paths.attachmentsDir)).toHaveLength(3);
    // Opening again finds nothing left to take in.
    expect(await t.app.db.selectFrom('attachment_contents').select('sha256').execute()).toEqual([{ sha256: goodHash }]);
  });

  it.skipIf(PG_MODE)('the backup (a copy of the SQLite file) holds the attachments', async () => {
    const { t, communityId } = await setup();
    const photo = path.join(t.dir, '备份里的照片.jpg');
    fs.writeFileSync(photo, Buffer.from([0, 255, 1, 254, 2, 253]));
    await addWithPhotos(t, communityId, [photo]);
    const backup = await t.app.backup!('manual');
    const { db } = await openDatabase(backup, { backupsDir: t.dir, now: () => new Date() });
    try {
      const rows = (await sql<{ content: Buffer }>`select content from attachment_contents`.execute(db)).rows;
      expect(rows.map((r) => Buffer.from(r.content).equals(fs.readFileSync(photo)))).toEqual([true]);
    } finally {
      await db.destroy();
    }
  });
});
