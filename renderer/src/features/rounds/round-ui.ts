import { formatTenths } from '../../../../shared/domain/standard/standard.schema';
import type { RoundState } from '../../../../shared/domain/round/round-workflow';

export const fmt = formatTenths;

/** Points (number) as text without float noise (87.5, 3). */
export function fmtPoints(points: number): string {
  return formatTenths(Math.round(points * 10));
}

export function stateColor(state: RoundState): 'default' | 'primary' | 'success' | 'warning' | 'info' | 'error' {
  switch (state) {
    case 'draft':
      return 'default';
    case 'submitted':
      return 'primary';
    case 'returned':
      return 'warning';
    case 'reviewed':
      return 'info';
    case 'published':
      return 'info';
    case 'finalized':
      return 'success';
  }
}

/** Button label of moving the round to a state. */
export const ADVANCE_LABELS: Record<RoundState, string> = {
  draft: '退回草稿',
  submitted: '提交审核',
  returned: '退回修改',
  reviewed: '审核通过',
  published: '公示',
  finalized: '定稿',
};
