import { useState } from 'react';
import { Alert, Box, Chip, Link, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { fmtPoints } from './round-ui';
import { useChannel } from '../../hooks/useChannel';
import { ResultDetail } from './ResultDetail';
import { unitNoun } from '../../../../shared/domain/levels/kind-words';

/** 考评结果: ranks, category scores, grades and the change on last quarter; a name opens the why. */
export function ResultsTab({ roundId }: { roundId: string }) {
  const { data: r, error } = useChannel('rounds:results', { roundId });
  const [open, setOpen] = useState<number | null>(null);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!r) return <Typography>正在计算…</Typography>;
  const cats = r.communities[0]?.categories ?? [];
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Typography variant="body2">
        {r.grades.map((g) => `${g.label} ${g.count} 个`).join('；')}
        {r.previousRound ? `；与 ${r.previousRound} 比较` : '；无上季度数据'}
      </Typography>
      <Paper sx={{ overflowX: 'auto' }}>
        <Table size="small" data-testid="results-table">
          <TableHead>
            <TableRow>
              <TableCell>名次</TableCell>
              <TableCell>{unitNoun(r.kind)}</TableCell>
              {cats.map((c) => (
                <TableCell key={c.code} title={c.name}>
                  {c.code}（{c.max}）
                </TableCell>
              ))}
              <TableCell>加分</TableCell>
              <TableCell>总分</TableCell>
              <TableCell>等次</TableCell>
              <TableCell>较上季度</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {r.communities.map((c) => (
              <TableRow key={c.id} data-testid={`result-${c.name}`}>
                <TableCell data-testid="result-rank">{c.rank}</TableCell>
                <TableCell>
                  <Link component="button" onClick={() => setOpen(c.id)} data-testid={`result-open-${c.name}`}>
                    {c.name}
                  </Link>
                  {c.veto && <Chip size="small" color="error" label="否决" sx={{ ml: 1 }} />}
                </TableCell>
                {c.categories.map((k) => (
                  <TableCell key={k.code}>{fmtPoints(k.score)}</TableCell>
                ))}
                <TableCell>{fmtPoints(c.bonus)}</TableCell>
                <TableCell data-testid="result-total">
                  <b>{fmtPoints(c.total)}</b>
                </TableCell>
                <TableCell>
                  {c.grade}
                  {c.quotaDemotedFrom ? `（名额限制，原${c.quotaDemotedFrom}）` : ''}
                </TableCell>
                <TableCell>
                  {c.change
                    ? `${c.change.delta >= 0 ? '+' : ''}${fmtPoints(c.change.delta)}${
                        c.change.movers.length
                          ? `（${c.change.movers
                              .slice(0, 3)
                              .map((m) => `${m.code}${m.delta >= 0 ? '+' : ''}${fmtPoints(m.delta)}`)
                              .join('，')}）`
                          : ''
                      }`
                    : '—'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {open !== null && <ResultDetail result={r.communities.find((c) => c.id === open)} onClose={() => setOpen(null)} />}
    </Box>
  );
}
