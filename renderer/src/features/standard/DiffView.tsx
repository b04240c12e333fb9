import {
  Alert,
  Box,
  Button,
  Chip,
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
import type { StandardDiff } from '../../../../shared/domain/standard/standard-diff';
import type { StandardVersionSummary } from '../../../../shared/ipc/channels/standard.channels';
import { useChannel } from '../../hooks/useChannel';
import { navigate } from '../../app/router';
import { fmt } from './standard-ui';

const SECTION_LABELS: Record<StandardDiff['entries'][number]['section'], string> = {
  category: '一级指标',
  item: '二级指标',
  bonus: '加分项',
  veto: '否决项',
  band: '等次',
  setting: '设置',
};
const CHANGE_LABELS = { added: '新增', removed: '删除', changed: '修改' } as const;
const CHANGE_COLORS = { added: 'success', removed: 'error', changed: 'warning' } as const;
const ROW_BG = { added: '#eef7ee', removed: '#fbeeee', changed: '#fff8e6' } as const;

/** Side-by-side differences between two versions: what was added, removed and changed, with points. */
export function DiffView({ versions, from, to }: { versions: StandardVersionSummary[]; from: number; to: number }) {
  const differences = useChannel('standard:diff', { from, to });
  // Other versions just picked show as loading, not as the previous pair's differences.
  const diff = differences.loading ? null : differences.data;
  const error = differences.error;
  const pick = (side: 'from' | 'to', v: number) => navigate(`/standard/diff/${side === 'from' ? v : from}/${side === 'to' ? v : to}`);
  return (
    <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="diff-view" data-state={diff ? 'ready' : 'loading'}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
        <Typography variant="h5">版本比较</Typography>
        {(['from', 'to'] as const).map((side) => (
          <TextField
            key={side}
            select
            label={side === 'from' ? '原版本' : '新版本'}
            value={side === 'from' ? from : to}
            sx={{ width: 200 }}
            onChange={(e) => pick(side, Number(e.target.value))}
          >
            {versions.map((v) => (
              <MenuItem key={v.version} value={v.version}>
                第{v.version}版（{v.statusLabel}）
              </MenuItem>
            ))}
          </TextField>
        ))}
        <Box sx={{ flex: 1 }} />
        <Button onClick={() => navigate(`/standard/${to}`)}>返回第{to}版</Button>
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {diff && (
        <>
          <Typography variant="body2" data-testid="diff-summary">
            第{diff.fromVersion}版 → 第{diff.toVersion}版：新增 {diff.added} 项，删除 {diff.removed} 项，修改 {diff.changed} 项。
          </Typography>
          {diff.entries.length === 0 ? (
            <Alert severity="success">两个版本的内容完全相同。</Alert>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 90 }}>类别</TableCell>
                  <TableCell sx={{ width: 70 }}>编码</TableCell>
                  <TableCell sx={{ width: 220 }}>名称</TableCell>
                  <TableCell sx={{ width: 70 }}>变化</TableCell>
                  <TableCell>第{diff.fromVersion}版</TableCell>
                  <TableCell>第{diff.toVersion}版</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {diff.entries.map((e, i) => (
                  <TableRow key={i} sx={{ bgcolor: ROW_BG[e.change], verticalAlign: 'top' }} data-testid={`diff-${e.section}-${e.code}`}>
                    <TableCell>{SECTION_LABELS[e.section]}</TableCell>
                    <TableCell>{e.section === 'setting' ? '' : e.code}</TableCell>
                    <TableCell>{e.title}</TableCell>
                    <TableCell>
                      <Chip size="small" color={CHANGE_COLORS[e.change]} label={CHANGE_LABELS[e.change]} />
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'pre-wrap' }}>
                      {e.change === 'added'
                        ? '—'
                        : e.fields.length
                          ? e.fields.map((f) => `${f.field}：${f.before || '（空）'}`).join('\n')
                          : e.beforeTenths !== null
                            ? `${fmt(e.beforeTenths)}分`
                            : '有'}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'pre-wrap' }}>
                      {e.change === 'removed'
                        ? '—'
                        : e.fields.length
                          ? e.fields.map((f) => `${f.field}：${f.after || '（空）'}`).join('\n')
                          : e.afterTenths !== null
                            ? `${fmt(e.afterTenths)}分`
                            : '有'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </Paper>
  );
}
