import { Alert, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { fmtPoints } from './round-ui';
import { useChannel } from '../../hooks/useChannel';

/** 整改清单: what each community lost points for, and whether a later quarter verified it fixed. */
export function RectificationsTab({ roundId }: { roundId: string }) {
  const { data: rows, error } = useChannel('rounds:rectifications', { roundId });
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!rows) return <Typography>正在加载…</Typography>;
  if (rows.length === 0) return <Alert severity="success">没有需要整改的事项。</Alert>;
  return (
    <Paper>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>社区</TableCell>
            <TableCell>指标</TableCell>
            <TableCell>整改事项</TableCell>
            <TableCell>失分</TableCell>
            <TableCell>状态</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id}>
              <TableCell>{r.communityName}</TableCell>
              <TableCell>{r.itemCode}</TableCell>
              <TableCell>{r.text}</TableCell>
              <TableCell>{fmtPoints(r.lost)}</TableCell>
              <TableCell>
                {r.status === 'verified' ? `已销号（${r.verifiedRoundId}）` : r.status === 'unresolved' ? '未整改到位' : '待下季度核实'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}
