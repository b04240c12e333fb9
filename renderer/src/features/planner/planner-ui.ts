import type { CommunityGapsDto, PlanActionDto } from '../../../../shared/ipc/channels/planner.channels';
import { PLAN_ACTION_LABELS, PLAN_ACTION_UNITS } from '../../../../shared/domain/planner/actions';

/** Cell colours: a gap to close is red, met is green, unknown (roster missing) is grey. */
export function gapColor(met: boolean | null): string {
  if (met === null) return 'text.disabled';
  return met ? 'success.main' : 'error.main';
}

export function gapBg(met: boolean | null): string | undefined {
  if (met === null) return undefined;
  return met ? undefined : 'rgba(211, 47, 47, 0.08)';
}

export function fmt(n: number | null, unit = ''): string {
  if (n === null) return '—';
  return `${n.toLocaleString('zh-CN')}${unit}`;
}

export function committeeGapText(c: CommunityGapsDto): string {
  if (c.committeeGap > 0) return `缺${c.committeeGap}人`;
  if (c.committeeGap < 0) return `超${-c.committeeGap}人`;
  return '达标';
}

export function actionText(a: PlanActionDto): string {
  const label = PLAN_ACTION_LABELS[a.kind];
  if (a.kind === 'mergeCommunity') return `${label}：并入${a.otherCommunityName ?? ''}`;
  if (a.kind === 'splitGrid') return `${label} ${a.gridCode ?? ''}${a.quantity >= 2 ? ` 为${a.quantity}个` : ''}`;
  if (a.kind === 'splitCommunity') return `${label}${a.quantity >= 2 ? ` 为${a.quantity}个` : ''}`;
  return `${label} ${a.quantity.toLocaleString('zh-CN')}${PLAN_ACTION_UNITS[a.kind]}`;
}
