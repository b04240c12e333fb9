import { useState } from 'react';
import { Box, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';

/** A roster metric's value with the snapshot rows it was counted from (the first 200 shown). */
export function DrillDown({
  label,
  value,
  rows,
}: {
  label: string;
  value: number | null | undefined;
  rows: Record<string, string | number | null>[];
}) {
  const [open, setOpen] = useState(false);
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return (
    <Box>
      <Typography variant="body2">
        {label}：<b>{value ?? '（无数据）'}</b>{' '}
        {rows.length > 0 && (
          <Link component="button" onClick={() => setOpen(!open)} data-testid="drill-toggle">
            {open ? '收起' : `查看${rows.length}条名册记录`}
          </Link>
        )}
      </Typography>
      {open && (
        <Table size="small">
          <TableHead>
            <TableRow>
              {columns.map((c) => (
                <TableCell key={c}>{c}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.slice(0, 200).map((r, i) => (
              <TableRow key={i}>
                {columns.map((c) => (
                  <TableCell key={c}>{r[c] ?? ''}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
