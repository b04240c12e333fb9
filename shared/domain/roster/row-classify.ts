/**
 * Classifying the rows below a roster's header: data, or one of the rows hand-made rosters carry
 * that are not records (blank and styled-empty rows, 合计/总计/小计 rows, 注/说明/填表人 footers,
 * a header repeated on every printed page, and pre-numbered template rows with only a 序号).
 */
import { headerKeyOf, isHeaderLikeRow, mightBeHeader, type ColumnMapping } from './header-detect';
import type { SheetDef } from './roster-columns';
import { cellDisplay, isEmptyCell, type SheetRow } from './sheet-cell';
import { compactText } from './text-normalize';

export type RowKind = 'data' | 'blank' | 'total' | 'note' | 'header';

// First characters of every TOTAL/NOTE word, also after NFKC/space removal (leading spaces allowed).
const MARKER_START = /^[\s\u3000\u00a0]*[合总小共汇累全注备说填制审负单联报盖签]/;
const TOTAL = /^(合计|总计|小计|共计|总数|汇总|累计|全街道合计|全社区合计)/;
const NOTE =
  /^(注|备注[:：]|说明|填表说明|填报说明|填表人|制表人|填报人|审核人|审核[:：]|负责人[:：]|单位负责人|联系人[:：]|填表日期|填报日期|制表日期|报送日期|填报单位|填表单位|单位盖章|盖章|签字[:：])/;

/**
 * Classifies one row. Only cells in mapped columns count as data: a row that only has a 序号 or
 * cells in unmapped columns is blank.
 */
export function classifyRow(row: SheetRow, mapping: ColumnMapping, def: SheetDef, headerTexts?: ReadonlySet<string>): RowKind {
  const mappedIndexes = Object.values(mapping);
  const hasMappedValue = mappedIndexes.some((i) => !isEmptyCell(row.cells[i]));
  let nonEmpty = 0;
  for (const cell of row.cells) {
    if (isEmptyCell(cell)) continue;
    nonEmpty += 1;
    // Numbers and dates (序号, 户数) are never 合计/注 markers; only text is looked at.
    if (typeof cell === 'string' || (typeof cell === 'object' && cell !== null && !(cell instanceof Date))) {
      const text = typeof cell === 'string' ? cell : cellDisplay(cell);
      // Cheap first-character filter before normalising: 合/总/小/共/汇/累/全 and 注/备/说/填/制/审/负/单/联/报/盖/签.
      if (MARKER_START.test(text)) {
        const t = compactText(text);
        // A 合计 row usually puts the word in the 序号 or 姓名 column, so look at the first few cells.
        if (TOTAL.test(t)) return 'total';
        // Footers start in the first non-empty cell; no name or 序号 starts with these words.
        if (nonEmpty === 1 && NOTE.test(t)) return 'note';
      }
    }
    if (nonEmpty >= 3) break;
  }
  if (nonEmpty === 0) return 'blank';
  if (!hasMappedValue) return 'blank';
  // Cheap probe first (one cell), the full check only for rows that may be a repeated header.
  const probe = mappedIndexes.length > 0 ? row.cells[Math.min(...mappedIndexes)] : undefined;
  if (
    typeof probe === 'string' &&
    (headerTexts?.has(probe.trim()) || (mightBeHeader(def, probe) && headerKeyOf(def, probe) !== null)) &&
    isHeaderLikeRow(row, def)
  ) {
    return 'header';
  }
  return 'data';
}
