import { useState } from 'react';
import { Alert, Box, Button, Divider, Paper, TextField, Typography } from '@mui/material';
import { expressionWithLabels } from '../../../../shared/domain/expression/expression.labels';
import { METRIC_CATALOGUE } from '../../../../shared/domain/standard/metric-catalogue';
import type { ItemEntry } from '../../../../shared/domain/scoring/score-entry.schema';
import { METHOD_LABELS, pointsToTenths, type StandardItem } from '../../../../shared/domain/standard/standard.schema';
import { call } from '../../api/client';
import { DeductionLedger } from './DeductionLedger';
import { DrillDown } from './DrillDown';
import { fmt } from './round-ui';
import { useGuarded, type PanelProps } from './scoring-form-ui';

/** The focused item's side panel: its guide, the deduction ledger or the formula, and 不适用 / 调整得分. */
export function ItemPanel({
  form,
  item,
  entry,
  score,
  editable,
  ledgerFirst,
  onConfirmChecked,
  onBack,
  act,
  roundId,
  communityId,
  assessor,
}: PanelProps & {
  item: StandardItem;
  entry: ItemEntry | undefined;
  score:
    { tenths: number; status: string; rawValue?: string; metricKeys?: string[]; clamped?: boolean; derivedTenths?: number } | undefined;
  ledgerFirst: React.RefObject<HTMLSelectElement | null>;
  onConfirmChecked: () => void;
  onBack: () => void;
}) {
  const m = item.method;
  const [naReason, setNaReason] = useState(entry?.na?.reason ?? '');
  const [ovScore, setOvScore] = useState(entry?.override ? fmt(entry.override.tenths) : '');
  const [ovReason, setOvReason] = useState(entry?.override?.reason ?? '');
  const { problem, setProblem, guarded } = useGuarded(act);

  const metrics = score?.metricKeys ?? [];
  return (
    <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }} data-testid="item-panel">
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        {item.code} {item.title}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {METHOD_LABELS[m.kind]} · 满分{fmt(item.maxTenths)} · {item.evidence.join('、')}
      </Typography>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="item-guide">
        评分细则：{item.guide || '（无）'}
      </Typography>
      {problem && <Alert severity="error">{problem}</Alert>}

      {m.kind === 'deduct' && (
        <DeductionLedger
          form={form}
          item={item}
          method={m}
          entry={entry}
          score={score}
          editable={editable}
          ledgerFirst={ledgerFirst}
          onConfirmChecked={onConfirmChecked}
          onBack={onBack}
          roundId={roundId}
          communityId={communityId}
          assessor={assessor}
          guarded={guarded}
          setProblem={setProblem}
        />
      )}

      {m.kind === 'computed' && (
        <>
          <Divider />
          <Typography variant="subtitle2">名册快照计算</Typography>
          <Typography variant="body2">公式：{expressionWithLabels(m.expression, METRIC_CATALOGUE.labelOf)}</Typography>
          <Typography variant="body2">
            计算结果：{score?.rawValue ?? '—'}
            {score?.clamped ? '（超出范围，已截取）' : ''}
            {score?.derivedTenths !== undefined ? `；原计算得分 ${fmt(score.derivedTenths)}` : ''}
          </Typography>
          {metrics.map((k) => (
            <DrillDown key={k} label={METRIC_CATALOGUE.labelOf(k) ?? k} value={form.metrics[k]} rows={form.drillDown[k] ?? []} />
          ))}
        </>
      )}

      {editable && (
        <>
          <Divider />
          <Typography variant="subtitle2">不适用 / 调整得分</Typography>
          <Box sx={{ display: 'flex', gap: 1 }}>
            <TextField
              size="small"
              label="不适用理由"
              value={naReason}
              onChange={(e) => setNaReason(e.target.value)}
              sx={{ flex: 1 }}
              slotProps={{ htmlInput: { 'data-testid': 'na-reason' } }}
            />
            {entry?.na ? (
              <Button
                size="small"
                onClick={() => guarded(() => call('rounds:setItem', { roundId, communityId, assessor, itemCode: item.code, na: null }))}
              >
                取消不适用
              </Button>
            ) : (
              <Button
                size="small"
                disabled={!naReason.trim()}
                onClick={() =>
                  guarded(() =>
                    call('rounds:setItem', { roundId, communityId, assessor, itemCode: item.code, na: { reason: naReason.trim() } }),
                  )
                }
                data-testid="na-set"
              >
                标记不适用
              </Button>
            )}
          </Box>
          <Box sx={{ display: 'flex', gap: 1 }}>
            <TextField
              size="small"
              label="调整为"
              value={ovScore}
              onChange={(e) => setOvScore(e.target.value.replace(/[^\d.]/g, ''))}
              sx={{ width: 80 }}
              slotProps={{ htmlInput: { 'data-testid': 'ov-score' } }}
            />
            <TextField
              size="small"
              label="调整理由"
              value={ovReason}
              onChange={(e) => setOvReason(e.target.value)}
              sx={{ flex: 1 }}
              slotProps={{ htmlInput: { 'data-testid': 'ov-reason' } }}
            />
            {entry?.override ? (
              <Button
                size="small"
                onClick={() =>
                  guarded(() => call('rounds:setItem', { roundId, communityId, assessor, itemCode: item.code, override: null }))
                }
              >
                取消调整
              </Button>
            ) : (
              <Button
                size="small"
                disabled={!ovReason.trim() || ovScore === ''}
                onClick={() =>
                  guarded(() =>
                    call('rounds:setItem', {
                      roundId,
                      communityId,
                      assessor,
                      itemCode: item.code,
                      override: { tenths: pointsToTenths(Number(ovScore)), reason: ovReason.trim() },
                    }),
                  )
                }
                data-testid="ov-set"
              >
                调整
              </Button>
            )}
          </Box>
        </>
      )}
    </Paper>
  );
}
