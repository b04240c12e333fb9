import { Alert, Box, Chip, Link, Paper, Typography } from '@mui/material';
import type { CommunityScore } from '../../../../shared/domain/scoring/community-score';
import type { FormDto } from '../../../../shared/ipc/channels/rounds.channels';
import { navigate } from '../../app/router';
import { usePeople } from '../../app/people';
import type { Autosave } from '../../hooks/useAutosave';
import { fmt, stateColor } from './round-ui';

/** The form's head: whose sheet it is, the save status, why it is read-only, and the running totals. */
export function ScoringHeader({
  roundId,
  form,
  score,
  save,
  viewer,
}: {
  roundId: string;
  form: FormDto;
  score: CommunityScore;
  save: Pick<Autosave, 'state' | 'message' | 'canRetry' | 'retry'>;
  viewer: boolean;
}) {
  const { nameOf } = usePeople();
  const returned = form.comments.filter((c) => c.kind === 'returned');
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Link component="button" onClick={() => navigate(`/rounds/${roundId}`)} data-testid="form-back">
          ← {form.round.title}考评
        </Link>
        <Typography variant="h5" data-testid="form-community">
          {form.community.name}
        </Typography>
        <Chip size="small" color={stateColor(form.round.state)} label={`${form.round.stateLabel} · ${form.community.statusLabel}`} />
        {form.assessor && <Chip size="small" color="secondary" label={`背靠背评分：${nameOf(form.assessor)}`} />}
        <Box sx={{ flex: 1 }} />
        <Typography
          variant="body2"
          color={save.state === 'error' ? 'error' : 'text.secondary'}
          data-testid="save-status"
          data-state={save.state}
        >
          {save.state === 'saving' ? '正在保存…' : save.message}
        </Typography>
        {save.state === 'error' && save.canRetry && (
          <Link component="button" onClick={save.retry} data-testid="save-retry">
            重试
          </Link>
        )}
      </Box>
      {(form.round.readOnlyReason ?? (viewer ? '您的角色为“查看”，只能浏览评分表。' : null)) && (
        <Alert severity="warning" data-testid="form-readonly">
          {form.round.readOnlyReason ?? '您的角色为“查看”，只能浏览评分表。'}
        </Alert>
      )}
      {returned.map((c) => (
        <Alert key={c.id} severity="info">
          退回意见（{c.actor}，{c.at.slice(0, 16).replace('T', ' ')}）：{c.text}
        </Alert>
      ))}
      <Paper sx={{ p: 1.5, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', position: 'sticky', top: 56, zIndex: 2 }}>
        <Typography variant="h6" data-testid="form-total" sx={{ mr: 2 }}>
          总分 {fmt(score.totalTenths)}
        </Typography>
        <Typography variant="body2" sx={{ mr: 2 }}>
          基础分 {fmt(score.baseTenths)} · 加分 {fmt(score.bonusTenths)}
          {score.vetoes.length > 0 && <b style={{ color: '#c62828' }}> · 一票否决</b>}
        </Typography>
        {score.categories.map((c) => (
          <Chip
            key={c.code}
            size="small"
            variant="outlined"
            label={`${c.code} ${fmt(c.tenths)}/${fmt(c.maxTenths)}`}
            data-testid={`cat-${c.code}`}
          />
        ))}
        <Chip
          size="small"
          color={score.complete ? 'success' : 'default'}
          label={
            score.complete
              ? '已全部评分'
              : `未完成 ${score.items.filter((i) => i.status === 'missing' || i.status === 'invalid').length} 项`
          }
          data-testid="form-complete"
        />
      </Paper>
    </>
  );
}
