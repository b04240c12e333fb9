import { useState } from 'react';
import {
  Box,
  Checkbox,
  FormControlLabel,
  IconButton,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
} from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { parseTieBreak, tieBreakText } from '../../../../shared/domain/standard/standard-workbook';
import {
  NA_POLICIES,
  NA_POLICY_LABELS,
  ROLL_UP_PRESETS,
  type NaPolicy,
  type Standard,
} from '../../../../shared/domain/standard/standard.schema';
import { PointsField } from './MethodEditor';
import { Section, type Update } from './rules-ui';

function TieBreakField({ standard, disabled, update }: { standard: Standard; disabled: boolean; update: Update }) {
  const shown = standard.ranking.tieBreak.map(tieBreakText).join(' > ');
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <TextField
      label="总分相同时依次比较"
      value={text ?? shown}
      disabled={disabled}
      fullWidth
      error={Boolean(error)}
      helperText={error ?? '例如：基础分 > 一级指标A > 二级指标G1 > 扣分次数少者优先；仍相同的并列同一名次'}
      onChange={(e) => {
        setText(e.target.value);
        const r = parseTieBreak(e.target.value);
        if (typeof r === 'string') setError(r);
        else {
          setError(null);
          update((s) => void (s.ranking.tieBreak = r));
        }
      }}
      onBlur={() => !error && setText(null)}
    />
  );
}

export function GradingEditor({ standard, editable, update }: { standard: Standard; editable: boolean; update: Update }) {
  const disabled = !editable;
  const r = standard.rollUp;
  const preset = ROLL_UP_PRESETS.find((p) => p.quartersPercent === r.quartersPercent && p.yearEndPercent === r.yearEndPercent);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Section
        title="等级划分"
        hint="从高到低排列；总分不低于最低分即得该等次，最低等次的最低分为0。可为等次设名额（比例向下取整，或个数）。"
      >
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>等次</TableCell>
              <TableCell>最低分</TableCell>
              <TableCell>名额比例(%)</TableCell>
              <TableCell>名额个数</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {standard.grading.bands.map((b, i) => (
              <TableRow key={i} data-testid={`band-${b.label}`}>
                <TableCell>
                  <TextField
                    variant="standard"
                    value={b.label}
                    disabled={disabled}
                    onChange={(e) => update((s) => void ((s.grading.bands[i] as typeof b).label = e.target.value))}
                  />
                </TableCell>
                <TableCell>
                  <PointsField
                    label=""
                    tenths={b.minTenths}
                    disabled={disabled}
                    width={90}
                    onChange={(t) => t !== undefined && update((s) => void ((s.grading.bands[i] as typeof b).minTenths = t))}
                  />
                </TableCell>
                {(['percent', 'count'] as const).map((k) => (
                  <TableCell key={k}>
                    <TextField
                      variant="standard"
                      value={b.quota?.[k] ?? ''}
                      disabled={disabled}
                      placeholder="不限"
                      sx={{ width: 90 }}
                      onChange={(e) =>
                        update((s) => {
                          const band = s.grading.bands[i] as typeof b;
                          const v = e.target.value.trim();
                          const quota = { ...(band.quota ?? {}) };
                          if (/^\d+$/.test(v)) quota[k] = Number(v);
                          else delete quota[k];
                          if (quota.percent === undefined && quota.count === undefined) delete band.quota;
                          else band.quota = quota;
                        })
                      }
                    />
                  </TableCell>
                ))}
                <TableCell>
                  {editable && standard.grading.bands.length > 2 && (
                    <IconButton
                      size="small"
                      aria-label={`删除等次${b.label}`}
                      onClick={() => update((s) => void s.grading.bands.splice(i, 1))}
                    >
                      <DeleteOutlineIcon fontSize="small" />
                    </IconButton>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <TextField
          select
          label="名额边界上并列时"
          value={standard.grading.quotaTies}
          disabled={disabled}
          sx={{ width: 320 }}
          onChange={(e) => update((s) => void (s.grading.quotaTies = e.target.value as 'demoteAll' | 'admitAll'))}
        >
          <MenuItem value="demoteAll">全部降入下一等次（不超名额）</MenuItem>
          <MenuItem value="admitAll">全部保留该等次（可超名额）</MenuItem>
        </TextField>
      </Section>
      <Section title="总分与排名">
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <PointsField
            label="基础总分"
            tenths={standard.totalTenths}
            disabled={disabled}
            width={120}
            onChange={(t) => t !== undefined && t > 0 && update((s) => void (s.totalTenths = t))}
          />
          <TextField
            select
            label="不适用项处理"
            value={standard.naPolicy}
            disabled={disabled}
            sx={{ width: 240 }}
            onChange={(e) => update((s) => void (s.naPolicy = e.target.value as NaPolicy))}
          >
            {NA_POLICIES.map((p) => (
              <MenuItem key={p} value={p}>
                {NA_POLICY_LABELS[p]}
              </MenuItem>
            ))}
          </TextField>
          <FormControlLabel
            control={
              <Checkbox
                checked={standard.ranking.vetoedLast}
                disabled={disabled}
                onChange={(e) => update((s) => void (s.ranking.vetoedLast = e.target.checked))}
              />
            }
            label="有否决项的社区排在最后"
          />
        </Box>
        <TieBreakField standard={standard} disabled={disabled} update={update} />
      </Section>
      <Section title="年度汇总" hint="缺少的季度不按0分计，而是按已有季度平均并注明。">
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <TextField
            select
            label="汇总方式"
            value={preset?.label ?? 'custom'}
            disabled={disabled}
            sx={{ width: 220 }}
            onChange={(e) => {
              const p = ROLL_UP_PRESETS.find((x) => x.label === e.target.value);
              if (p) update((s) => Object.assign(s.rollUp, { quartersPercent: p.quartersPercent, yearEndPercent: p.yearEndPercent }));
            }}
          >
            {ROLL_UP_PRESETS.map((p) => (
              <MenuItem key={p.label} value={p.label}>
                {p.label}
              </MenuItem>
            ))}
            <MenuItem value="custom" disabled>
              自定义比例
            </MenuItem>
          </TextField>
          {(['quartersPercent', 'yearEndPercent'] as const).map((k) => (
            <TextField
              key={k}
              label={k === 'quartersPercent' ? '季度平均所占(%)' : '年终部分所占(%)'}
              value={r[k]}
              disabled={disabled}
              sx={{ width: 150 }}
              onChange={(e) =>
                /^\d{1,3}$/.test(e.target.value) &&
                Number(e.target.value) <= 100 &&
                update((s) => void (s.rollUp[k] = Number(e.target.value)))
              }
            />
          ))}
          <TextField
            label="年终部分名称"
            value={r.yearEndLabel}
            disabled={disabled}
            sx={{ width: 160 }}
            onChange={(e) => update((s) => void (s.rollUp.yearEndLabel = e.target.value))}
          />
          <TextField
            select
            label="有否决项的季度，年度最高等次"
            value={r.vetoAnnualGradeCap ?? ''}
            disabled={disabled}
            sx={{ width: 260 }}
            onChange={(e) => update((s) => void (s.rollUp.vetoAnnualGradeCap = e.target.value === '' ? null : e.target.value))}
          >
            <MenuItem value="">不限制</MenuItem>
            {standard.grading.bands.map((b) => (
              <MenuItem key={b.label} value={b.label}>
                {b.label}
              </MenuItem>
            ))}
          </TextField>
        </Box>
      </Section>
    </Box>
  );
}
