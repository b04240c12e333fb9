/**
 * Runs every file under a folder through the spreadsheet reader and, when readable, through header
 * detection and validation as every roster type. Prints one JSON line per file (and a "start"
 * line before it, so a hang can be pinned to its file). Used by the corpus test in a child process.
 *
 *   npx tsx test/helpers/corpus-probe.ts /work/shared/corpus
 */
import fs from 'node:fs';
import path from 'node:path';
import { readSpreadsheet } from '../../electron/core/platform/io/excel/spreadsheet-reader';
import { DEFAULT_POST_GRADE_TABLE } from '../../shared/domain/roster/post-grade';
import { ROSTER_TYPES } from '../../shared/domain/roster/roster-columns';
import { detectRosterSheets, validateRoster } from '../../shared/domain/roster/roster-workbook';
import { isAppError } from '../../shared/ipc/errors';

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

async function main(): Promise<void> {
  const root = process.argv[2];
  if (!root) throw new Error('usage: corpus-probe <dir>');
  const files = walk(root).filter((f) => !/(^|\/)(LICENSE|README\.md)$/.test(f));
  for (const file of files) {
    const rel = path.relative(root, file);
    console.log(JSON.stringify({ start: rel }));
    const started = Date.now();
    try {
      const wb = await readSpreadsheet(file, { timeoutMs: 30_000, displayName: path.basename(file) });
      const rosters: Record<string, string> = {};
      for (const type of ROSTER_TYPES) {
        const detected = detectRosterSheets(wb, type);
        if (!detected.ok) {
          rosters[type] = detected.message;
          continue;
        }
        const result = validateRoster(wb, type, detected.sheets, {
          today: '2024-06-30',
          date1904: wb.date1904,
          postGrades: DEFAULT_POST_GRADE_TABLE,
          references: { communities: [], grids: [] },
        });
        rosters[type] = `rows=${result.dataRows} valid=${result.validRows}`;
      }
      console.log(
        JSON.stringify({
          file: rel,
          status: 'read',
          ms: Date.now() - started,
          sheets: wb.sheets.length,
          rows: wb.sheets.reduce((n, s) => n + s.rows.length, 0),
          rosters,
        }),
      );
    } catch (error) {
      if (isAppError(error)) {
        console.log(JSON.stringify({ file: rel, status: 'refused', ms: Date.now() - started, code: error.code, message: error.message }));
      } else {
        console.log(
          JSON.stringify({
            file: rel,
            status: 'crash',
            ms: Date.now() - started,
            message: String(error instanceof Error ? error.stack : error),
          }),
        );
      }
    }
  }
  console.log(JSON.stringify({ done: files.length, heapMb: Math.round(process.memoryUsage().rss / 1048576) }));
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ fatal: String(error instanceof Error ? error.stack : error) }));
  process.exitCode = 1;
});
