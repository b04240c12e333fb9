import { Alert, Box, Button, Chip, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useChannel } from '../../hooks/useChannel';
import { navigate } from '../../app/router';
import { showCell } from './roster-ui';
import { CommunityPlanPanel } from '../planner/CommunityPlanPanel';

const HEADLINE = [
  'households',
  'residents',
  'facilityArea',
  'facilityAreaPer100Households',
  'gridCount',
  'gridsWithin300to500',
  'workerCount',
  'workersPer10000Residents',
  'committeeCount',
  'residentsCommitteeCount',
  'committeeUnder35',
  'cadresReported',
];

function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === '1/0') return value === 1 ? '是' : '否';
  return `${value}${unit && unit !== '1/0' ? ` ${unit}` : ''}`;
}

/** 社区详情: the community's figures, its grids with 户数 against 300–500, derived metrics and warnings. */
export function CommunityDetailPage({ communityId }: { communityId: number }) {
  const { data: detail, error } = useChannel('roster:community', { communityId });
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!detail)
    return (
      <Typography data-testid="community-detail" data-state="loading">
        正在加载…
      </Typography>
    );
  const v = detail.community.values;
  const headline = HEADLINE.map((k) => detail.metrics.find((m) => m.key === k)).filter((m) => m !== undefined);
  const rest = detail.metrics.filter((m) => !HEADLINE.includes(m.key));
  return (
    <Box data-testid="community-detail" data-state="ready" sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Button onClick={() => navigate('/roster/communities')}>← 返回名册</Button>
        <Typography variant="h5" sx={{ flex: 1 }}>
          {showCell(v.name)}
        </Typography>
        <Typography color="text.secondary">
          {showCell(v.district)} {showCell(v.street)} · 截至 {detail.asOf}
        </Typography>
      </Box>
      {detail.warnings.length > 0 ? (
        <Alert severity="warning" data-testid="community-warnings">
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {detail.warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </Box>
        </Alert>
      ) : (
        <Alert severity="success">各项名册数据均达到参考标准。</Alert>
      )}
      <CommunityPlanPanel communityId={communityId} />
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 1.5 }}>
        {headline.map((m) => (
          <Paper key={m.key} variant="outlined" sx={{ p: 1.5 }} data-testid={`metric-${m.key}`}>
            <Typography variant="caption" color="text.secondary">
              {m.label}
            </Typography>
            <Typography variant="h6">{formatValue(m.value, m.unit)}</Typography>
          </Paper>
        ))}
      </Box>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" gutterBottom>
          网格（{detail.grids.length} 个）
        </Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>网格编号</TableCell>
              <TableCell>网格名称</TableCell>
              <TableCell>户数</TableCell>
              <TableCell>300–500 户</TableCell>
              <TableCell>网格长</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {detail.grids.map((g) => (
              <TableRow key={g.id}>
                <TableCell>{g.code}</TableCell>
                <TableCell>{g.name}</TableCell>
                <TableCell>{g.households ?? '—'}</TableCell>
                <TableCell>
                  {g.within === null ? (
                    '—'
                  ) : (
                    <Chip size="small" color={g.within ? 'success' : 'warning'} label={g.within ? '符合' : '超出'} />
                  )}
                </TableCell>
                <TableCell>{g.leader ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" gutterBottom>
          全部名册指标
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', columnGap: 3, rowGap: 0.5 }}>
          {rest.map((m) => (
            <Box key={m.key} sx={{ display: 'flex', justifyContent: 'space-between', borderBottom: 1, borderColor: 'divider', py: 0.5 }}>
              <Typography variant="body2">{m.label}</Typography>
              <Typography variant="body2">{formatValue(m.value, m.unit)}</Typography>
            </Box>
          ))}
        </Box>
      </Paper>
    </Box>
  );
}
