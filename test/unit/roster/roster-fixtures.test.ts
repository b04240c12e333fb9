import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../../electron/core/platform/io/excel/spreadsheet-reader';
import { FILE_MESSAGES } from '../../../electron/core/platform/io/excel/spreadsheet-errors';
import { DEFAULT_POST_GRADE_TABLE } from '../../../shared/domain/roster/post-grade';
import { createStreamingValidation, detectRosterSheets, validateRoster } from '../../../shared/domain/roster/roster-workbook';
import { ROSTER_DEFS } from '../../../shared/domain/roster/roster-columns';
import { AppError } from '../../../shared/ipc/errors';
import { FIXTURE_GRIDS, makeRosterFixtures, type RosterFixture } from '../../fixtures/make-roster-fixtures';
import { FIXTURE_COMMUNITIES, FIXTURE_STREET } from '../../fixtures/roster-data';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { craftZip } from '../../fixtures/zip-writer';

let dir = '';
let fixtures: RosterFixture[] = [];

beforeAll(async () => {
  dir = makeTempDir();
  fixtures = await makeRosterFixtures(dir);
});
afterAll(() => removeDir(dir));

const CTX = {
  today: '2024-06-30',
  postGrades: DEFAULT_POST_GRADE_TABLE,
  configuredStreet: FIXTURE_STREET,
  references: {
    communities: FIXTURE_COMMUNITIES.map((name) => ({ name, street: FIXTURE_STREET })),
    grids: FIXTURE_GRIDS.map((g) => ({ code: g.code, name: g.name, community: g.community })),
  },
};

describe('messy-roster fixture corpus', () => {
  it('has one file per quirk, each named for it', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    expect(new Set(fixtures.map((f) => f.file)).size).toBe(fixtures.length);
    for (const f of fixtures) expect(fs.existsSync(path.join(dir, f.file))).toBe(true);
  });

  it('reads, detects and validates every readable fixture as expected', async () => {
    for (const f of fixtures) {
      const e = f.expect;
      if ('refused' in e) continue;
      const wb = await readSpreadsheet(path.join(dir, f.file), { displayName: f.file });
      const detected = detectRosterSheets(wb, f.roster);
      expect(detected.ok, `${f.file}: ${detected.ok ? '' : detected.message}`).toBe(true);
      if (!detected.ok) continue;
      if (e.sheet) expect(detected.sheets[0]?.detection.sheetName, f.file).toBe(e.sheet);
      const result = validateRoster(wb, f.roster, detected.sheets, { ...CTX, date1904: wb.date1904 });
      const errors = result.problems.filter((p) => p.severity === 'error');
      expect({ file: f.file, data: result.dataRows, valid: result.validRows }, JSON.stringify(errors)).toEqual({
        file: f.file,
        data: e.dataRows,
        valid: e.validRows,
      });
      if (e.errorColumns) expect([...new Set(errors.map((p) => p.column))].sort(), f.file).toEqual([...e.errorColumns].sort());
    }
  });

  it('validating while streaming gives the same records and problems as reading the whole file first', async () => {
    let compared = 0;
    for (const f of fixtures) {
      if ('refused' in f.expect || ROSTER_DEFS[f.roster].sheets.length !== 1) continue;
      const file = path.join(dir, f.file);
      const wb = await readSpreadsheet(file, { displayName: f.file });
      if (wb.date1904) continue;
      const detected = detectRosterSheets(wb, f.roster);
      if (!detected.ok) throw new Error(detected.message);
      const batch = validateRoster(wb, f.roster, detected.sheets, { ...CTX, date1904: false });
      const stream = createStreamingValidation(f.roster, { ...CTX, date1904: false });
      const empty = await readSpreadsheet(file, { displayName: f.file, sink: stream.sink });
      expect(empty.sheets.every((s) => s.rows.length === 0)).toBe(true);
      const outcome = stream.outcome();
      if (!outcome.ok) throw new Error(outcome.message);
      expect(outcome.choices[0]?.detection.sheetName, f.file).toBe(detected.sheets[0]?.detection.sheetName);
      expect(outcome.validation.problems, f.file).toEqual(batch.problems);
      expect(outcome.validation.sheets[0]?.records, f.file).toEqual(batch.sheets[0]?.records);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(15);
  });

  it('refuses every unusable fixture with its Chinese message, as INVALID_FILE', async () => {
    for (const f of fixtures) {
      const e = f.expect;
      if (!('refused' in e)) continue;
      const error = await readSpreadsheet(path.join(dir, f.file)).then(
        () => null,
        (err: unknown) => err,
      );
      expect(error, f.file).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.code, f.file).toBe('INVALID_FILE');
      expect(appError.message, f.file).toContain(FILE_MESSAGES[e.refused as keyof typeof FILE_MESSAGES]);
    }
  });

  it('reads dates from date cells (UTC), 1904 serials and text the same way', async () => {
    const wb = await readSpreadsheet(path.join(dir, 'workers-1904-date-system.xlsx'));
    expect(wb.date1904).toBe(true);
    const detected = detectRosterSheets(wb, 'workers');
    if (!detected.ok) throw new Error(detected.message);
    const result = validateRoster(wb, 'workers', detected.sheets, { ...CTX, date1904: true });
    expect(result.sheets[0]?.records.map((r) => r.values.workStartDate)).toEqual(['2019-03-01', '2019-03-01']);
    const texts = await readSpreadsheet(path.join(dir, 'workers-dates-as-text.xlsx'));
    const d2 = detectRosterSheets(texts, 'workers');
    if (!d2.ok) throw new Error(d2.message);
    const r2 = validateRoster(texts, 'workers', d2.sheets, { ...CTX, date1904: false });
    expect(new Set(r2.sheets[0]?.records.map((r) => String(r.values.workStartDate).slice(0, 7)))).toEqual(new Set(['2019-03']));
  });

  it('joins LibreOffice rich text and decodes GBK CSV into the same values as plain files', async () => {
    const rich = await readSpreadsheet(path.join(dir, 'workers-libreoffice-rich-text.xlsx'));
    const row = rich.sheets[0]?.rows[1]?.cells ?? [];
    expect(typeof row[1]).toBe('string');
    expect(row[7]).toBe('人民路社区');
    const gbk = await readSpreadsheet(path.join(dir, 'workers-gbk.csv'), { displayName: 'workers-gbk.csv' });
    const bom = await readSpreadsheet(path.join(dir, 'workers-utf8-bom.csv'));
    expect(gbk.sheets[0]?.rows).toEqual(bom.sheets[0]?.rows);
    expect(gbk.sheets[0]?.name).toBe('workers-gbk');
    expect(gbk.sheets[0]?.rows[0]?.cells[1]).toBe('姓名');
  });

  it('refuses a shared-strings part that inflates beyond its limit even when headers lie', async () => {
    const file = path.join(dir, 'lying-shared-strings.xlsx');
    fs.writeFileSync(
      file,
      craftZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
        { name: 'xl/sharedStrings.xml', data: Buffer.alloc(3 * 1024 * 1024, 0x20), claimedSize: 1000 },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>') },
      ]),
    );
    const limits = { maxEntries: 100, maxEntryBytes: 1 << 30, maxTotalBytes: 1 << 30, maxInMemoryPartBytes: 1024 * 1024 };
    await expect(readSpreadsheet(file, { zipLimits: limits })).rejects.toMatchObject({
      code: 'INVALID_FILE',
      message: expect.stringContaining('过大'),
    });
  });

  it('stops at the cell limit and on cancel', async () => {
    await expect(readSpreadsheet(path.join(dir, 'workers-title-rows.xlsx'), { maxCells: 10 })).rejects.toMatchObject({
      code: 'INVALID_FILE',
    });
    const controller = new AbortController();
    controller.abort();
    await expect(readSpreadsheet(path.join(dir, 'workers-title-rows.xlsx'), { signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
