/**
 * The status shown for one community: its form's status while the round is being scored and
 * reviewed; once the round is published or finalized, the round's stage (公示, 定稿) — a community
 * whose results are on public display is not still "已审核".
 */
import { FORM_STATUS_LABELS, type FormStatus, type RoundState } from './round-workflow';

export function communityStatusLabel(round: RoundState, form: FormStatus): string {
  if (round === 'finalized') return '已定稿';
  if (round === 'published') return '公示中';
  return FORM_STATUS_LABELS[form];
}
