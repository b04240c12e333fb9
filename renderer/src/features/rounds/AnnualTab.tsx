import { useState } from 'react';
import {
  Alert,
  Box,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { fmtPoints } from './round-ui';
import { useChannel } from '../../hooks/useChannel';
import { useUnitSettings } from '../../app/unit-settings-context';
import { KINDS_OF_LEVEL, type UnitKind } from '../../../../shared/domain/levels/levels';
import { unitNoun } from '../../../../shared/domain/levels/kind-words';

/**
 * 年度汇总: the year's finalized quarters per appraised unit and the annual score. A level that
 * appraises two kinds (a 市: 县区 and 成员单位) rolls each up on its own, chosen here.
 */
export function AnnualTab({ year }: { year: number }) {
  const kinds = KINDS_OF_LEVEL[useUnitSettings().settings.level];
  const [kind, setKind] = useState<UnitKind | null>(null);
  const { data, error } = useChannel('rounds:annual', kind ? { year, kind } : { year });
  const picker =
    kinds.length > 1 ? (
      <ToggleButtonGroup
        size="small"
        exclusive
        value={kind ?? data?.kind ?? kinds[0]}
        onChange={(_, v: UnitKind | null) => v && setKind(v)}
        aria-label="考评对象"
      >
        {kinds.map((k) => (
          <ToggleButton key={k} value={k}>
            {k}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    ) : null;
  if (error)
    return (
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, alignItems: 'flex-start' }}>
        {picker}
        <Alert severity="error">{error}</Alert>
      </Box>
    );
  if (!data) return <Typography>正在计算…</Typography>;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      {picker && <Box>{picker}</Box>}
      <Typography variant="body2">
        {data.year}年度汇总（{data.coverage}，只计已定稿的季度；{data.rule}；缺少的季度不计为0分，按已有季度平均并注明）
      </Typography>
      <Paper>
        <Table size="small" data-testid="annual-table">
          <TableHead>
            <TableRow>
              <TableCell>名次</TableCell>
              <TableCell>{unitNoun(data.kind)}</TableCell>
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
