import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { LINEAGE_LABELS, type LineageKind } from '../../../../shared/domain/planner/lineage';
import type { PlanOverviewDto } from '../../../../shared/ipc/channels/planner.channels';
import { call } from '../../api/client';

/** The re-division assistant (grid and community split proposals) and the community lineage. */
export function RedivisionPanel({ overview, canEdit, onChanged }: { overview: PlanOverviewDto; canEdit: boolean; onChanged: () => void }) {
  const n = overview.norms;
  const [successor, setSuccessor] = useState<number | ''>('');
  const [preds, setPreds] = useState<number[]>([]);
  const [kind, setKind] = useState<LineageKind>('split');
  const [quarter, setQuarter] = useState(overview.quarter);
  const [error, setError] = useState<string | null>(null);
  async function addLink() {
    setError(null);
    if (successor === '' || preds.length === 0) return setError('请选择新社区和原社区。');
    try {
      await call('planner:addLineage', {
        successorId: successor,
        predecessorIds: preds,
        quarter: quarter.trim().toUpperCase(),
        kind,
        note: '',
      });
      setPreds([]);
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  }
  async function removeLink(s: number, p: number) {
    try {
      await call('planner:removeLineage', { successorId: s, predecessorId: p });
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }} data-testid="grid-splits">
        <Typography variant="h6" gutterBottom>
          超过 {n.gridMaxHouseholds} 户的网格：按小组/楼院拆分建议
        </Typography>
        {overview.gridSplits.length === 0 && <Typography color="text.secondary">没有超过 {n.gridMaxHouseholds} 户的网格。</Typography>}
        {overview.gridSplits.map((g) => (
          <Box key={`${g.communityId}-${g.gridCode}`} sx={{ mb: 1.5 }}>
            <Typography variant="subtitle2">
              {g.communityName} · 网格 {g.gridCode}（{g.households} 户）
            </Typography>
            {g.feasible ? (
              <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 0.5 }}>
                {g.parts.map((p, i) => (
                  <Paper key={i} variant="outlined" sx={{ p: 1, minWidth: 200 }}>
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      新网格{i + 1}：{p.households} 户
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {p.units.join('、')}
                    </Typography>
                  </Paper>
                ))}
              </Box>
            ) : null}
            {g.problem && (
              <Alert severity={g.feasible ? 'info' : 'warning'} sx={{ mt: 0.5 }}>
                {g.problem}
              </Alert>
            )}
          </Box>
        ))}
      </Paper>
      <Paper sx={{ p: 2 }} data-testid="community-splits">
        <Typography variant="h6" gutterBottom>
          超过 {n.maxHouseholds} 户的社区：按网格分设的候选方案
        </Typography>
        {overview.communitySplits.length === 0 && <Typography color="text.secondary">没有超过 {n.maxHouseholds} 户的社区。</Typography>}
        {overview.communitySplits.map((c) => (
          <Box key={c.communityId} sx={{ mb: 1.5 }}>
            <Typography variant="subtitle2">
              {c.communityName}（{c.households} 户）
            </Typography>
            {c.candidates.length === 0 && <Alert severity="warning">网格名册不足以按网格分设，请先导入该社区的网格名册。</Alert>}
            {c.candidates.map((cand, i) => (
              <Typography key={i} variant="body2">
                方案{i + 1}（分设为{cand.parts.length}个，最大偏差{cand.spread}户）：
                {cand.parts.map((p, j) => `第${j + 1}部分 ${p.households}户（${p.grids.join('、')}）`).join('；')}
              </Typography>
            ))}
          </Box>
        ))}
      </Paper>
      <Paper sx={{ p: 2 }} data-testid="lineage">
        <Typography variant="h6" gutterBottom>
          社区沿革（分设、合并后延续考评历史）
        </Typography>
        {overview.lineage.length === 0 ? (
          <Typography color="text.secondary">尚无分设或合并记录。</Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>新社区</TableCell>
                <TableCell>原社区</TableCell>
                <TableCell>方式</TableCell>
                <TableCell>起始季度</TableCell>
                {canEdit && <TableCell />}
              </TableRow>
            </TableHead>
            <TableBody>
              {overview.lineage.map((l) => (
                <TableRow key={`${l.successorId}-${l.predecessorId}`}>
                  <TableCell>{l.successorName}</TableCell>
                  <TableCell>{l.predecessorName}</TableCell>
                  <TableCell>
                    <Chip size="small" label={LINEAGE_LABELS[l.kind]} />
                  </TableCell>
                  <TableCell>{l.quarter}</TableCell>
                  {canEdit && (
                    <TableCell>
                      <Button size="small" onClick={() => void removeLink(l.successorId, l.predecessorId)}>
                        删除
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {canEdit && (
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mt: 2 }}>
            <TextField
              select
              size="small"
              label="新社区"
              value={successor}
              onChange={(e) => setSuccessor(Number(e.target.value))}
              sx={{ minWidth: 160 }}
            >
              {overview.communities.map((c) => (
                <MenuItem key={c.communityId} value={c.communityId}>
                  {c.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label="方式"
              value={kind}
              onChange={(e) => setKind(e.target.value as LineageKind)}
              sx={{ width: 100 }}
            >
              <MenuItem value="split">分设</MenuItem>
              <MenuItem value="merge">合并</MenuItem>
            </TextField>
            <TextField
              select
              size="small"
              label="原社区"
              value={kind === 'merge' ? preds : (preds[0] ?? '')}
              onChange={(e) => {
                const v = e.target.value as unknown;
                setPreds(Array.isArray(v) ? v.map(Number) : [Number(v)]);
              }}
              slotProps={{ select: { multiple: kind === 'merge' } }}
              sx={{ minWidth: 180 }}
            >
              {overview.communities
                .filter((c) => c.communityId !== successor)
                .map((c) => (
                  <MenuItem key={c.communityId} value={c.communityId}>
                    {c.name}
                  </MenuItem>
                ))}
            </TextField>
            <TextField size="small" label="起始季度" value={quarter} onChange={(e) => setQuarter(e.target.value)} sx={{ width: 110 }} />
            <Button variant="outlined" onClick={() => void addLink()}>
              登记沿革
            </Button>
          </Box>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
      </Paper>
    </Stack>
  );
}
