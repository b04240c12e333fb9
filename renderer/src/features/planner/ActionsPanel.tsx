import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  IconButton,
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
import { PLAN_ACTION_KINDS, PLAN_ACTION_LABELS, PLAN_ACTION_UNITS, type PlanActionKind } from '../../../../shared/domain/planner/actions';
import type { PlanOverviewDto } from '../../../../shared/ipc/channels/planner.channels';
import { call } from '../../api/client';
import { ForecastChart } from './ForecastChart';
import { actionText } from './planner-ui';

function nextYearEnd(quarter: string): string {
  return `${Number(quarter.slice(0, 4)) + 1}Q4`;
}

/** The forecast, the planned actions ranked by what they bring, and a form to add one. */
export function ActionsPanel({ overview, canEdit, onChanged }: { overview: PlanOverviewDto; canEdit: boolean; onChanged: () => void }) {
  const [communityId, setCommunityId] = useState<number | ''>('');
  const [kind, setKind] = useState<PlanActionKind>('build');
  const [quantity, setQuantity] = useState('');
  const [gridCode, setGridCode] = useState('');
  const [other, setOther] = useState<number | ''>('');
  const [quarter, setQuarter] = useState(nextYearEnd(overview.quarter));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const impact = new Map(overview.forecast.impacts.map((i) => [i.actionId, i]));
  const rank = new Map(overview.forecast.impacts.map((i, idx) => [i.actionId, idx + 1]));
  const actions = [...overview.actions].sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  const selected = overview.communities.find((c) => c.communityId === communityId);

  // Prefill the quantity with the gap it would close.
  function pick(id: number, k: PlanActionKind) {
    setCommunityId(id);
    setKind(k);
    const c = overview.communities.find((x) => x.communityId === id);
    if (!c) return;
    if (k === 'build') setQuantity(c.areaGapM2 ? String(c.areaGapM2) : '');
    else if (k === 'hire') setQuantity(c.workersGap ? String(c.workersGap) : '');
    else if (k === 'committee') setQuantity(c.committeeGap > 0 ? String(c.committeeGap) : '');
    else setQuantity('');
  }

  async function add() {
    setError(null);
    if (communityId === '') return setError('请选择社区。');
    try {
      await call('planner:addAction', {
        communityId,
        kind,
        quantity: quantity === '' ? 0 : Number(quantity),
        gridCode: kind === 'splitGrid' ? gridCode : null,
        otherCommunityId: kind === 'mergeCommunity' && other !== '' ? other : null,
        targetQuarter: quarter.trim().toUpperCase(),
        note,
      });
      setQuantity('');
      setNote('');
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function remove(id: number) {
    try {
      await call('planner:deleteAction', { id });
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" data-testid="forecast-headline">
          达标预测：{overview.forecast.headline || '—'}
        </Typography>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          从 {overview.forecast.from}（{overview.source === 'round' ? '该季度名册快照' : '当前名册'}
          ）起，按规划措施的目标季度逐季计算全部达标的社区数。
        </Typography>
        <ForecastChart forecast={overview.forecast} />
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" gutterBottom>
          规划措施（{actions.length} 项，按作用大小排序）
        </Typography>
        {actions.length === 0 ? (
          <Typography color="text.secondary">
            尚无规划措施。{canEdit ? '在下方添加：新建/改扩建面积、招聘社区工作者、拆分网格、分设或合并社区。' : ''}
          </Typography>
        ) : (
          <Table size="small" data-testid="actions-table">
            <TableHead>
              <TableRow>
                <TableCell>排序</TableCell>
                <TableCell>社区</TableCell>
                <TableCell>措施</TableCell>
                <TableCell>目标季度</TableCell>
                <TableCell align="right">新增达标社区</TableCell>
                <TableCell>作用</TableCell>
                <TableCell>说明</TableCell>
                {canEdit && <TableCell />}
              </TableRow>
            </TableHead>
            <TableBody>
              {actions.map((a) => {
                const i = impact.get(a.id);
                return (
                  <TableRow key={a.id}>
                    <TableCell>{rank.get(a.id)}</TableCell>
                    <TableCell>{a.communityName}</TableCell>
                    <TableCell>{actionText(a)}</TableCell>
                    <TableCell>
                      {a.targetQuarter}
                      {i?.overdue ? <Chip size="small" color="warning" label="已到期" sx={{ ml: 1 }} /> : null}
                    </TableCell>
                    <TableCell align="right">{i?.gain ?? 0}</TableCell>
                    <TableCell>
                      {i?.problem ? (
                        <Typography variant="body2" color="error">
                          {i.problem}
                        </Typography>
                      ) : (
                        [
                          i?.areaM2 ? `补足面积${i.areaM2}m²` : '',
                          i?.workers ? `补足社工${i.workers}人` : '',
                          i?.gridsFixed ? `${i.gridsFixed}个网格达标` : '',
                        ]
                          .filter(Boolean)
                          .join('，')
                      )}
                    </TableCell>
                    <TableCell>{a.note}</TableCell>
                    {canEdit && (
                      <TableCell>
                        <IconButton size="small" aria-label={`删除措施${a.id}`} onClick={() => void remove(a.id)}>
                          ✕
                        </IconButton>
                      </TableCell>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </Paper>
      {canEdit && (
        <Paper sx={{ p: 2 }} data-testid="add-action">
          <Typography variant="subtitle1" gutterBottom>
            添加规划措施
          </Typography>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}>
            <TextField
              select
              size="small"
              label="社区"
              value={communityId}
              onChange={(e) => pick(Number(e.target.value), kind)}
              sx={{ minWidth: 160 }}
              slotProps={{ htmlInput: { 'data-testid': 'action-community' } }}
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
              label="措施"
              value={kind}
              onChange={(e) =>
                communityId === '' ? setKind(e.target.value as PlanActionKind) : pick(communityId, e.target.value as PlanActionKind)
              }
              sx={{ minWidth: 170 }}
            >
              {PLAN_ACTION_KINDS.map((k) => (
                <MenuItem key={k} value={k}>
                  {PLAN_ACTION_LABELS[k]}
                </MenuItem>
              ))}
            </TextField>
            {kind === 'splitGrid' && (
              <TextField
                select
                size="small"
                label="网格"
                value={gridCode}
                onChange={(e) => setGridCode(e.target.value)}
                sx={{ minWidth: 140 }}
              >
                {overview.gridSplits
                  .filter((g) => g.communityId === communityId)
                  .map((g) => (
                    <MenuItem key={g.gridCode} value={g.gridCode}>
                      {g.gridCode}（{g.households}户）
                    </MenuItem>
                  ))}
              </TextField>
            )}
            {kind === 'mergeCommunity' ? (
              <TextField
                select
                size="small"
                label="并入本社区的社区"
                value={other}
                onChange={(e) => setOther(Number(e.target.value))}
                sx={{ minWidth: 170 }}
              >
                {overview.communities
                  .filter((c) => c.communityId !== communityId)
                  .map((c) => (
                    <MenuItem key={c.communityId} value={c.communityId}>
                      {c.name}
                    </MenuItem>
                  ))}
              </TextField>
            ) : (
              <TextField
                size="small"
                label={`数量${PLAN_ACTION_UNITS[kind] ? `（${PLAN_ACTION_UNITS[kind]}）` : ''}`}
                value={quantity}
                onChange={(e) => setQuantity(e.target.value)}
                sx={{ width: 130 }}
                helperText={kind === 'splitGrid' || kind === 'splitCommunity' ? '留空按规范自动计算' : selected ? '已按缺口预填' : ' '}
                slotProps={{ htmlInput: { 'data-testid': 'action-quantity', inputMode: 'decimal' } }}
              />
            )}
            <TextField
              size="small"
              label="目标季度"
              value={quarter}
              onChange={(e) => setQuarter(e.target.value)}
              sx={{ width: 110 }}
              slotProps={{ htmlInput: { 'data-testid': 'action-quarter' } }}
            />
            <TextField size="small" label="说明" value={note} onChange={(e) => setNote(e.target.value)} sx={{ minWidth: 200, flex: 1 }} />
            <Button variant="contained" onClick={() => void add()} data-testid="action-add">
              添加
            </Button>
          </Box>
          {error && (
            <Alert severity="error" sx={{ mt: 1 }} data-testid="action-error">
              {error}
            </Alert>
          )}
        </Paper>
      )}
    </Stack>
  );
}
