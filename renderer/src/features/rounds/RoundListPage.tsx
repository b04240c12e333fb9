import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { call, errorText } from '../../api/client';
import { useChannel } from '../../hooks/useChannel';
import { navigate } from '../../app/router';
import { stateColor } from './round-ui';
import { useCan } from '../../app/access';
import { PublishedVersionSelect } from '../standard/PublishedVersionSelect';
import { useUnitSettings } from '../../app/unit-settings-context';
import { KINDS_OF_LEVEL, type UnitKind } from '../../../../shared/domain/levels/levels';

/** List of quarterly rounds with a dialog to create the next one. */
export function RoundListPage() {
  const { data: rounds, error } = useChannel('rounds:list', {});
  const [creating, setCreating] = useState(false);
  const can = useCan();

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="round-list" data-state={rounds ? 'ready' : 'loading'}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="h5" sx={{ flex: 1 }}>
          季度考评
        </Typography>
        {can('rounds:create') && (
          <Button variant="contained" onClick={() => setCreating(true)} data-testid="round-new">
            新建季度考评
          </Button>
        )}
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {rounds && rounds.length === 0 && (
        <Alert severity="info">
          暂无季度考评。
          {can('rounds:create') ? '下一步：点击“新建季度考评”，选择年份和季度即可开始。' : '管理员新建季度考评后会显示在这里。'}
        </Alert>
      )}
      {rounds && rounds.length > 0 && (
        <Paper>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>季度</TableCell>
                <TableCell>状态</TableCell>
                <TableCell>考核标准</TableCell>
                <TableCell>评分进度</TableCell>
                <TableCell>创建时间</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rounds.map((r) => (
                <TableRow
                  key={r.id}
                  hover
                  sx={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/rounds/${r.id}`)}
                  data-testid={`round-row-${r.id}`}
                >
                  <TableCell>
                    {r.title}（{r.id}）
                  </TableCell>
                  <TableCell>
                    <Chip size="small" color={stateColor(r.state)} label={r.stateLabel} />
                  </TableCell>
                  <TableCell>第{r.standardVersion}版</TableCell>
                  <TableCell>
                    {r.completeCount}/{r.communityCount} 个{r.kind}已评完
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.createdAt.slice(0, 10)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      {creating && <CreateRoundDialog onClose={() => setCreating(false)} />}
    </Box>
  );
}

function CreateRoundDialog({ onClose }: { onClose: () => void }) {
  const now = new Date();
  const [year, setYear] = useState(String(now.getFullYear()));
  const [quarter, setQuarter] = useState(String(Math.floor(now.getMonth() / 3) + 1));
  const [version, setVersion] = useState('');
  // A 市 appraises two kinds (县区 and 成员单位), each in its own round of the quarter.
  const kinds = KINDS_OF_LEVEL[useUnitSettings().settings.level];
  const [kind, setKind] = useState<UnitKind>(kinds[0] ?? '社区');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      const d = await call('rounds:create', {
        year: Number(year),
        quarter: Number(quarter),
        ...(version ? { standardVersion: Number(version) } : {}),
        ...(kinds.length > 1 ? { kind } : {}),
      });
      navigate(`/rounds/${d.id}`);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>新建季度考评</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important' }}>
        <TextField
          label="年份"
          value={year}
          onChange={(e) => setYear(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'round-year', inputMode: 'numeric' } }}
        />
        <TextField
          select
          label="季度"
          value={quarter}
          onChange={(e) => setQuarter(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'round-quarter' } }}
        >
          {['1', '2', '3', '4'].map((q) => (
            <MenuItem key={q} value={q}>
              第{['一', '二', '三', '四'][Number(q) - 1]}季度
            </MenuItem>
          ))}
        </TextField>
        {kinds.length > 1 && (
          <TextField
            select
            label="考评对象"
            value={kind}
            onChange={(e) => setKind(e.target.value as UnitKind)}
            slotProps={{ htmlInput: { 'data-testid': 'round-kind' } }}
          >
            {kinds.map((k) => (
              <MenuItem key={k} value={k}>
                {k}
              </MenuItem>
            ))}
          </TextField>
        )}
        <PublishedVersionSelect
          label="考核标准版本"
          latestLabel="最新发布的版本"
          value={version}
          onChange={setVersion}
          testId="round-standard"
        />
        <Typography variant="body2" color="text.secondary">
          创建时会冻结当前的名册数据作为本季度的快照，并锁定所用的标准版本（此后该版本不能再修改）。
        </Typography>
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button variant="contained" onClick={create} disabled={busy} data-testid="round-create">
          创建
        </Button>
      </DialogActions>
    </Dialog>
  );
}
