/**
 * Rosters as the user browses them: lists with search and filters, single-record edit with the
 * import's validation, community detail with derived figures, the post-grade table, and the
 * metrics other features freeze into quarterly rounds (getRosterMetrics).
 */
import { maskIdCard, maskPhone } from '../../../../shared/domain/privacy/mask';
import type { FieldValue } from '../../../../shared/domain/roster/field-parse';
import type { HeaderDetection } from '../../../../shared/domain/roster/header-detect';
import { DEFAULT_POST_GRADE_TABLE, postGradeTableSchema, type PostGradeTable } from '../../../../shared/domain/roster/post-grade';
import { ROSTER_DEFS, type RosterType, type SheetDef } from '../../../../shared/domain/roster/roster-columns';
import {
  communityWarnings,
  computeRosterMetrics,
  ROSTER_METRICS,
  type CommunityRosterData,
  type RosterMetrics,
} from '../../../../shared/domain/roster/roster-metrics';
import { buildReferenceIndex, communityKey, validateSheet, type RecordValues } from '../../../../shared/domain/roster/row-validate';
import type { PlainSheet, SheetCell } from '../../../../shared/domain/roster/sheet-cell';
import { AppError } from '../../../../shared/ipc/errors';
import type {
  CellValueDto,
  CommunityDetailDto,
  RosterListDto,
  RosterOverviewDto,
  RosterProblemDto,
  RosterRecordDto,
} from '../../../../shared/ipc/channels/roster.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { containsText } from '../../platform/db/dialect';
import { readSettings, writeSetting } from '../settings/index';
import {
  cadreRow,
  committeeRow,
  communityRow,
  gridCodeKey,
  gridRow,
  gridStaffRow,
  groupRow,
  isPeopleRoster,
  loadRecords,
  loadReferenceData,
  PERSON_KEYS,
  personRow,
  ROLE_TABLE,
  workerRow,
  type StoredRecord,
} from './roster.repository';
import { getUnitSettings } from '../settings/index';

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

function toDto(value: FieldValue | undefined): CellValueDto {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return (value as readonly string[]).join('、');
  return value as CellValueDto;
}

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
  const count = async (table: 'communities' | 'grids' | 'workers' | 'grid_staff' | 'committee_members' | 'cadres' | 'grid_groups') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const communities = await db
    .selectFrom('communities')
    .innerJoin('streets', 'streets.id', 'communities.street_id')
    .select(['communities.id', 'communities.name', 'streets.name as street'])
    .orderBy('communities.id')
    .execute();
  const grids = await db
    .selectFrom('grids')
    .select(['id', 'code', 'name', 'community_id'])
    .orderBy('community_id')
    .orderBy('code')
    .execute();
  return {
    counts: {
      communities: await count('communities'),
      grids: await count('grids'),
      workers: await count('workers'),
      'grid-staff': await count('grid_staff'),
      committee: await count('committee_members'),
      cadres: await count('cadres'),
    },
    groupRows: await count('grid_groups'),
    communities,
    grids: grids.map((g) => ({ id: g.id, code: g.code, name: g.name, communityId: g.community_id })),
  };
}

export interface ListQuery {
  roster: RosterType;
  sheet: SheetDef['key'];
  communityId: number | null;
  gridId: number | null;
  search: string;
  offset: number;
  limit: number;
}

/** Ids of the records matching a search/filter, in display order (SQL does the filtering). */
async function matchingIds(
  db: DbOrTrx,
  q: ListQuery,
  withCommunityFilter: boolean,
  masked: boolean,
): Promise<{ id: number; communityId: number | null }[]> {
  const search = q.search.trim();
  const hasSearch = search !== '';
  const communityId = withCommunityFilter ? q.communityId : null;
  switch (q.roster) {
    case 'communities': {
      let s = db.selectFrom('communities').select(['id', 'id as communityId']);
      if (hasSearch)
        s = s.where((eb) =>
          eb.or([
            containsText('name', search),
            containsText('code', search),
            containsText('secretary', search),
            containsText('director', search),
          ]),
        );
      if (communityId !== null) s = s.where('id', '=', communityId);
      return s.orderBy('id').execute();
    }
    case 'grids': {
      if (q.sheet === 'groups') {
        let s = db
          .selectFrom('grid_groups')
          .innerJoin('grids', 'grids.id', 'grid_groups.grid_id')
          .select(['grid_groups.id', 'grids.community_id as communityId']);
        if (hasSearch)
          s = s.where((eb) =>
            eb.or([
              containsText('grid_groups.group_name', search),
              containsText('grid_groups.courtyard_name', search),
              containsText('grids.code', search),
            ]),
          );
        if (communityId !== null) s = s.where('grids.community_id', '=', communityId);
        if (q.gridId !== null) s = s.where('grids.id', '=', q.gridId);
        return s.orderBy('grids.code').orderBy('grid_groups.id').execute();
      }
      let s = db.selectFrom('grids').select(['grids.id', 'grids.community_id as communityId']);
      if (hasSearch)
        s = s.where((eb) => eb.or([containsText('code', search), containsText('name', search), containsText('leader_name', search)]));
      if (communityId !== null) s = s.where('community_id', '=', communityId);
      if (q.gridId !== null) s = s.where('id', '=', q.gridId);
      return s.orderBy('community_id').orderBy('code').execute();
    }
    default: {
      const table = ROLE_TABLE[q.roster];
      let s = db
        .selectFrom(table)
        .innerJoin('persons', 'persons.id', `${table}.person_id`)
        .select([`${table}.person_id as id`, `${table}.community_id as communityId`]);
      if (hasSearch) {
        // Who sees 身份证号 and phones masked finds them only by the whole value: a partial match
        // would let them rebuild the hidden digits one search at a time.
        s = s.where((eb) =>
          masked
            ? eb.or([
                containsText('persons.name', search),
                eb('persons.id_number', '=', search.toUpperCase()),
                eb('persons.phone', '=', search),
              ])
            : eb.or([
                containsText('persons.name', search),
                containsText('persons.id_number', search),
                containsText('persons.phone', search),
              ]),
        );
      }
      if (communityId !== null) s = s.where(`${table}.community_id`, '=', communityId);
      if (q.gridId !== null) {
        if (q.roster === 'grid-staff') {
          const gridId = q.gridId;
          s = s.where((eb) =>
            eb.exists(
              eb
                .selectFrom('grid_staff_grids')
                .select('grid_staff_grids.person_id')
                .whereRef('grid_staff_grids.person_id', '=', 'persons.id')
                .where('grid_staff_grids.grid_id', '=', gridId),
            ),
          );
        } else if (q.roster === 'cadres') {
          s = s.where('cadres.grid_id' as never, '=', q.gridId as never);
        }
      }
      return s.orderBy(`${table}.community_id`).orderBy('persons.id').execute();
    }
  }
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

function sheetDefOf(roster: RosterType, sheet: SheetDef['key']): SheetDef {
  const def = ROSTER_DEFS[roster].sheets.find((s) => s.key === sheet);
  if (!def) throw new AppError('INVALID_INPUT', `名册“${ROSTER_DEFS[roster].label}”没有“${sheet}”表。`);
  return def;
}

/**
 * Edits one record with exactly the import's validation: the values are laid out as a one-row
 * sheet and validated like a file row (so every rule, message and normalisation is the same).
 */
export async function updateRosterRecord(
  app: AppContext,
  actor: string,
  roster: RosterType,
  sheet: SheetDef['key'],
  id: number,
  input: Record<string, CellValueDto>,
): Promise<{ saved: boolean; record: RosterRecordDto | null; problems: RosterProblemDto[] }> {
  const def = sheetDefOf(roster, sheet);
  const existing = await getRosterRecord(app.db, roster, sheet, id);
  const merged: Record<string, CellValueDto> = {};
  for (const c of def.columns) merged[c.key] = c.key in input ? (input[c.key] ?? null) : toDto(existing.values[c.key]);
  const columns = def.columns.filter((c) => c.type !== 'dateRange');
  const cells: SheetCell[] = columns.map((c) => {
    const v = merged[c.key];
    return v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? '是' : '否') : v;
  });
  const plain: PlainSheet = {
    name: '编辑',
    index: 0,
    hidden: false,
    rows: [
      { rowNumber: 1, cells: columns.map((c) => c.label) },
      { rowNumber: 2, cells },
    ],
  };
  const detection: HeaderDetection = {
    sheetName: '编辑',
    sheetIndex: 0,
    headerRowNumber: 1,
    groupRowNumber: null,
    dataStartIndex: 1,
    columns: columns.map((c, index) => ({ index, header: c.label, normalized: c.label, key: c.key, via: 'label', samples: [] })),
    mapping: Object.fromEntries(columns.map((c, index) => [c.key, index])),
    missingRequired: [],
    score: 0,
  };
  const refs = await loadReferenceData(app.db);
  const unit = await getUnitSettings(app.db);
  const result = validateSheet(
    roster,
    def,
    plain,
    detection,
    {
      today: validationToday(app.now()),
      date1904: false,
      postGrades: await getPostGradeTable(app.db),
      references: refs,
      configuredStreet: unit.street.trim() || null,
    },
    buildReferenceIndex(refs),
  );
  const record = result.records[0];
  const errors = result.problems.filter((p) => p.severity === 'error' && p.row !== null);
  if (!record || !record.valid || errors.length > 0)
    return { saved: false, record: null, problems: result.problems.filter((p) => p.row !== null) };
  await checkIdentityFree(app.db, roster, sheet, id, record.values);
  const now = app.now();
  const iso = now.toISOString();
  await app.db.transaction().execute(async (trx) => {
    const stamp = { updated_at: iso, updated_batch_id: null };
    const v = record.values;
    const communityId = typeof v.community === 'string' ? refs.communityIds.get(communityKey(v.community)) : undefined;
    const keep = { created_at: iso, created_batch_id: null, ...stamp };
    const drop = <T extends object>(row: T) => {
      const { created_at: _a, created_batch_id: _b, ...rest } = row as T & { created_at?: unknown; created_batch_id?: unknown };
      return rest;
    };
    if (roster === 'communities') {
      const street = await trx
        .selectFrom('streets')
        .select('id')
        .where('name', '=', String(v.street ?? ''))
        .executeTakeFirst();
      const streetId = street
        ? street.id
        : (
            await trx
              .insertInto('streets')
              .values({ name: String(v.street ?? ''), district_id: null })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
      await trx
        .updateTable('communities')
        .set(drop(communityRow(v, streetId, keep)))
        .where('id', '=', id)
        .execute();
    } else if (roster === 'grids' && sheet === 'main') {
      await trx
        .updateTable('grids')
        .set(drop(gridRow(v, communityId ?? -1, keep)))
        .where('id', '=', id)
        .execute();
    } else if (roster === 'grids') {
      const grid = refs.gridIds.get(gridCodeKey(String(v.gridCode ?? '')));
      await trx
        .updateTable('grid_groups')
        .set(drop(groupRow(v, grid ?? -1, keep)))
        .where('id', '=', id)
        .execute();
    } else if (isPeopleRoster(roster)) {
      // Rosters carry different person columns (下沉干部 have no 性别/出生年月): keep the others.
      const p = await trx.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const person: RecordValues = {
        idNumber: p.id_number,
        name: p.name,
        sex: p.sex,
        birthDate: p.birth_date,
        ethnicity: p.ethnicity,
        political: p.political,
        education: p.education,
        phone: p.phone,
      };
      for (const k of PERSON_KEYS) if (k in v) person[k] = v[k] ?? null;
      await trx
        .updateTable('persons')
        .set(drop(personRow(person, keep)))
        .where('id', '=', id)
        .execute();
      const table = ROLE_TABLE[roster];
      const cid = communityId ?? -1;
      const gridId = typeof v.grid === 'string' ? (refs.gridIds.get(gridCodeKey(v.grid)) ?? null) : null;
      const row =
        roster === 'workers'
          ? workerRow(v, id, cid, keep)
          : roster === 'grid-staff'
            ? gridStaffRow(v, id, cid, keep)
            : roster === 'committee'
              ? committeeRow(v, id, cid, keep)
              : cadreRow(v, id, cid, gridId, keep);
      await trx
        .updateTable(table)
        .set(drop(row) as never)
        .where('person_id', '=', id)
        .execute();
      if (roster === 'grid-staff') {
        await trx.deleteFrom('grid_staff_grids').where('person_id', '=', id).execute();
        const ids = (Array.isArray(v.grids) ? (v.grids as readonly string[]) : [])
          .map((c) => refs.gridIds.get(gridCodeKey(c)))
          .filter((x): x is number => x !== undefined);
        if (ids.length)
          await trx
            .insertInto('grid_staff_grids')
            .values([...new Set(ids)].map((grid_id) => ({ person_id: id, grid_id })))
            .execute();
      }
    }
    await appendAudit(
      trx,
      {
        actor,
        action: 'roster.edit',
        entity: `roster:${roster}${sheet === 'groups' ? ':groups' : ''}`,
        entityId: id,
        before: recordDto(existing).values,
        after: recordDto({ ...existing, values: v }).values,
      },
      now,
    );
  });
  const saved = await getRosterRecord(app.db, roster, sheet, id);
  return { saved: true, record: recordDto(saved), problems: result.problems.filter((p) => p.row !== null) };
}

async function checkIdentityFree(db: DbOrTrx, roster: RosterType, sheet: SheetDef['key'], id: number, v: RecordValues): Promise<void> {
  if (isPeopleRoster(roster) && typeof v.idNumber === 'string') {
    const other = await db.selectFrom('persons').select('id').where('id_number', '=', v.idNumber).where('id', '!=', id).executeTakeFirst();
    if (other) throw new AppError('CONFLICT', '该身份证号已属于另一条人员记录，不能重复。请核对身份证号。');
  }
  if (roster === 'grids' && sheet === 'main' && typeof v.code === 'string') {
    const other = await db
      .selectFrom('grids')
      .select('id')
      .where('code_key', '=', gridCodeKey(v.code))
      .where('id', '!=', id)
      .executeTakeFirst();
    if (other) throw new AppError('CONFLICT', `网格编号“${v.code}”已被其他网格使用，请换一个编号。`);
  }
  if (roster === 'communities' && typeof v.name === 'string') {
    const other = await db
      .selectFrom('communities')
      .select('id')
      .where('name_key', '=', communityKey(v.name))
      .where('id', '!=', id)
      .executeTakeFirst();
    if (other) throw new AppError('CONFLICT', `社区“${v.name}”已存在，请换一个名称。`);
  }
}

/** Deletes one record; refuses when other records still depend on it. */
export async function deleteRosterRecord(
  app: AppContext,
  actor: string,
  roster: RosterType,
  sheet: SheetDef['key'],
  id: number,
  reason: string,
): Promise<{ deleted: boolean }> {
  const existing = await getRosterRecord(app.db, roster, sheet, id);
  const now = app.now();
  try {
    await app.db.transaction().execute(async (trx) => {
      if (roster === 'communities') await trx.deleteFrom('communities').where('id', '=', id).execute();
      else if (roster === 'grids' && sheet === 'main') {
        await trx.deleteFrom('grid_groups').where('grid_id', '=', id).execute();
        await trx.deleteFrom('grids').where('id', '=', id).execute();
      } else if (roster === 'grids') await trx.deleteFrom('grid_groups').where('id', '=', id).execute();
      else if (isPeopleRoster(roster)) {
        await trx.deleteFrom(ROLE_TABLE[roster]).where('person_id', '=', id).execute();
        const stillUsed = await trx
          .selectFrom('persons')
          .select('id')
          .where('id', '=', id)
          .where((eb) =>
            eb.or([
              eb.exists(eb.selectFrom('workers').select('person_id').where('person_id', '=', id)),
              eb.exists(eb.selectFrom('grid_staff').select('person_id').where('person_id', '=', id)),
              eb.exists(eb.selectFrom('committee_members').select('person_id').where('person_id', '=', id)),
              eb.exists(eb.selectFrom('cadres').select('person_id').where('person_id', '=', id)),
            ]),
          )
          .executeTakeFirst();
        if (!stillUsed) await trx.deleteFrom('persons').where('id', '=', id).execute();
      }
      await appendAudit(
        trx,
        {
          actor,
          action: 'roster.delete',
          entity: `roster:${roster}${sheet === 'groups' ? ':groups' : ''}`,
          entityId: id,
          before: recordDto(existing).values,
          reason: reason || null,
        },
        now,
      );
    });
  } catch (error) {
    if (/FOREIGN KEY/i.test(String(error))) {
      throw new AppError('CONFLICT', '还有其他名册记录属于它（如网格、社区工作者、网格员），不能删除。请先删除或调整这些记录。');
    }
    throw error;
  }
  return { deleted: true };
}

// ---------------------------------------------------------------------------------------------
// Metrics

async function rosterDataFor(db: DbOrTrx, communityIds: readonly number[]): Promise<Map<number, CommunityRosterData>> {
  const ids = [...communityIds];
  const out = new Map<number, CommunityRosterData>();
  if (ids.length === 0) return out;
  const communities = await db
    .selectFrom('communities')
    .select(['id', 'name', 'households', 'residents', 'facility_area', 'hall_area', 'party_org_type', 'one_shoulder_declared'])
    .where('id', 'in', ids)
    .execute();
  const grids = await db
    .selectFrom('grids')
    .select(['id', 'community_id', 'code', 'households', 'leader_name', 'full_time_staff'])
    .where('community_id', 'in', ids)
    .execute();
  const groups = await db
    .selectFrom('grid_groups')
    .innerJoin('grids', 'grids.id', 'grid_groups.grid_id')
    .select([
      'grids.community_id',
      'grids.code',
      'grid_groups.group_name',
      'grid_groups.group_leader',
      'grid_groups.courtyard_name',
      'grid_groups.courtyard_leader',
    ])
    .where('grids.community_id', 'in', ids)
    .execute();
  const workers = await db
    .selectFrom('workers')
    .innerJoin('persons', 'persons.id', 'workers.person_id')
    .select(['workers.community_id', 'workers.post_category', 'workers.post_grade', 'persons.education', 'workers.qualification'])
    .where('workers.community_id', 'in', ids)
    .execute();
  const staff = await db
    .selectFrom('grid_staff')
    .select(['person_id', 'community_id', 'staff_type', 'grid_role', 'grid_codes'])
    .where('community_id', 'in', ids)
    .execute();
  const committee = await db
    .selectFrom('committee_members')
    .innerJoin('persons', 'persons.id', 'committee_members.person_id')
    .select([
      'committee_members.community_id',
      'persons.birth_date',
      'persons.sex',
      'committee_members.party_post',
      'committee_members.committee_post',
    ])
    .where('committee_members.community_id', 'in', ids)
    .execute();
  const cadres = await db
    .selectFrom('cadres')
    .select(['community_id', 'first_report_date', 'last_report_date'])
    .where('community_id', 'in', ids)
    .execute();
  for (const c of communities) {
    out.set(c.id, {
      community: {
        name: c.name,
        households: c.households,
        residents: c.residents,
        facilityArea: c.facility_area,
        hallArea: c.hall_area,
        partyOrgType: c.party_org_type,
        oneShoulderDeclared: c.one_shoulder_declared === null ? null : c.one_shoulder_declared === 1,
      },
      grids: grids
        .filter((g) => g.community_id === c.id)
        .map((g) => ({ code: g.code, households: g.households, leaderName: g.leader_name, fullTimeStaff: g.full_time_staff })),
      groupRows: groups
        .filter((g) => g.community_id === c.id)
        .map((g) => ({
          gridCode: g.code,
          groupName: g.group_name,
          groupLeader: g.group_leader,
          courtyardName: g.courtyard_name === '' ? null : g.courtyard_name,
          courtyardLeader: g.courtyard_leader,
        })),
      workers: workers
        .filter((w) => w.community_id === c.id)
        .map((w) => ({ postCategory: w.post_category, postGrade: w.post_grade, education: w.education, qualification: w.qualification })),
      gridStaff: staff
        .filter((s) => s.community_id === c.id)
        .map((s) => ({ staffType: s.staff_type, gridRole: s.grid_role, grids: s.grid_codes === '' ? [] : s.grid_codes.split('、') })),
      committee: committee
        .filter((m) => m.community_id === c.id)
        .map((m) => ({ birthDate: m.birth_date, sex: m.sex, partyPost: m.party_post, committeePost: m.committee_post })),
      cadres: cadres
        .filter((x) => x.community_id === c.id)
        .map((x) => ({ firstReportDate: x.first_report_date, lastReportDate: x.last_report_date })),
    });
  }
  return out;
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
  const rows = await db.selectFrom('communities').select(['id', 'name']).orderBy('id').execute();
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
  const grids = await app.db
    .selectFrom('grids')
    .select(['id', 'code', 'name', 'households', 'leader_name'])
    .where('community_id', '=', communityId)
    .orderBy('code')
    .execute();
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
