import { Alert, Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { fmtPoints } from './round-ui';
import { useChannel } from '../../hooks/useChannel';

/** 年度汇总: the year's finalized quarters per community and the annual score. */
export function AnnualTab({ year }: { year: number }) {
  const { data, error } = useChannel('rounds:annual', { year });
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!data) return <Typography>正在计算…</Typography>;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="body2">
        {data.year}年度汇总（{data.coverage}，只计已定稿的季度；{data.rule}；缺少的季度不计为0分，按已有季度平均并注明）
      </Typography>
      <Paper>
        <Table size="small" data-testid="annual-table">
          <TableHead>
            <TableRow>
              <TableCell>名次</TableCell>
              <TableCell>社区</TableCell>
              {[1, 2, 3, 4].map((q) => (
                <TableCell key={q}>第{['一', '二', '三', '四'][q - 1]}季度</TableCell>
              ))}
              <TableCell>年度得分</TableCell>
              <TableCell>等次</TableCell>
              <TableCell>说明</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.rows.map((r) => (
              <TableRow key={r.communityId}>
                <TableCell>{r.rank || '—'}</TableCell>
                <TableCell>{r.name}</TableCell>
                {r.quarters.map((q) => (
                  <TableCell key={q.quarter}>{q.total === null ? '缺' : `${fmtPoints(q.total)}${q.vetoed ? '（否决）' : ''}`}</TableCell>
                ))}
                <TableCell>
                  <b>{r.annual === null ? '—' : fmtPoints(r.annual)}</b>
                </TableCell>
                <TableCell>{r.grade ?? '—'}</TableCell>
                <TableCell>{r.notes.join('；')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Box>
  );
}
