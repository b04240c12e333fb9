/**
 * The home dashboard: each role's own work in one read. Assessors get the communities (and
 * categories) assigned to them; reviewers what waits for them; administrators the round's progress,
 * roster health, the last backup and the audit chain; everyone the published results.
 */
import { ROUND_STATE_LABELS, quarterEndDate, scoresEditable, type RoundState } from '../../../../shared/domain/round/round-workflow';
import { ROSTER_LABELS, isRosterType } from '../../../../shared/domain/roster/roster-columns';
import { EMPTY_ENTRIES } from '../../../../shared/domain/scoring/score-entry.schema';
import type { DashboardDto, RoundHeadDto } from '../../../../shared/ipc/channels/desk.channels';
import type { RoundDetail } from '../../../../shared/ipc/channels/rounds.channels';
import type { Actor, AppContext } from '../../app-context';
import { verifyAuditChain } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { loadEntries, titleOf, type RoundRow } from '../rounds/index';
import { listBackups } from '../backup/index';
import { getRoundDetail, preparedFor } from '../rounds/index';
import { communityHeads, latestImportBatches, openRectifications, rosterCountsByCommunity, roundsNewestFirst } from './desk.repository';

const DAY_MS = 24 * 3600 * 1000;

function head(round: RoundRow, detail: Pick<RoundDetail, 'communityCount' | 'completeCount'>): RoundHeadDto {
  const state = round.state as RoundState;
  return {
    id: round.id,
    title: titleOf(round),
    state,
    stateLabel: ROUND_STATE_LABELS[state],
    standardVersion: round.standard_version,
    kind: round.kind,
    communityCount: detail.communityCount,
    completeCount: detail.completeCount,
    dueDate: quarterEndDate(round.year, round.quarter),
    finalizedAt: round.finalized_at,
  };
}

async function assessorDesk(
  app: AppContext,
  actor: Actor,
  round: RoundRow,
  detail: RoundDetail,
): Promise<NonNullable<DashboardDto['assessor']>> {
  const mine = detail.assessments.filter((a) => a.assessor === actor.username);
  const ps = await preparedFor(app.db, round);
  const titles = new Map(ps.standard.categories.map((c) => [c.code, c.title]));
  const deductItems = ps.standard.categories.flatMap((c) =>
    c.items.filter((i) => i.method.kind === 'deduct').map((i) => ({ code: i.code, category: c.code })),
  );
  // No assignments in the round means everyone scores everything (as the main side allows).
  const everything = detail.assessments.length === 0 || mine.some((a) => a.communityId === null && a.categoryCode === null);
  const chosen = detail.communities.filter((c) => everything || mine.some((a) => a.communityId === null || a.communityId === c.id));
  const entries = await loadEntries(
    app.db,
    round.id,
    '',
    chosen.map((c) => c.id),
  );
  const editableRound = scoresEditable(round.state as RoundState);
  return {
    assignedEverything: everything,
    communities: chosen.map((c) => {
      const codes = everything
        ? []
        : [
            ...new Set(
              mine
                .filter((a) => (a.communityId === null || a.communityId === c.id) && a.categoryCode !== null)
                .map((a) => a.categoryCode as string),
            ),
          ];
      // A community-wide assignment beats category assignments for the same community.
      const whole = everything || mine.some((a) => (a.communityId === null || a.communityId === c.id) && a.categoryCode === null);
      const cats = whole ? c.categories : c.categories.filter((k) => codes.includes(k.code));
      const recorded = new Set(
        (entries.get(c.id) ?? EMPTY_ENTRIES).items.filter((i) => i.value !== undefined || i.na || i.override).map((i) => i.itemCode),
      );
      const unconfirmed = deductItems.filter((d) => cats.some((k) => k.code === d.category) && !recorded.has(d.code)).length;
      return {
        id: c.id,
        name: c.name,
        status: c.status,
        statusLabel: c.statusLabel,
        categories: whole ? [] : cats.map((k) => ({ code: k.code, title: titles.get(k.code) ?? k.code })),
        scored: cats.reduce((n, k) => n + k.scored, 0),
        total: cats.reduce((n, k) => n + k.total, 0),
        unconfirmedDeductions: unconfirmed,
        editable: editableRound && (c.status === 'draft' || c.status === 'returned'),
      };
    }),
  };
}

/** Rectifications of finalized rounds still open after the following quarter ended. */
async function overdueRectifications(db: DbOrTrx, today: string): Promise<NonNullable<DashboardDto['reviewer']>['overdueRectifications']> {
  const rows = await openRectifications(db);
  return rows
    .map((r) => {
      const nextQ = (r.quarter % 4) + 1;
      const due = quarterEndDate(r.quarter === 4 ? r.year + 1 : r.year, nextQ);
      return { communityName: r.name, itemCode: r.item_code, text: r.text, fromRound: titleOf(r), dueDate: due };
    })
    .filter((r) => r.dueDate < today);
}

function reviewerDesk(
  detail: RoundDetail | null,
  overdue: NonNullable<DashboardDto['reviewer']>['overdueRectifications'],
): NonNullable<DashboardDto['reviewer']> {
  return {
    toReview:
      detail && detail.state === 'submitted'
        ? detail.communities.filter((c) => c.status === 'submitted').map((c) => ({ id: c.id, name: c.name }))
        : [],
    readyToPublish: detail?.state === 'reviewed',
    openAppeals: (detail?.appeals ?? [])
      .filter((a) => a.status === 'open')
      .map((a) => ({ id: a.id, communityName: a.communityName, itemCode: a.itemCode, claim: a.claim })),
    overdueRectifications: overdue,
  };
}

const HEALTH_ROSTERS = [
  { type: 'grids', table: 'grids' },
  { type: 'workers', table: 'workers' },
  { type: 'committee', table: 'committee_members' },
] as const;

async function rosterHealth(db: DbOrTrx, staleBefore: string | null): Promise<NonNullable<DashboardDto['admin']>['roster']> {
  const communities = await communityHeads(db);
  const counts = await Promise.all(HEALTH_ROSTERS.map(async (r) => ({ type: r.type, by: await rosterCountsByCommunity(db, r.table) })));
  const missing: { name: string; rosters: string[] }[] = [];
  const stale: { name: string; updatedAt: string }[] = [];
  for (const c of communities) {
    const lacking = counts.filter((k) => !k.by.get(c.id)?.n).map((k) => ROSTER_LABELS[k.type]);
    if (lacking.length) missing.push({ name: c.name, rosters: lacking });
    const last = [c.updated_at, ...counts.map((k) => k.by.get(c.id)?.last ?? '')].reduce((a, b) => (b > a ? b : a), '');
    if (staleBefore && last < staleBefore) stale.push({ name: c.name, updatedAt: last });
  }
  const batches = await latestImportBatches(db, 5);
  return {
    communities: communities.length,
    missing,
    stale,
    lastImports: batches.map((b) => ({
      id: b.id,
      rosterLabel: isRosterType(b.roster_type) ? ROSTER_LABELS[b.roster_type] : b.roster_type,
      fileName: b.file_name,
      createdAt: b.created_at,
      rejected: b.rejected,
      warnings: b.warnings,
      undone: b.status === 'undone',
    })),
  };
}

/** First day of the round's quarter: rosters untouched since before it are stale for that quarter. */
function quarterStart(round: RoundRow): string {
  return `${round.year}-${String(round.quarter * 3 - 2).padStart(2, '0')}-01`;
}

export async function dashboardFor(app: AppContext, actor: Actor): Promise<DashboardDto> {
  const db = app.db;
  const rounds = await roundsNewestFirst(db);
  const open = rounds.find((r) => r.state !== 'finalized') ?? null;
  const detail = open ? await getRoundDetail(app, open.id) : null;
  const doneRounds = rounds.filter((r) => r.state === 'published' || r.state === 'finalized').slice(0, 4);
  const published: RoundHeadDto[] = [];
  for (const r of doneRounds) published.push(head(r, r.id === open?.id && detail ? detail : await getRoundDetail(app, r.id)));
  const now = app.now();
  const today = now.toISOString().slice(0, 10);
  const role = actor.role;
  const reviewing = role === 'reviewer' || role === 'admin';
  let admin: DashboardDto['admin'] = null;
  if (role === 'admin') {
    const last = listBackups(app)[0];
    const chain = await verifyAuditChain(db);
    admin = {
      matrix: (detail?.communities ?? []).map((c) => ({
        id: c.id,
        name: c.name,
        statusLabel: c.statusLabel,
        scored: c.scoredItems,
        total: c.totalItems,
        assessors: c.assessors,
      })),
      roster: await rosterHealth(db, open ? quarterStart(open) : null),
      backup: last
        ? {
            name: last.name,
            createdAt: last.createdAt,
            ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(last.createdAt)) / DAY_MS)),
          }
        : null,
      audit: { ok: chain.ok, entries: chain.entries, message: chain.message },
      assessorsWithoutAssignment: detail !== null && detail.assessments.length === 0,
    };
  }
  return {
    role,
    round: open && detail ? head(open, detail) : null,
    assessor: role === 'assessor' && open && detail ? await assessorDesk(app, actor, open, detail) : null,
    reviewer: reviewing ? reviewerDesk(detail, await overdueRectifications(db, today)) : null,
    admin,
    published,
  };
}
