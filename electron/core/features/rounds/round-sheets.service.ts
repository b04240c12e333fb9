/**
 * Field scoring sheets: export one sheet per community for on-site work, and import the filled
 * workbook back with the same problem report as roster imports. Errors reject the row; valid rows
 * of writable forms are committed in one transaction (nothing with dryRun).
 */
import { AppError } from '../../../../shared/ipc/errors';
import { cellText, readSheetRow, scoringSheetRows, sheetNameFor, type SheetAction } from '../../../../shared/domain/round/scoring-sheet';
import type { ImportProblem } from '../../../../shared/domain/problems';
import { prepareStandard } from '../../../../shared/domain/scoring/prepared-standard';
import { scoreCommunity } from '../../../../shared/domain/scoring/community-score';
import { EMPTY_ENTRIES } from '../../../../shared/domain/scoring/score-entry.schema';
import { FORM_STATUS_LABELS, ROUND_ID_SOURCE, ROUND_STATE_LABELS, scoresEditable } from '../../../../shared/domain/round/round-workflow';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import { readSpreadsheet } from '../../platform/io/excel/spreadsheet-reader';
import { writeScoringWorkbook } from '../../platform/io/excel/scoring-sheet.writer';
import type { DbOrTrx } from '../../platform/db/schema';
import { getRound, roundCommunities, snapshotOf, titleOf, type RoundCommunityRow } from './rounds.repository';
import { CHECKED_NO_DEDUCTION, loadEntries, upsertScoreItem, type Stamp } from './scoring.repository';
import { deleteFormItemDeductions, insertDeduction } from './deductions.repository';
import { loadStandardVersion, roundKind } from './round-sources';
import { kindWords } from '../../../../shared/domain/levels/kind-words';
import { assertNotFinalized, type RoundActor } from './round-guards';
import { assignmentCheck } from '../../platform/security/record-access';

/** Sheet name of each community, in the round's order (the same on export and import). */
function sheetNames(communities: readonly RoundCommunityRow[]): Map<string, RoundCommunityRow> {
  const taken = new Set<string>();
  return new Map(communities.map((c) => [sheetNameFor(c.name, taken), c]));
}

/** Writes the workbook to `file`. */
export async function exportScoringSheets(app: AppContext, roundId: string, file: string): Promise<{ sheets: number }> {
  const db = app.db;
  const round = await getRound(db, roundId);
  const ps = prepareStandard(await loadStandardVersion(db, round.standard_version));
  const communities = await roundCommunities(db, roundId);
  const work = kindWords(await roundKind(db, round.standard_version)).work;
  const sheets = [...sheetNames(communities)].map(([sheetName, c]) => {
    const score = scoreCommunity(ps, EMPTY_ENTRIES, snapshotOf(c).metrics);
    const computed = new Map(score.items.filter((i) => i.status === 'computed').map((i) => [i.code, i.tenths]));
    return {
      sheetName,
      title: `${c.name} ${titleOf(round)}${work}考评评分表（轮次 ${round.id}，标准第${round.standard_version}版）`,
      rows: scoringSheetRows(ps.standard, computed),
    };
  });
  await writeScoringWorkbook(file, sheets);
  return { sheets: sheets.length };
}

export interface SheetImportResult {
  committed: boolean;
  communities: number;
  items: number;
  deductions: number;
  problems: ImportProblem[];
}

export async function importScoringSheets(
  app: AppContext,
  actor: RoundActor,
  roundId: string,
  file: string,
  dryRun: boolean,
): Promise<SheetImportResult> {
  const db = app.db;
  const round = await getRound(db, roundId);
  assertNotFinalized(round);
  const ps = prepareStandard(await loadStandardVersion(db, round.standard_version));
  const communities = await roundCommunities(db, roundId);
  const bySheet = sheetNames(communities);
  const byName = new Map(communities.map((c) => [c.name, c]));
  const workbook = await readSpreadsheet(file);
  const problems: ImportProblem[] = [];
  const plan = new Map<number, { community: RoundCommunityRow; actions: SheetAction[] }>();
  const roundEditable = scoresEditable(round.state);
  const mayScore = await assignmentCheck(db, roundId, actor);

  for (const sheet of workbook.sheets) {
    if (sheet.hidden) continue;
    const community = bySheet.get(sheet.name) ?? byName.get(sheet.name.trim());
    const sheetProblem = (message: string, value = sheet.name) =>
      problems.push({ severity: 'error', sheet: sheet.name, row: null, column: null, value, message });
    if (!community) {
      sheetProblem(`本轮考评中没有名为「${sheet.name}」的社区：工作表名称应为社区名称（请使用本轮导出的评分表）`);
      continue;
    }
    if (!mayScore(community.community_id, null)) {
      sheetProblem(`「${community.name}」未分配给您评分，该工作表未导入。如需评分，请联系管理员分配`);
      continue;
    }
    if (plan.has(community.community_id)) {
      sheetProblem(`「${community.name}」有多个工作表，只导入第一个`);
      continue;
    }
    const titleRow = sheet.rows.find((r) => r.rowNumber === 1);
    const title = titleRow ? cellText(titleRow.cells[0]) : '';
    const otherRound = new RegExp(`(${ROUND_ID_SOURCE})`).exec(title)?.[1];
    if (otherRound && otherRound !== round.id) {
      sheetProblem(`该工作表是 ${otherRound} 轮次的评分表，不是本轮（${round.id}）的。请导出本轮的评分表后重新填写`, title);
      continue;
    }
    const header = sheet.rows
      .slice(0, 10)
      .find((r) => r.cells.some((c) => cellText(c) === '编码') && r.cells.some((c) => cellText(c) === '得分'));
    if (!header) {
      sheetProblem('找不到表头（应含“编码”和“得分”两列）。请使用本系统导出的评分表');
      continue;
    }
    const col = (name: string) => header.cells.findIndex((c) => cellText(c) === name);
    const codeCol = col('编码');
    const scoreCol = col('得分');
    const reasonCol = col('扣分原因');
    const status = community.status;
    if (!roundEditable || status === 'submitted' || status === 'reviewed') {
      sheetProblem(
        !roundEditable
          ? `本轮考评当前为“${ROUND_STATE_LABELS[round.state]}”状态，评分不能修改`
          : `「${community.name}」的评分表已${FORM_STATUS_LABELS[status]}，不能修改。如需修改，请审核人退回该社区`,
      );
      continue;
    }
    const metrics = snapshotOf(community).metrics;
    const computed = new Map(
      scoreCommunity(ps, EMPTY_ENTRIES, metrics)
        .items.filter((i) => i.status === 'computed')
        .map((i) => [i.code, i.tenths]),
    );
    const actions: SheetAction[] = [];
    const seen = new Set<string>();
    for (const row of sheet.rows) {
      if (row.rowNumber <= header.rowNumber) continue;
      const code = cellText(row.cells[codeCol]).replace(/\s+/g, '').toUpperCase();
      const scoreText = cellText(row.cells[scoreCol]);
      const reasonText = reasonCol >= 0 ? cellText(row.cells[reasonCol]) : '';
      if (!code) {
        if (scoreText)
          problems.push({
            severity: 'error',
            sheet: sheet.name,
            row: row.rowNumber,
            column: '编码',
            value: '',
            message: '该行填写了得分但没有编码，请补上指标编码',
          });
        continue;
      }
      const prepared = ps.itemByCode.get(code);
      if (!prepared) {
        problems.push({
          severity: 'error',
          sheet: sheet.name,
          row: row.rowNumber,
          column: '编码',
          value: code,
          message: `考核标准第${round.standard_version}版中没有指标“${code}”，请核对编码`,
        });
        continue;
      }
      if (!mayScore(community.community_id, prepared.category.code)) {
        problems.push({
          severity: 'error',
          sheet: sheet.name,
          row: row.rowNumber,
          column: '编码',
          value: code,
          message: `指标${code}所属的一级指标未分配给您评分，该行未导入`,
        });
        seen.add(code);
        continue;
      }
      if (seen.has(code)) {
        problems.push({
          severity: 'error',
          sheet: sheet.name,
          row: row.rowNumber,
          column: '编码',
          value: code,
          message: `指标${code}在本表中出现了多次，只导入第一次`,
        });
        continue;
      }
      seen.add(code);
      const result = readSheetRow(prepared.item, scoreText, reasonText, computed.get(code), { sheet: sheet.name, row: row.rowNumber });
      if (result.problem) problems.push(result.problem);
      else if (result.action) actions.push(result.action);
    }
    const missing = ps.items.filter((p) => p.item.method.kind !== 'computed' && !seen.has(p.item.code)).length;
    if (missing > 0 && actions.length > 0) {
      problems.push({
        severity: 'warning',
        sheet: sheet.name,
        row: null,
        column: null,
        value: '',
        message: `有${missing}个指标不在表中，保持原有评分`,
      });
    }
    plan.set(community.community_id, { community, actions });
  }

  const items = [...plan.values()].reduce((s, p) => s + p.actions.length, 0);
  const deductions = [...plan.values()].reduce(
    (s, p) => s + p.actions.reduce((n, a) => n + (a.kind === 'deductions' ? a.records.length : 0), 0),
    0,
  );
  const touched = [...plan.values()].filter((p) => p.actions.length > 0);
  if (dryRun || touched.length === 0) return { committed: false, communities: touched.length, items, deductions, problems };

  const now = app.now();
  const at = now.toISOString();
  const before = await loadEntries(
    db,
    roundId,
    '',
    touched.map((p) => p.community.community_id),
  );
  await db.transaction().execute(async (trx) => {
    // The state may have moved since the file was read.
    const current = await getRound(trx, roundId);
    if (current.state !== round.state) throw new AppError('CONFLICT', '考评状态刚被他人修改，请刷新后重新导入。');
    for (const { community, actions } of touched) {
      const cid = community.community_id;
      for (const a of actions) await applySheetAction(trx, { roundId, communityId: cid }, a, { at, by: actor.name });
      await appendAudit(
        trx,
        {
          actor: actor.name,
          action: 'scores.import',
          entity: 'score',
          entityId: `${roundId}/${cid}`,
          before: before.get(cid) ?? null,
          after: { community: community.name, actions },
        },
        now,
      );
    }
  });
  return { committed: true, communities: touched.length, items, deductions, problems };
}

/** Writes one row of a field sheet into the community's form. */
async function applySheetAction(trx: DbOrTrx, form: { roundId: string; communityId: number }, a: SheetAction, stamp: Stamp): Promise<void> {
  const key = { round_id: form.roundId, community_id: form.communityId, assessor: '', item_code: a.code };
  if (a.kind === 'value') {
    const v = JSON.stringify(a.value);
    await upsertScoreItem(trx, key, { value_json: v }, { value_json: v, na_reason: null }, stamp);
  } else if (a.kind === 'override') {
    const override = { override_tenths: a.tenths, override_reason: a.reason };
    await upsertScoreItem(trx, key, override, override, stamp);
  } else {
    // The sheet's 得分 replaces this item's ledger: one record for the whole shortfall; a full
    // score on the sheet is the assessor's 核查无扣分.
    if (a.records.length === 0) {
      await upsertScoreItem(trx, key, { value_json: CHECKED_NO_DEDUCTION }, { value_json: CHECKED_NO_DEDUCTION }, stamp);
    }
    await deleteFormItemDeductions(trx, form.roundId, form.communityId, a.code);
    for (const r of a.records) {
      await insertDeduction(trx, {
        ...key,
        reason_code: r.reasonCode,
        text: r.text,
        amount_tenths: r.amountTenths,
        evidence: '现场评分表',
        created_at: stamp.at,
        created_by: stamp.by,
      });
    }
  }
}
