/**
 * Rosters as the user browses them: lists with search and filters, community detail with derived
 * figures, the post-grade table, and the metrics other features freeze into quarterly rounds
 * (getRosterMetrics). Editing one record is in roster-edit.service.ts.
 */
import { maskIdCard, maskPhone } from '../../../../shared/domain/privacy/mask';
import type { FieldValue } from '../../../../shared/domain/roster/field-parse';
import { DEFAULT_POST_GRADE_TABLE, postGradeTableSchema, type PostGradeTable } from '../../../../shared/domain/roster/post-grade';
import type { RosterType, SheetDef } from '../../../../shared/domain/roster/roster-columns';
import {
  communityWarnings,
  computeRosterMetrics,
  ROSTER_METRICS,
  type RosterMetrics,
} from '../../../../shared/domain/roster/roster-metrics';
import { AppError } from '../../../../shared/ipc/errors';
import type {
  CellValueDto,
  CommunityDetailDto,
  RosterListDto,
  RosterOverviewDto,
  RosterRecordDto,
} from '../../../../shared/ipc/channels/roster.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { readSettings, writeSetting } from '../settings/index';
import {
  communityNames,
  communityOptions,
  countRows,
  gridOptions,
  gridsOfCommunity,
  matchingIds,
  type ListQuery,
} from './roster-list.repository';
import { rosterDataFor } from './roster-metrics.repository';
import { loadRecords, type StoredRecord } from './roster.repository';

export type { ListQuery } from './roster-list.repository';

const POST_GRADES_KEY = 'roster.postGrades';

/** The post -> grade range table in use (the default until an administrator edits it). */
export async function getPostGradeTable(db: DbOrTrx): Promise<PostGradeTable> {
  const stored = await readSettings(db, POST_GRADES_KEY);
  const text = stored.get('');
  if (!text) return DEFAULT_POST_GRADE_TABLE;
  const parsed = postGradeTableSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : DEFAULT_POST_GRADE_TABLE;
}

/** Replaces the post -> grade range table (audited). */
export async function setPostGradeTable(app: AppContext, actor: string, table: PostGradeTable): Promise<PostGradeTable> {
  const parsed = postGradeTableSchema.safeParse(table);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues[0]?.message ?? '岗位等级表填写有误，请检查后重试。');
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const before = await getPostGradeTable(trx);
    await writeSetting(trx, POST_GRADES_KEY, JSON.stringify(parsed.data), now);
    await appendAudit(
      trx,
      { actor, action: 'roster.postGrades', entity: 'settings', entityId: POST_GRADES_KEY, before, after: parsed.data },
      now,
    );
    return parsed.data;
  });
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Today's calendar date on this computer (local time), as validation's "today". */
export function validationToday(now: Date): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

export function toDto(value: FieldValue | undefined): CellValueDto {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return (value as readonly string[]).join('、');
  return value as CellValueDto;
}

/** A stored record as the UI sees it; `mask` hides 身份证号 and phones. */

/** A stored record as the UI sees it; `mask` hides 身份证号 and phones. */
export function recordDto(r: StoredRecord, mask = false): RosterRecordDto {
  const values: Record<string, CellValueDto> = {};
  for (const [k, v] of Object.entries(r.values)) {
    let out = toDto(v);
    if (mask && typeof out === 'string' && out !== '') {
      if (k === 'idNumber') out = maskIdCard(out);
      else if (k === 'phone' || k === 'leaderPhone') out = out.split('、').map(maskPhone).join('、');
    }
    values[k] = out;
  }
  return { id: r.id, communityId: r.communityId, values };
}

/** Counts per roster and the options of the 社区/网格 filters. */
export async function rosterOverview(db: DbOrTrx): Promise<RosterOverviewDto> {
  return {
    counts: {
      communities: await countRows(db, 'communities'),
      grids: await countRows(db, 'grids'),
      workers: await countRows(db, 'workers'),
      'grid-staff': await countRows(db, 'grid_staff'),
      committee: await countRows(db, 'committee_members'),
      cadres: await countRows(db, 'cadres'),
    },
    groupRows: await countRows(db, 'grid_groups'),
    communities: await communityOptions(db),
    grids: await gridOptions(db),
  };
}

/** One page of a roster, with the total and per-community counts for the filters. */
export async function listRoster(db: DbOrTrx, q: ListQuery, mask: boolean): Promise<RosterListDto> {
  const all = await matchingIds(db, q, false, mask);
  const perCommunityMap = new Map<number | null, number>();
  for (const r of all) perCommunityMap.set(r.communityId, (perCommunityMap.get(r.communityId) ?? 0) + 1);
  const filtered = q.communityId === null ? all : all.filter((r) => r.communityId === q.communityId);
  const pageIds = filtered.slice(q.offset, q.offset + q.limit).map((r) => r.id);
  const records = pageIds.length ? await loadRecords(db, q.roster, q.sheet, { ids: pageIds }) : [];
  const byId = new Map(records.map((r) => [r.id, r]));
  return {
    total: filtered.length,
    perCommunity: [...perCommunityMap].map(([communityId, count]) => ({ communityId, count })),
    rows: pageIds
      .map((id) => byId.get(id))
      .filter((r): r is StoredRecord => r !== undefined)
      .map((r) => recordDto(r, mask)),
    masked: mask,
  };
}

/** One record (unmasked), or NOT_FOUND. */
export async function getRosterRecord(db: DbOrTrx, roster: RosterType, sheet: SheetDef['key'], id: number): Promise<StoredRecord> {
  const [record] = await loadRecords(db, roster, sheet, { ids: [id] });
  if (!record) throw new AppError('NOT_FOUND', '找不到该记录，可能已被删除或撤销导入。请刷新后重试。');
  return record;
}

/**
 * The roster metrics of the given communities as of a date (quarter end for a round, today for the
 * live view). Quarterly rounds call this to freeze a snapshot; keys are catalogued in
 * shared/domain/roster/roster-metrics.ts. Unknown ids are absent from the result.
 */
export async function getRosterMetrics(db: DbOrTrx, communityIds: readonly number[], asOf?: string): Promise<Map<number, RosterMetrics>> {
  const data = await rosterDataFor(db, communityIds);
  const postGrades = await getPostGradeTable(db);
  const date = asOf ?? validationToday(new Date());
  const out = new Map<number, RosterMetrics>();
  for (const [id, d] of data) out.set(id, computeRosterMetrics(d, { asOf: date, postGrades }));
  return out;
}

/** All communities in roster order (id, name), for rounds and filters. */
export async function listCommunities(db: DbOrTrx): Promise<{ id: number; name: string; sortKey: string }[]> {
  const rows = await communityNames(db);
  return rows.map((r) => ({ id: r.id, name: r.name, sortKey: String(r.id).padStart(6, '0') }));
}

/** A community with its derived figures and warnings. */
export async function communityDetail(app: AppContext, communityId: number, asOf?: string, mask = false): Promise<CommunityDetailDto> {
  const [community] = await loadRecords(app.db, 'communities', 'main', { ids: [communityId] });
  if (!community) throw new AppError('NOT_FOUND', '找不到该社区，可能已被删除。请刷新后重试。');
  const date = asOf ?? validationToday(app.now());
  const data = (await rosterDataFor(app.db, [communityId])).get(communityId);
  if (!data) throw new AppError('NOT_FOUND', '找不到该社区。');
  const metrics = computeRosterMetrics(data, { asOf: date, postGrades: await getPostGradeTable(app.db) });
  const grids = await gridsOfCommunity(app.db, communityId);
  return {
    community: recordDto(community, mask),
    asOf: date,
    metrics: ROSTER_METRICS.map((m) => ({ key: m.key, label: m.label, unit: m.unit, value: metrics[m.key] })),
    grids: grids.map((g) => ({
      id: g.id,
      code: g.code,
      name: g.name,
      households: g.households,
      within: g.households === null ? null : g.households >= 300 && g.households <= 500,
      leader: g.leader_name,
    })),
    warnings: communityWarnings(metrics, data.grids),
  };
}
