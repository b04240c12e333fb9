import path from 'node:path';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterImportResultSchema } from '../../../shared/ipc/channels/roster.channels';
import { ROLES, type Role } from '../../../shared/ipc/channel';
import { AppError } from '../../../shared/ipc/errors';
import type { Actor } from '../../../electron/core/app-context';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { makeRosterFixtures } from '../../fixtures/make-roster-fixtures';
import { FIXTURE_STREET } from '../../fixtures/roster-data';

/** Masked readers cannot rebuild 身份证号/phones by searching, in the roster or in the audit log. */
let fixtureDir = '';
let t: TestApp;
const actor = (role: Role): Actor => ({ userId: 100 + ROLES.indexOf(role), username: `u-${role}`, displayName: role, role });
let idNumber = '';
let phone = '';
let name = '';
let workerId = 0;
const FULL_ID = /(?<!\d)\d{17}[\dX](?!\d)/;

beforeAll(async () => {
  fixtureDir = makeTempDir();
  await makeRosterFixtures(fixtureDir);
  t = await createTestApp({ now: () => new Date('2024-06-30T10:00:00+08:00') });
  await t.call('settings:update', { street: FIXTURE_STREET });
  for (const [roster, file] of [
    ['communities', 'communities.xlsx'],
    ['grids', 'grids-with-groups-sheet.xlsx'],
    ['workers', 'workers-title-rows.xlsx'],
  ] as const) {
    const staged = t.app.files.stageFromPath(path.join(fixtureDir, file));
    const { jobId } = await t.call('roster:import', { roster, fileId: staged.fileId, strict: false, dryRun: false, sheetName: null });
    const done = await t.app.jobs.wait(jobId);
    if (done.state !== 'done') throw new AppError('INTERNAL', done.error?.message ?? 'import failed');
    expect(rosterImportResultSchema.parse(done.result).committed).toBe(true);
  }
  const list = await t.call('roster:list', { roster: 'workers' }, actor('admin'));
  const row = list.rows.find((r) => typeof r.values.phone === 'string' && /^1\d{10}$/.test(r.values.phone as string))!;
  idNumber = String(row.values.idNumber);
  phone = String(row.values.phone);
  name = String(row.values.name);
  workerId = row.id;
  // An edit puts the full values into the audit log's before/after.
  await t.call('roster:update', { roster: 'workers', id: workerId, values: { ...row.values, phone: '13912345678' } }, actor('admin'));
  await t.call('roster:update', { roster: 'workers', id: workerId, values: { ...row.values, phone } }, actor('admin'));
});
afterAll(async () => {
  await t.dispose();
  removeDir(fixtureDir);
});

const search = async (role: Role, text: string) => (await t.call('roster:list', { roster: 'workers', search: text }, actor(role))).total;

describe('roster search for roles that see masked values', () => {
  it('matches names and whole values only, never a part of a 身份证号 or phone', async () => {
    for (const role of ['assessor', 'reviewer', 'viewer'] as const) {
      expect(await search(role, idNumber.slice(4, 10)), role).toBe(0);
      expect(await search(role, idNumber.slice(0, 17)), role).toBe(0);
      expect(await search(role, phone.slice(3, 7)), role).toBe(0);
      expect(await search(role, idNumber), role).toBe(1);
      expect(await search(role, idNumber.toLowerCase()), role).toBe(1);
      expect(await search(role, phone), role).toBe(1);
      expect(await search(role, name.slice(0, 1)), role).toBeGreaterThanOrEqual(1);
    }
    // The administrator sees the full values and may search any part of them.
    expect(await search('admin', idNumber.slice(4, 10))).toBe(1);
    expect(await search('admin', phone.slice(3, 7))).toBeGreaterThanOrEqual(1);
  });
});

describe('the audit log for roles that see masked values', () => {
  it('masks 身份证号 and phones in the list, the search and the export', async () => {
    const listed = await t.call('audit:list', {}, actor('reviewer'));
    const edits = listed.entries.filter((e) => e.action === 'roster.edit');
    expect(edits.length).toBe(2);
    expect(JSON.stringify(listed.entries)).not.toMatch(FULL_ID);
    expect(JSON.stringify(listed.entries)).not.toContain(phone);
    expect(JSON.stringify(listed.entries)).not.toContain('13912345678');
    expect(JSON.stringify(edits[0]!.before)).toContain(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);

    const found = await t.call('audit:search', { text: name, limit: 50, offset: 0 }, actor('reviewer'));
    expect(found.total).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(found.entries)).not.toMatch(FULL_ID);
    // Searching hidden digits finds nothing; the administrator finds them.
    expect((await t.call('audit:search', { text: idNumber.slice(4, 12), limit: 50, offset: 0 }, actor('reviewer'))).total).toBe(0);
    expect((await t.call('audit:search', { text: '9123456', limit: 50, offset: 0 }, actor('reviewer'))).total).toBe(0);
    expect(
      (await t.call('audit:search', { text: idNumber.slice(4, 12), limit: 50, offset: 0 }, actor('admin'))).total,
    ).toBeGreaterThanOrEqual(2);
    const adminView = await t.call('audit:list', {}, actor('admin'));
    expect(JSON.stringify(adminView.entries)).toContain(idNumber);

    const out = await t.call('audit:export', {}, actor('reviewer'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(t.app.files.resolve(out.fileId).path);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    expect(cells.some((c) => c.includes(`${idNumber.slice(0, 4)}**********`))).toBe(true);
    expect(cells.some((c) => FULL_ID.test(c) || c.includes('13912345678'))).toBe(false);
  });

  it('searches % and _ literally', async () => {
    await t.call('roster:delete', { roster: 'workers', id: workerId, reason: '重复录入_核对率100%' }, actor('admin'));
    expect((await t.call('audit:search', { text: '率100%', limit: 50, offset: 0 }, actor('admin'))).total).toBe(1);
    expect((await t.call('audit:search', { text: '录入_核', limit: 50, offset: 0 }, actor('reviewer'))).total).toBe(1);
    // A lone wildcard character matches only entries that contain it.
    expect((await t.call('audit:search', { text: '%', limit: 50, offset: 0 }, actor('admin'))).total).toBe(1);
    expect((await t.call('roster:list', { roster: 'communities', search: '%' }, actor('admin'))).total).toBe(0);
  });
});
