import path from 'node:path';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterImportResultSchema, stagedOutputSchema } from '../../../shared/ipc/channels/roster.channels';
import type { RosterType } from '../../../shared/domain/roster/roster-columns';
import { canSeePersonalData } from '../../../shared/domain/privacy/personal-data-access';
import { ROLES, type Role } from '../../../shared/ipc/channel';
import { AppError } from '../../../shared/ipc/errors';
import type { Actor } from '../../../electron/core/app-context';
import { listBackups } from '../../../electron/core/features/backup/backup.service';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { makeRosterFixtures } from '../../fixtures/make-roster-fixtures';
import { FIXTURE_STREET } from '../../fixtures/roster-data';

/** 身份证号 and phones are masked for every role but 管理员; unmasked exports are audited. */
let fixtureDir = '';
let t: TestApp;
const actor = (role: Role): Actor => ({ userId: 100 + ROLES.indexOf(role), username: `u-${role}`, displayName: role, role });

beforeAll(async () => {
  fixtureDir = makeTempDir();
  await makeRosterFixtures(fixtureDir);
  t = await createTestApp({ now: () => new Date('2024-06-30T10:00:00+08:00') });
  await t.call('settings:update', { street: FIXTURE_STREET });
  for (const [roster, file] of [
    ['communities', 'communities.xlsx'],
    ['grids', 'grids-with-groups-sheet.xlsx'],
    ['workers', 'workers-title-rows.xlsx'],
  ] as [RosterType, string][]) {
    const staged = t.app.files.stageFromPath(path.join(fixtureDir, file));
    const { jobId } = await t.call('roster:import', { roster, fileId: staged.fileId, strict: false, dryRun: false, sheetName: null });
    const done = await t.app.jobs.wait(jobId);
    if (done.state !== 'done') throw new AppError('INTERNAL', done.error?.message ?? 'import failed');
    expect(rosterImportResultSchema.parse(done.result).committed).toBe(true);
  }
});
afterAll(async () => {
  await t.dispose();
  removeDir(fixtureDir);
});

const FULL_ID = /^\d{17}[\dX]$/;

async function exportAs(role: Role): Promise<string[]> {
  const { jobId } = await t.call('roster:export', { roster: 'workers', communityId: null }, actor(role));
  const done = await t.app.jobs.wait(jobId);
  expect(done.state).toBe('done');
  const out = stagedOutputSchema.parse(done.result);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(t.app.files.resolve(out.fileId).path);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
  return cells;
}

async function unmaskedExports(): Promise<number> {
  return (await t.app.db.selectFrom('audit_log').select('seq').where('action', '=', 'personalData.export').execute()).length;
}

describe('personal data', () => {
  it('only administrators may see it', () => {
    expect(ROLES.filter(canSeePersonalData)).toEqual(['admin']);
    expect(canSeePersonalData(null)).toBe(false);
  });

  it('roster lists mask 身份证号 and phones for every other role', async () => {
    const full = await t.call('roster:list', { roster: 'workers' }, actor('admin'));
    expect(full.masked).toBe(false);
    expect(full.rows.length).toBe(3);
    expect(String(full.rows[0]!.values.idNumber)).toMatch(FULL_ID);
    for (const role of ['assessor', 'reviewer', 'viewer'] as const) {
      const list = await t.call('roster:list', { roster: 'workers' }, actor(role));
      expect(list.masked, role).toBe(true);
      for (const row of list.rows) {
        expect(String(row.values.idNumber), role).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
        if (row.values.phone) expect(String(row.values.phone), role).toContain('****');
      }
    }
  });

  it('exports are masked for other roles, and an unmasked export is recorded in the audit log', async () => {
    const before = await unmaskedExports();
    const masked = await exportAs('reviewer');
    expect(masked.some((c) => FULL_ID.test(c))).toBe(false);
    expect(masked.some((c) => /^\d{4}\*{10}/.test(c))).toBe(true);
    expect(await unmaskedExports()).toBe(before);
    const full = await exportAs('admin');
    expect(full.filter((c) => FULL_ID.test(c)).length).toBe(3);
    expect(await unmaskedExports()).toBe(before + 1);
    const entry = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'personalData.export')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.actor).toBe('u-admin');
    expect(entry.reason).toContain('身份证号');
  });

  it('every import was preceded by an automatic backup', () => {
    expect(listBackups(t.app).filter((b) => b.kind === '导入前备份').length).toBe(3);
  });
});
