/** Shared bits of the 组织与名册 pages: which columns each table shows, labels, job polling. */
import { ROSTER_DEFS, ROSTER_LABELS, ROSTER_TYPES, type ColumnDef, type RosterType } from '../../../../shared/domain/roster/roster-columns';
import type { JobSnapshot } from '../../../../shared/ipc/channels/jobs.channels';
import type { CellValueDto } from '../../../../shared/ipc/channels/roster.channels';
import { call } from '../../api/client';

export { ROSTER_DEFS, ROSTER_LABELS, ROSTER_TYPES };
export type { RosterType };

/** A tab of the roster page: a roster sheet (grids have two). */
export interface RosterTab {
  readonly id: string;
  readonly roster: RosterType;
  readonly sheet: 'main' | 'groups';
  readonly label: string;
  readonly columns: readonly string[];
  /** Which filters apply. */
  readonly gridFilter: boolean;
}

export const ROSTER_TABS: readonly RosterTab[] = [
  {
    id: 'communities',
    roster: 'communities',
    sheet: 'main',
    label: '社区',
    columns: ['name', 'street', 'households', 'residents', 'gridCount', 'facilityArea', 'secretary', 'director', 'phone'],
    gridFilter: false,
  },
  {
    id: 'grids',
    roster: 'grids',
    sheet: 'main',
    label: '网格',
    columns: ['code', 'name', 'community', 'gridType', 'households', 'population', 'leaderName', 'leaderPhone'],
    gridFilter: true,
  },
  {
    id: 'groups',
    roster: 'grids',
    sheet: 'groups',
    label: '小组/楼院',
    columns: ['gridCode', 'groupName', 'groupLeader', 'courtyardName', 'courtyardLeader', 'households', 'phone'],
    gridFilter: true,
  },
  {
    id: 'workers',
    roster: 'workers',
    sheet: 'main',
    label: '社区工作者',
    columns: ['name', 'idNumber', 'sex', 'birthDate', 'community', 'postCategory', 'postGrade', 'education', 'political', 'phone'],
    gridFilter: false,
  },
  {
    id: 'grid-staff',
    roster: 'grid-staff',
    sheet: 'main',
    label: '网格员',
    columns: ['name', 'idNumber', 'community', 'staffType', 'gridRole', 'grids', 'phone'],
    gridFilter: true,
  },
  {
    id: 'committee',
    roster: 'committee',
    sheet: 'main',
    label: '“两委”成员',
    columns: ['name', 'idNumber', 'community', 'partyPost', 'committeePost', 'political', 'education', 'phone'],
    gridFilter: false,
  },
  {
    id: 'cadres',
    roster: 'cadres',
    sheet: 'main',
    label: '下沉干部',
    columns: ['name', 'employer', 'community', 'grid', 'claimedPost', 'firstReportDate', 'lastReportDate', 'phone'],
    gridFilter: true,
  },
];

export function tabById(id: string | undefined): RosterTab {
  return ROSTER_TABS.find((t) => t.id === id) ?? (ROSTER_TABS[0] as RosterTab);
}

/** Column definition of a tab's column key. */
export function columnDef(tab: RosterTab, key: string): ColumnDef | undefined {
  return ROSTER_DEFS[tab.roster].sheets.find((s) => s.key === tab.sheet)?.columns.find((c) => c.key === key);
}

/** A cell as text for tables. */
export function showCell(value: CellValueDto | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

/** Polls a job until it ends; `onUpdate` sees every snapshot (progress bars). */
export async function awaitJob(jobId: string, onUpdate: (job: JobSnapshot) => void, intervalMs = 250): Promise<JobSnapshot> {
  for (;;) {
    const job = await call('jobs:get', { jobId });
    onUpdate(job);
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
