import { useState } from 'react';
import { Alert, Box, Chip, MenuItem, Paper, Tab, Tabs, TextField, Typography } from '@mui/material';
import { useChannel } from '../../hooks/useChannel';
import { navigate, useRoute } from '../../app/router';
import { useAuth } from '../auth/auth-context';
import { ActionsPanel } from './ActionsPanel';
import { GapsTable } from './GapsTable';
import { NormsPanel } from './NormsPanel';
import { RedivisionPanel } from './RedivisionPanel';
import { StatsPanel } from './StatsPanel';

const TABS = [
  { id: 'gaps', label: '规范对照' },
  { id: 'forecast', label: '措施与预测' },
  { id: 'redivision', label: '区划调整' },
  { id: 'stats', label: '统计' },
  { id: 'norms', label: '规范设置' },
] as const;

const CURRENT = 'current';

/** 达标规划: what each community lacks against the hard norms, the plan to close it, and the statistics. */
export function PlannerPage() {
  const { segments } = useRoute();
  const tab = TABS.find((t) => t.id === segments[1])?.id ?? 'gaps';
  const { user } = useAuth();
  const canEdit = user?.role === 'admin';
  const rounds = useChannel('rounds:list', {}).data ?? [];
  const [roundId, setRoundId] = useState<string>('');
  const { data: overview, error, reload: load } = useChannel('planner:overview', roundId ? { roundId } : {});
  const s = overview?.summary;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="planner-page" data-state={overview ? 'ready' : 'loading'}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5">达标规划</Typography>
        <TextField
          select
          size="small"
          label="数据"
          value={roundId || CURRENT}
          onChange={(e) => setRoundId(e.target.value === CURRENT ? '' : e.target.value)}
          sx={{ minWidth: 220 }}
          slotProps={{ htmlInput: { 'data-testid': 'planner-source' } }}
        >
          <MenuItem value={CURRENT}>当前名册</MenuItem>
          {rounds.map((r) => (
            <MenuItem key={r.id} value={r.id}>
              {r.title}名册快照
            </MenuItem>
          ))}
        </TextField>
        {s && (
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }} data-testid="planner-summary">
            <Chip color="success" label={`全部达标 ${s.meetingAll}/${s.communities}`} />
            <Chip
              color={s.areaGapM2 ? 'error' : 'default'}
              variant="outlined"
              label={`缺服务设施 ${s.areaGapM2.toLocaleString('zh-CN')} m²`}
            />
            <Chip color={s.workersGap ? 'error' : 'default'} variant="outlined" label={`缺社区工作者 ${s.workersGap} 人`} />
            <Chip color={s.gridsOutOfRange ? 'warning' : 'default'} variant="outlined" label={`网格不符 ${s.gridsOutOfRange} 个`} />
            {overview.actions.length > 0 && <Chip color="primary" label={`预测 ${overview.forecast.headline}`} />}
          </Box>
        )}
      </Box>
      <Tabs value={tab} onChange={(_, v: string) => navigate(`/planner/${v}`)} aria-label="达标规划">
        {TABS.map((t) => (
          <Tab key={t.id} value={t.id} label={t.label} data-testid={`planner-tab-${t.id}`} />
        ))}
      </Tabs>
      {error && <Alert severity="error">{error}</Alert>}
      {!overview && !error && <Typography>正在计算…</Typography>}
      {overview && tab === 'gaps' && (
        <Paper sx={{ p: 1 }}>
          {overview.communities.length === 0 ? (
            <Alert severity="info">还没有社区。请先在“组织与名册”中导入社区基本情况。</Alert>
          ) : (
            <GapsTable overview={overview} />
          )}
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', p: 1 }}>
            {overview.source === 'round'
              ? `${overview.roundId} 考评冻结的名册快照（截至 ${overview.asOf}）`
              : `当前名册（截至 ${overview.asOf}）`}
            。红色为未达标，数字为补足所需的数量。
          </Typography>
        </Paper>
      )}
      {overview && tab === 'forecast' && <ActionsPanel overview={overview} canEdit={canEdit} onChanged={load} />}
      {overview && tab === 'redivision' && <RedivisionPanel overview={overview} canEdit={canEdit} onChanged={load} />}
      {overview && tab === 'stats' && <StatsPanel roundId={roundId || null} />}
      {overview && tab === 'norms' && (
        <NormsPanel key={JSON.stringify(overview.norms)} norms={overview.norms} canEdit={canEdit} onChanged={load} />
      )}
    </Box>
  );
}
