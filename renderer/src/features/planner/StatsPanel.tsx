import { useState } from 'react';
import { Alert, Box, Button, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { call, errorText, saveStagedFile } from '../../api/client';
import { useChannel } from '../../hooks/useChannel';
import { fmt } from './planner-ui';

/** Statistics in the seed report's style, with the change on the previous quarter and the workbook. */
export function StatsPanel({ roundId }: { roundId: string | null }) {
  const { data: stats, error: loadError, loading } = useChannel('planner:stats', roundId ? { roundId } : {});
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? loadError;
  const [printing, setPrinting] = useState(false);
  async function exportWorkbook() {
    try {
      const out = await call('planner:exportStats', roundId ? { roundId } : {});
      await saveStagedFile(out.fileId, out.name);
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function savePdf() {
    if (!stats) return;
    setPrinting(true);
    try {
      // Rendered and staged on the main side, then saved like any other output.
      const pdf = await call('planner:statsPdf', roundId ? { roundId } : {});
      await saveStagedFile(pdf.fileId, pdf.name);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setPrinting(false);
    }
  }
  if (error) return <Alert severity="error">{error}</Alert>;
  // A round just chosen shows as loading, not as the previous round's figures.
  if (!stats || loading) return <Typography>正在统计…</Typography>;
  const s = stats.stats;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 2, alignItems: 'start' }} data-testid="stats-panel">
      <Paper sx={{ p: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
          <Typography variant="h6" sx={{ flex: 1 }}>
            {stats.title}
          </Typography>
          <Button variant="outlined" size="small" onClick={() => void exportWorkbook()}>
            导出统计表
          </Button>
          <Button variant="outlined" size="small" sx={{ ml: 1 }} disabled={printing} onClick={() => void savePdf()} data-testid="stats-pdf">
            {printing ? '正在生成…' : '保存 PDF'}
          </Button>
        </Box>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>项目</TableCell>
              <TableCell align="right">数值</TableCell>
              <TableCell align="right">{stats.previous ? `较${stats.previous}` : '较上季度'}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {stats.figures.map((f) => (
              <TableRow key={f.key} data-testid={`stat-${f.key}`}>
                <TableCell>{f.label}</TableCell>
                <TableCell align="right">{fmt(f.value, f.unit === '%' ? '%' : ` ${f.unit}`)}</TableCell>
                <TableCell
                  align="right"
                  sx={{ color: f.change && f.change > 0 ? 'success.main' : f.change && f.change < 0 ? 'error.main' : 'text.secondary' }}
                >
                  {f.change === null ? '—' : f.change > 0 ? `+${f.change}` : f.change}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Paper sx={{ p: 2 }}>
          <Typography variant="subtitle1" gutterBottom>
            社区工作者按岗位
          </Typography>
          {s.workersByPost.map((x) => (
            <Box key={x.label} sx={{ display: 'flex', justifyContent: 'space-between' }}>
              <Typography variant="body2">{x.label}</Typography>
              <Typography variant="body2">{x.count} 人</Typography>
            </Box>
          ))}
        </Paper>
        <Paper sx={{ p: 2 }}>
          <Typography variant="subtitle1" gutterBottom>
            社区工作者按等级
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
            {s.workersByGrade.map((x) => (
              <Box key={x.label} sx={{ display: 'flex', justifyContent: 'space-between' }}>
                <Typography variant="body2">{x.label === '未填' ? x.label : `${x.label}级`}</Typography>
                <Typography variant="body2">{x.count} 人</Typography>
              </Box>
            ))}
          </Box>
        </Paper>
      </Box>
    </Box>
  );
}
