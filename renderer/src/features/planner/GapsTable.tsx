import { Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { PlanOverviewDto } from '../../../../shared/ipc/channels/planner.channels';
import { navigate } from '../../app/router';
import { committeeGapText, fmt, gapBg, gapColor } from './planner-ui';

/** The norms table: one row per community, each norm's figure and gap, gaps in red. */
export function GapsTable({ overview }: { overview: PlanOverviewDto }) {
  const n = overview.norms;
  return (
    <Table size="small" stickyHeader data-testid="gaps-table">
      <TableHead>
        <TableRow>
          <TableCell>社区</TableCell>
          <TableCell align="right">户数（≤{n.maxHouseholds}）</TableCell>
          <TableCell align="right">服务设施面积</TableCell>
          <TableCell align="right">尚缺面积</TableCell>
          <TableCell align="right">
            网格（{n.gridMinHouseholds}–{n.gridMaxHouseholds}户）
          </TableCell>
          <TableCell align="right">
            居委会（{n.committeeMin}–{n.committeeMax}人）
          </TableCell>
          <TableCell align="right">社区工作者</TableCell>
          <TableCell align="right">尚缺人数</TableCell>
          <TableCell>全部达标</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {overview.communities.map((c) => (
          <TableRow key={c.communityId} hover data-testid={`gaps-row-${c.name}`}>
            <TableCell>
              <a
                href={`#/roster/community/${c.communityId}`}
                onClick={(e) => (e.preventDefault(), navigate(`/roster/community/${c.communityId}`))}
              >
                {c.name}
              </a>
            </TableCell>
            <TableCell align="right" sx={{ color: gapColor(c.meets.size), bgcolor: gapBg(c.meets.size) }}>
              {fmt(c.households)}
              {c.overHouseholdLimit ? `（超${c.householdsOverLimit}）` : ''}
            </TableCell>
            <TableCell align="right">
              {fmt(c.serviceAreaM2)} / {fmt(c.requiredAreaM2)} m²
            </TableCell>
            <TableCell
              align="right"
              sx={{ color: gapColor(c.meets.area), bgcolor: gapBg(c.meets.area), fontWeight: c.meets.area === false ? 600 : undefined }}
              data-testid="area-gap"
            >
              {c.areaGapM2 === null ? '—' : c.areaGapM2 === 0 ? '达标' : `${fmt(c.areaGapM2)} m²`}
            </TableCell>
            <TableCell align="right" sx={{ color: gapColor(c.meets.grids), bgcolor: gapBg(c.meets.grids) }}>
              {c.gridCount === 0
                ? '无网格名册'
                : c.gridsOutOfRange === 0
                  ? `${c.gridCount}个 达标`
                  : `${c.gridsOutOfRange}/${c.gridCount}个不符${c.gridsToAdd ? `，需拆出${c.gridsToAdd}个` : ''}`}
            </TableCell>
            <TableCell align="right" sx={{ color: gapColor(c.meets.committee), bgcolor: gapBg(c.meets.committee) }}>
              {c.committeeSize}人 {c.committeeGap ? committeeGapText(c) : ''}
            </TableCell>
            <TableCell align="right">
              {c.workers} / {fmt(c.requiredWorkers)}人
            </TableCell>
            <TableCell
              align="right"
              sx={{
                color: gapColor(c.meets.workers),
                bgcolor: gapBg(c.meets.workers),
                fontWeight: c.meets.workers === false ? 600 : undefined,
              }}
            >
              {c.workersGap === null ? '—' : c.workersGap === 0 ? '达标' : `${c.workersGap}人`}
            </TableCell>
            <TableCell>
              {c.meetsAll ? (
                <Chip size="small" color="success" label="达标" />
              ) : (
                <Chip size="small" color="error" variant="outlined" label="未达标" />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
