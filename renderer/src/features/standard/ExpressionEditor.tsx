import { useMemo, useState } from 'react';
import { Box, Chip, TextField, Tooltip, Typography } from '@mui/material';
import {
  compileExpression,
  evaluateExpression,
  EXPRESSION_FUNCTIONS,
  EXPRESSION_OPERATORS_HELP,
  Rat,
} from '../../../../shared/domain/expression/index';
import { METRIC_CATALOGUE } from '../../../../shared/domain/standard/metric-catalogue';
import type { StandardItem } from '../../../../shared/domain/standard/standard.schema';
import { fmt, SAMPLE_METRICS } from './standard-ui';
import { expressionWithLabels } from '../../../../shared/domain/expression/expression.labels';
import { MONO_FONT } from '../../theme/theme';

/** The formula box: live compile errors with the position marked, a trial value and the metric list. */
export function ExpressionEditor({
  item,
  expression,
  disabled,
  onChange,
}: {
  item: StandardItem;
  expression: string;
  disabled: boolean;
  onChange(e: string): void;
}) {
  const compiled = useMemo(() => compileExpression(expression, METRIC_CATALOGUE.resolve, 'number'), [expression]);
  const trial = useMemo(() => {
    if (!compiled.ok) return null;
    const v = evaluateExpression(compiled.value, SAMPLE_METRICS, METRIC_CATALOGUE.labelOf);
    if (!v.ok) return v.error.detail;
    if (typeof v.value === 'boolean') return null;
    const t = Rat.toTenthsHalfUp(v.value);
    return `按示例社区（2860户、7个网格、14名社区工作者）试算：${Rat.toDecimalString(v.value, 4)} → 得${fmt(Math.min(item.maxTenths, Math.max(0, t)))}分`;
  }, [compiled, item.maxTenths]);
  const [cursor, setCursor] = useState<number | null>(null);
  // Office staff read metric names in Chinese; English keys (older formulas) are translated below the field.
  const shown = useMemo(() => expressionWithLabels(expression, METRIC_CATALOGUE.labelOf), [expression]);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <TextField
        label="计算公式"
        value={expression}
        disabled={disabled}
        multiline
        minRows={2}
        fullWidth
        error={!compiled.ok}
        helperText={compiled.ok ? (trial ?? ' ') : compiled.error.message}
        onChange={(e) => onChange(e.target.value)}
        onSelect={(e) => setCursor((e.target as HTMLTextAreaElement).selectionStart)}
        slotProps={{
          htmlInput: {
            'data-testid': `expression-${item.code}`,
            spellCheck: false,
            style: { fontFamily: MONO_FONT },
          },
        }}
      />
      {shown !== expression && (
        <Typography variant="body2" data-testid={`expression-labels-${item.code}`}>
          按中文名称：{shown}
        </Typography>
      )}
      {!compiled.ok && (
        <Typography
          component="pre"
          variant="body2"
          sx={{ m: 0, fontFamily: MONO_FONT, whiteSpace: 'pre-wrap', color: 'error.main' }}
          data-testid="expression-caret"
        >
          {expression.slice(0, compiled.error.position)}
          <Box component="span" sx={{ bgcolor: 'error.light', color: 'common.white', px: 0.25 }}>
            {expression.slice(compiled.error.position, compiled.error.position + Math.max(1, compiled.error.length)) || '␣'}
          </Box>
          {expression.slice(compiled.error.position + Math.max(1, compiled.error.length))}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary">
        可用指标（点击插入；中文名称也可直接写在公式里）：
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, maxHeight: 120, overflow: 'auto' }} data-testid="metric-catalogue">
        {METRIC_CATALOGUE.metrics.map((m) => (
          <Tooltip key={m.key} title={`${m.description}（单位：${m.unit}；高级：英文标识 ${m.key}）`}>
            <Chip
              size="small"
              variant="outlined"
              label={m.label}
              disabled={disabled}
              onClick={() => {
                const at = cursor ?? expression.length;
                const name = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(m.label) ? m.label : `[${m.label}]`;
                onChange(`${expression.slice(0, at)}${name}${expression.slice(at)}`);
                setCursor(at + name.length);
              }}
            />
          </Tooltip>
        ))}
      </Box>
      <Typography variant="caption" color="text.secondary">
        函数：{EXPRESSION_FUNCTIONS.map((f) => `${f.usage} ${f.description}`).join('；')}。{EXPRESSION_OPERATORS_HELP.join('；')}。
      </Typography>
    </Box>
  );
}
