/**
 * Roster exports (.xlsx, streamed) and import templates per roster type.
 */
import { maskIdCard, maskPhone } from '../../../../shared/domain/privacy/mask';
import { ROSTER_DEFS, type RosterType } from '../../../../shared/domain/roster/roster-columns';
import { exportLayout, templateLayout } from '../../../../shared/domain/roster/roster-workbook-layout';
import type { AppContext } from '../../app-context';
import type { DbOrTrx } from '../../platform/db/schema';
import { writeTables, writeTemplate, type TableValue } from '../../platform/io/excel/table-writer';
import { throwIfCancelled, type JobProgress } from '../../platform/jobs/job-registry';
import { loadRecords } from './roster.repository';
import { getPostGradeTable, validationToday } from './roster.service';

const MASKED_KEYS = new Set(['idNumber', 'phone', 'leaderPhone']);

/** File name of an export, e.g. 社区工作者名册-2024-06-30.xlsx. */
export function exportFileName(roster: RosterType, now: Date): string {
  return `${ROSTER_DEFS[roster].label.replace(/[“”"]/g, '')}名册-${validationToday(now)}.xlsx`;
}

export function templateFileName(roster: RosterType): string {
  return `${ROSTER_DEFS[roster].label.replace(/[“”"]/g, '')}导入模板.xlsx`;
}

/**
 * Exports a roster (all sheets; optionally one community) to `file`. `mask` hides 身份证号 and
 * phones for roles that may not see them. Returns the number of rows written.
 */
export async function exportRoster(
  db: DbOrTrx,
  roster: RosterType,
  file: string,
  options: { communityId: number | null; mask: boolean; signal?: AbortSignal; progress?: JobProgress },
): Promise<number> {
  const sheets = [];
  for (const layout of exportLayout(roster)) {
    const records = await loadRecords(
      db,
      roster,
      layout.sheetKey,
      options.communityId === null ? {} : { communityIds: [options.communityId] },
    );
    if (options.signal) throwIfCancelled(options.signal);
    options.progress?.(0, records.length, `正在导出 ${records.length} 条记录`);
    const rows = records.map((r) => {
      const out: Record<string, TableValue> = {};
      for (const [k, v] of Object.entries(r.values)) {
        let value: TableValue = Array.isArray(v) ? (v as readonly string[]).join('、') : (v as TableValue);
        if (options.mask && typeof value === 'string' && MASKED_KEYS.has(k))
          value = k === 'idNumber' ? maskIdCard(value) : value.split('、').map(maskPhone).join('、');
        out[k] = value;
      }
      return out;
    });
    // The 小组/楼院 sheet of an empty roster is still written, so the file always has the same shape.
    sheets.push({ layout, rows });
  }
  return writeTables(file, sheets);
}

/** Writes the import template of a roster type. */
export async function writeRosterTemplate(app: AppContext, roster: RosterType, file: string): Promise<void> {
  await writeTemplate(file, templateLayout(roster, await getPostGradeTable(app.db)));
}
