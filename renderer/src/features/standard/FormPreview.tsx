import { Fragment, useMemo, useState } from 'react';
import {
  Alert,
  Box,
  Checkbox,
  Chip,
  FormControlLabel,
  MenuItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { scoreCommunity } from '../../../../shared/domain/scoring/community-score';
import { checkManualValue } from '../../../../shared/domain/scoring/item-score';
import { prepareStandard } from '../../../../shared/domain/scoring/prepared-standard';
import type { CommunityEntries, DeductionRecord, ItemEntry, ItemValue } from '../../../../shared/domain/scoring/score-entry.schema';
import { FREQUENCY_LABELS, type Standard, type StandardItem } from '../../../../shared/domain/standard/standard.schema';
import { fmt, readPoints, SAMPLE_METRICS } from './standard-ui';

function hint(item: StandardItem): string {
  const m = item.method;
  switch (m.kind) {
    case 'manual':
      return `录入 ${fmt(m.minTenths)}–${fmt(item.maxTenths)} 分，步长 ${fmt(m.stepTenths)}`;
    case 'yesno':
      return `达标 ${fmt(item.maxTenths)} 分，否则 0 分`;
    case 'tiers':
      return `按满足条件个数：${m.pointsTenths.map(fmt).join('/')}`;
    case 'deduct':
      return '扣分制，逐条记录扣分，扣完为止';
    case 'computed':
      return '由名册快照自动计算';
  }
}

/** One item's trial input, the way the scoring form asks for it. */
function TrialInput({
  item,
  entry,
  onChange,
}: {
  item: StandardItem;
  entry: ItemEntry | undefined;
  onChange(v: ItemValue | undefined): void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const m = item.method;
  const v = entry?.value;
  switch (m.kind) {
    case 'manual':
      return (
        <TextField
          value={text}
          placeholder="得分"
          error={Boolean(error)}
          helperText={error ?? undefined}
          sx={{ width: 110 }}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim() === '') {
              setError(null);
              return onChange(undefined);
            }
            const r = readPoints(e.target.value);
            const problem = 'error' in r ? r.error : checkManualValue(item, r.tenths);
            setError(problem ?? null);
            if (!problem && 'tenths' in r) onChange({ kind: 'manual', tenths: r.tenths });
          }}
          slotProps={{ htmlInput: { 'data-testid': `preview-input-${item.code}` } }}
        />
      );
    case 'yesno':
      return (
        <TextField
          select
          value={v?.kind === 'yesno' ? (v.yes ? 'yes' : 'no') : ''}
          sx={{ width: 110 }}
          onChange={(e) => onChange({ kind: 'yesno', yes: e.target.value === 'yes' })}
        >
          <MenuItem value="yes">达标</MenuItem>
          <MenuItem value="no">不达标</MenuItem>
        </TextField>
      );
    case 'tiers': {
      const met = v?.kind === 'tiers' ? v.met : [];
      return (
        <Box sx={{ display: 'flex', flexDirection: 'column' }}>
          {m.criteria.map((c, i) => (
            <FormControlLabel
              key={i}
              label={<Typography variant="body2">{c}</Typography>}
              control={
                <Checkbox
                  size="small"
                  checked={met.includes(i)}
                  onChange={(e) => onChange({ kind: 'tiers', met: e.target.checked ? [...met, i] : met.filter((x) => x !== i) })}
                />
              }
            />
          ))}
        </Box>
      );
    }
    case 'deduct': {
      const records = v?.kind === 'deduct' ? v.deductions : [];
      const count = (code: string) => records.filter((r) => r.reasonCode === code).length;
      const setCount = (code: string, n: number) => {
        const reason = m.reasons.find((r) => r.code === code);
        if (!reason) return;
        const others = records.filter((r) => r.reasonCode !== code);
        const added: DeductionRecord[] = Array.from({ length: n }, () => ({
          reasonCode: code,
          text: reason.text,
          amountTenths: reason.amountTenths,
        }));
        onChange({ kind: 'deduct', deductions: [...others, ...added] });
      };
      return (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
          {m.reasons.map((r) => (
            <Box key={r.code} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <TextField
                type="number"
                value={count(r.code)}
                sx={{ width: 72, flexShrink: 0 }}
                slotProps={{ htmlInput: { min: 0, max: 20, 'aria-label': `${r.text}的次数` } }}
                onChange={(e) => setCount(r.code, Math.max(0, Math.min(20, Number(e.target.value) || 0)))}
              />
              <Typography variant="body2">
                {r.text}（每次扣{fmt(r.amountTenths)}分{r.capTenths !== undefined ? `，最多扣${fmt(r.capTenths)}分` : ''}）
              </Typography>
            </Box>
          ))}
        </Box>
      );
    }
    case 'computed':
      return null;
  }
}

/**
 * The scoring form as assessors will see it: items by category with the 评分细则 at hand, how each
 * is entered, and running category and total scores. Values typed here are a trial only (nothing is
 * saved); computed items use an example community's roster figures.
 */
export function FormPreview({ standard }: { standard: Standard }) {
  const [entries, setEntries] = useState<CommunityEntries>({ items: [], bonus: [], vetoes: [] });
  const prepared = useMemo(() => prepareStandard(standard), [standard]);
  const score = useMemo(() => scoreCommunity(prepared, entries, SAMPLE_METRICS), [prepared, entries]);
  const itemScore = new Map(score.items.map((i) => [i.code, i]));
  const catScore = new Map(score.categories.map((c) => [c.code, c]));
  const setValue = (code: string, value: ItemValue | undefined) =>
    setEntries((e) => ({ ...e, items: [...e.items.filter((x) => x.itemCode !== code), ...(value ? [{ itemCode: code, value }] : [])] }));
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }} data-testid="form-preview">
      <Alert severity="info">
        这是考评员看到的评分表样式。在此录入的分数只用于试算，不会保存；公式计算项按示例社区（2860户、7个网格）的名册数据试算。
      </Alert>
      <Paper variant="outlined" sx={{ p: 1.5, display: 'flex', gap: 2, alignItems: 'center', position: 'sticky', top: 56, zIndex: 2 }}>
        <Typography variant="h6" data-testid="preview-total">
          总分 {fmt(score.totalTenths)} / {fmt(standard.totalTenths)}
        </Typography>
        {score.categories.map((c) => (
          <Chip key={c.code} size="small" label={`${c.code} ${fmt(c.tenths)}/${fmt(c.maxTenths)}`} />
        ))}
      </Paper>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 60 }}>编码</TableCell>
            <TableCell sx={{ width: 220 }}>二级指标</TableCell>
            <TableCell sx={{ width: 60 }}>分值</TableCell>
            <TableCell>评分细则</TableCell>
            <TableCell sx={{ width: 320 }}>得分</TableCell>
            <TableCell sx={{ width: 60 }}>小计</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {standard.categories.map((c, ci) => (
            <Fragment key={ci}>
              <TableRow sx={{ bgcolor: 'action.hover' }}>
                <TableCell>
                  <b>{c.code}</b>
                </TableCell>
                <TableCell colSpan={4}>
                  <b>{c.title}</b>（{fmt(c.maxTenths)}分）
                </TableCell>
                <TableCell>
                  <b>{fmt(catScore.get(c.code)?.tenths ?? 0)}</b>
                </TableCell>
              </TableRow>
              {c.items.map((item, ii) => {
                const s = itemScore.get(item.code);
                return (
                  <TableRow key={ii} sx={{ verticalAlign: 'top' }}>
                    <TableCell>{item.code}</TableCell>
                    <TableCell>
                      {item.title}
                      <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                        {item.evidence.join('、')} · {FREQUENCY_LABELS[item.frequency]}
                      </Typography>
                    </TableCell>
                    <TableCell>{fmt(item.maxTenths)}</TableCell>
                    <TableCell>
                      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                        {item.guide}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mb: 0.5 }}>
                        {hint(item)}
                      </Typography>
                      <TrialInput
                        item={item}
                        entry={entries.items.find((e) => e.itemCode === item.code)}
                        onChange={(v) => setValue(item.code, v)}
                      />
                      {item.method.kind === 'computed' && (
                        <Typography variant="body2" color={s?.status === 'invalid' ? 'error' : 'text.primary'}>
                          {s?.status === 'invalid' ? s.message : `名册计算值 ${s?.rawValue ?? ''}`}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell data-testid={`preview-score-${item.code}`}>{s && s.status !== 'missing' ? fmt(s.tenths) : '—'}</TableCell>
                  </TableRow>
                );
              })}
            </Fragment>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
