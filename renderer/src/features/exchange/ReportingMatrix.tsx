import { useEffect, useState } from 'react';
import { Alert, Box, Chip, MenuItem, Paper, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import type { ReportingMatrixDto } from '../../../../shared/ipc/channels/exchange.channels';
import { call, errorText } from '../../api/client';

const QUARTER_NAMES = ['', '一季度', '二季度', '三季度', '四季度'];

/** Who has reported for which quarter of a year, and what is missing. */
export function ReportingMatrix() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [matrix, setMatrix] = useState<ReportingMatrixDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('exchange:matrix', { year }).then(setMatrix, (e: unknown) => setError(errorText(e)));
  }, [year]);
  const years = Array.from({ length: 8 }, (_v, i) => thisYear - i);
  return (
    <Paper sx={{ p: 2 }} data-testid="reporting-matrix" data-state={matrix ? 'ready' : 'loading'}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="subtitle1" sx={{ flex: 1 }}>
          上报情况
        </Typography>
        <TextField select size="small" label="年度" value={year} onChange={(e) => setYear(Number(e.target.value))} sx={{ width: 120 }}>
          {years.map((y) => (
            <MenuItem key={y} value={y}>
              {y}年
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {matrix && matrix.rows.length === 0 && (
        <Typography color="text.secondary">尚未信任任何报送单位：在下方填写对方的指纹后即可接收其数据包。</Typography>
      )}
      {matrix && matrix.rows.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>报送单位</TableCell>
              <TableCell>代码</TableCell>
              {matrix.quarters.map((q) => (
                <TableCell key={q} align="center">
                  {QUARTER_NAMES[q]}
                </TableCell>
              ))}
              <TableCell>缺报</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {matrix.rows.map((r) => (
              <TableRow key={r.code}>
                <TableCell>{r.name}</TableCell>
                <TableCell>{r.code}</TableCell>
                {r.cells.map((c) => (
                  <TableCell key={c.quarter} align="center" data-testid={`cell-${r.code}-${c.quarter}`}>
                    {c.reported ? (
                      <Chip size="small" color="success" label={`已报 第${c.revision}版`} />
                    ) : (
                      <Chip size="small" variant="outlined" label="未报" />
                    )}
                    {c.pendingConflict && <Chip size="small" color="warning" label="冲突待定" sx={{ ml: 0.5 }} />}
                  </TableCell>
                ))}
                <TableCell sx={{ color: r.missingQuarters.length ? 'error.main' : undefined }}>
                  {r.missingQuarters.length ? r.missingQuarters.map((q) => QUARTER_NAMES[q]).join('、') : '无'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}
