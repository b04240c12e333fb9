import { Box, Button, Chip, Paper, Typography } from '@mui/material';
import { useChannel } from '../../hooks/useChannel';
import { navigate } from '../../app/router';
import { actionText, committeeGapText, fmt } from './planner-ui';

/** On a community's detail page: its gaps against the norms and its planned actions. */
export function CommunityPlanPanel({ communityId }: { communityId: number }) {
  const plan = useChannel('planner:overview', {});
  const overview = plan.error ? null : plan.data;
  const c = overview?.communities.find((x) => x.communityId === communityId);
  if (!overview || !c) return null;
  const actions = overview.actions.filter((a) => a.communityId === communityId || a.otherCommunityId === communityId);
  const gaps = [
    c.areaGapM2 ? `服务设施面积尚缺 ${fmt(c.areaGapM2)} m²（应有 ${fmt(c.requiredAreaM2)} m²）` : null,
    c.workersGap ? `社区工作者尚缺 ${c.workersGap} 人（应有 ${fmt(c.requiredWorkers)} 人）` : null,
    c.gridsOutOfRange
      ? `${c.gridsOutOfRange} 个网格不在 ${overview.norms.gridMinHouseholds}–${overview.norms.gridMaxHouseholds} 户之间${c.gridsToAdd ? `，需拆出 ${c.gridsToAdd} 个网格` : ''}`
      : null,
    c.committeeGap ? `居委会成员${committeeGapText(c)}` : null,
    c.overHouseholdLimit ? `户数超过 ${overview.norms.maxHouseholds} 户 ${c.householdsOverLimit} 户，可考虑分设` : null,
  ].filter((x): x is string => x !== null);
  return (
    <Paper sx={{ p: 2 }} data-testid="community-plan">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography variant="h6" sx={{ flex: 1 }}>
          达标规划
        </Typography>
        {c.meetsAll ? (
          <Chip color="success" size="small" label="各项规范全部达标" />
        ) : (
          <Chip color="error" size="small" variant="outlined" label={`${gaps.length} 项未达标`} />
        )}
        <Button size="small" onClick={() => navigate('/planner/forecast')}>
          打开达标规划
        </Button>
      </Box>
      {gaps.map((g) => (
        <Typography key={g} variant="body2" color="error.main">
          · {g}
        </Typography>
      ))}
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        规划措施
      </Typography>
      {actions.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          尚无规划措施。
        </Typography>
      ) : (
        actions.map((a) => (
          <Typography key={a.id} variant="body2">
            {a.targetQuarter}：{a.communityId === communityId ? actionText(a) : `并入${a.communityName}`}
            {a.note ? `（${a.note}）` : ''}
          </Typography>
        ))
      )}
    </Paper>
  );
}
