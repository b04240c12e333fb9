import { Box, Typography } from '@mui/material';
import type { PlanOverviewDto } from '../../../../shared/ipc/channels/planner.channels';

/** Bars of communities meeting all norms per quarter (of all communities), with the count on each bar. */
export function ForecastChart({ forecast }: { forecast: PlanOverviewDto['forecast'] }) {
  const points = forecast.points;
  const max = Math.max(1, ...points.map((p) => p.communities));
  const W = 56;
  const H = 160;
  const width = Math.max(points.length * W + 40, 300);
  return (
    <Box data-testid="forecast-chart" sx={{ overflowX: 'auto' }}>
      <svg width={width} height={H + 48} role="img" aria-label={`达标社区预测：${forecast.headline}`}>
        <line x1={30} y1={H + 4} x2={width - 4} y2={H + 4} stroke="#9e9e9e" />
        {points.map((p, i) => {
          const x = 36 + i * W;
          const total = (p.communities / max) * H;
          const ok = (p.meetingAll / max) * H;
          return (
            <g key={p.quarter}>
              <rect x={x} y={H + 4 - total} width={W - 16} height={total} fill="#e0e0e0" />
              <rect x={x} y={H + 4 - ok} width={W - 16} height={ok} fill={p.actions.length > 0 ? '#2e7d32' : '#66bb6a'} />
              <text x={x + (W - 16) / 2} y={H - ok - 2} textAnchor="middle" fontSize={13} fontWeight={600}>
                {p.meetingAll}
              </text>
              <text x={x + (W - 16) / 2} y={H + 22} textAnchor="middle" fontSize={12}>
                {p.quarter}
              </text>
              {p.actions.length > 0 && (
                <text x={x + (W - 16) / 2} y={H + 40} textAnchor="middle" fontSize={11} fill="#2e7d32">
                  {p.actions.length}项措施
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Typography variant="caption" color="text.secondary">
        绿色：全部达标的社区数；灰色：社区总数。深绿色的季度有规划措施到期。
      </Typography>
    </Box>
  );
}
