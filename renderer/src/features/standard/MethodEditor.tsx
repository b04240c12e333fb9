import { useEffect, useState } from 'react';
import { Box, Button, Checkbox, FormControlLabel, IconButton, MenuItem, TextField, Typography } from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import {
  METHOD_LABELS,
  pointsToTenths,
  type MethodKind,
  type ScoringMethod,
  type StandardItem,
} from '../../../../shared/domain/standard/standard.schema';
import { fmt, readPoints } from './standard-ui';
import { ExpressionEditor } from './ExpressionEditor';

/** A points field that keeps what the user typed until it is a valid number. */
export function PointsField(props: {
  label: string;
  tenths: number | undefined;
  onChange(tenths: number | undefined): void;
  disabled?: boolean;
  allowEmpty?: boolean;
  width?: number;
  testId?: string;
  error?: string | undefined;
}) {
  const shown = props.tenths === undefined ? '' : fmt(props.tenths);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <TextField
      label={props.label}
      value={text ?? shown}
      disabled={props.disabled}
      error={Boolean(error ?? props.error)}
      helperText={error ?? props.error ?? undefined}
      sx={{ width: props.width ?? 110 }}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        if (v.trim() === '' && props.allowEmpty) {
          setError(null);
          props.onChange(undefined);
          return;
        }
        const r = readPoints(v);
        if ('error' in r) setError(r.error);
        else {
          setError(null);
          props.onChange(r.tenths);
        }
      }}
      onBlur={() => {
        if (!error) setText(null);
      }}
      slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': props.testId } }}
    />
  );
}

/**
 * 可选分值 of a banded manual item (评分细则 with bands, e.g. 6/5/4/2/0): typed as a list, applied
 * when the field is left; empty = any value on the step grid.
 */
function AllowedValuesField({
  method,
  disabled,
  onChange,
}: {
  method: Extract<ScoringMethod, { kind: 'manual' }>;
  disabled: boolean;
  onChange: (m: ScoringMethod) => void;
}) {
  const shown = method.allowedTenths ? method.allowedTenths.map(fmt).join('/') : '';
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  function apply() {
    const parts = text.split(/[/、,，\s]+/).filter((x) => x !== '');
    const values = parts.map((x) => pointsToTenths(Number(x)));
    const { allowedTenths: _old, ...rest } = method;
    void _old;
    if (parts.length === 0) onChange(rest);
    else if (values.length >= 2 && values.every((v) => Number.isInteger(v) && v >= 0)) onChange({ ...rest, allowedTenths: values });
    else setText(shown);
  }
  return (
    <TextField
      label="可选分值（按档次，可空）"
      placeholder="如 6/5/4/2/0"
      value={text}
      disabled={disabled}
      onChange={(e) => setText(e.target.value)}
      onBlur={apply}
      sx={{ width: 200 }}
      slotProps={{ htmlInput: { 'data-testid': 'method-allowed' } }}
    />
  );
}

/** A fresh method of a kind, keeping what can be kept. */
export function switchMethod(kind: MethodKind, item: StandardItem): ScoringMethod {
  switch (kind) {
    case 'manual':
      return { kind, minTenths: 0, stepTenths: 5 };
    case 'deduct':
      return { kind, reasons: [{ code: `${item.code}-1`, text: '请填写扣分原因', amountTenths: 5 }], allowOtherReasons: true };
    case 'tiers':
      return { kind, criteria: ['条件一', '条件二'], pointsTenths: [0, Math.floor(item.maxTenths / 2), item.maxTenths] };
    case 'yesno':
      return { kind };
    case 'computed':
      return { kind, expression: '' };
  }
}

/** Parameters of an item's scoring method. */
export function MethodEditor({
  item,
  disabled,
  onChange,
}: {
  item: StandardItem;
  disabled: boolean;
  onChange(method: ScoringMethod): void;
}) {
  const m = item.method;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <TextField
        select
        label="评分方法"
        value={m.kind}
        disabled={disabled}
        sx={{ width: 180 }}
        onChange={(e) => onChange(switchMethod(e.target.value as MethodKind, item))}
        slotProps={{ htmlInput: { 'data-testid': `method-${item.code}` } }}
      >
        {(Object.keys(METHOD_LABELS) as MethodKind[]).map((k) => (
          <MenuItem key={k} value={k}>
            {METHOD_LABELS[k]}
          </MenuItem>
        ))}
      </TextField>
      {m.kind === 'manual' && (
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
          <PointsField label="最低分" tenths={m.minTenths} disabled={disabled} onChange={(t) => onChange({ ...m, minTenths: t ?? 0 })} />
          <PointsField label="步长" tenths={m.stepTenths} disabled={disabled} onChange={(t) => onChange({ ...m, stepTenths: t ?? 1 })} />
          <AllowedValuesField method={m} disabled={disabled} onChange={onChange} />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {m.allowedTenths
              ? `考评员只能录入 ${m.allowedTenths.map(fmt).join('、')} 分（按档次）`
              : `考评员可录入 ${fmt(m.minTenths)}、${fmt(m.minTenths + m.stepTenths)}……${fmt(item.maxTenths)} 分`}
          </Typography>
        </Box>
      )}
      {m.kind === 'deduct' && (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
          <Typography variant="body2" color="text.secondary">
            从满分{fmt(item.maxTenths)}分起逐条扣分，扣完为止。每条标准扣分原因：
          </Typography>
          {m.reasons.map((r, i) => (
            <Box key={i} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
              <TextField
                label="编码"
                value={r.code}
                disabled={disabled}
                sx={{ width: 90 }}
                onChange={(e) => onChange({ ...m, reasons: m.reasons.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)) })}
              />
              <TextField
                label="扣分原因"
                value={r.text}
                disabled={disabled}
                sx={{ flex: 1 }}
                onChange={(e) => onChange({ ...m, reasons: m.reasons.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })}
              />
              <PointsField
                label="每次扣"
                tenths={r.amountTenths}
                disabled={disabled}
                width={90}
                onChange={(t) => onChange({ ...m, reasons: m.reasons.map((x, j) => (j === i ? { ...x, amountTenths: t ?? 1 } : x)) })}
              />
              <PointsField
                label="最多扣（可空）"
                tenths={r.capTenths}
                allowEmpty
                disabled={disabled}
                width={120}
                onChange={(t) =>
                  onChange({
                    ...m,
                    reasons: m.reasons.map((x, j) => {
                      if (j !== i) return x;
                      const { capTenths: _old, ...rest } = x;
                      return t === undefined ? rest : { ...rest, capTenths: t };
                    }),
                  })
                }
              />
              <IconButton
                aria-label="删除扣分原因"
                disabled={disabled}
                onClick={() => onChange({ ...m, reasons: m.reasons.filter((_, j) => j !== i) })}
              >
                <DeleteOutlineIcon />
              </IconButton>
            </Box>
          ))}
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
            <Button
              size="small"
              disabled={disabled}
              onClick={() =>
                onChange({
                  ...m,
                  reasons: [...m.reasons, { code: `${item.code}-${m.reasons.length + 1}`, text: '请填写扣分原因', amountTenths: 5 }],
                })
              }
            >
              添加扣分原因
            </Button>
            <FormControlLabel
              control={
                <Checkbox
                  checked={m.allowOtherReasons}
                  disabled={disabled}
                  onChange={(e) => onChange({ ...m, allowOtherReasons: e.target.checked })}
                />
              }
              label="允许考评员填写其他扣分原因"
            />
          </Box>
        </Box>
      )}
      {m.kind === 'tiers' && (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
          <Typography variant="body2" color="text.secondary">
            按满足的条件个数计分：
          </Typography>
          {m.criteria.map((c, i) => (
            <Box key={i} sx={{ display: 'flex', gap: 1 }}>
              <TextField
                label={`条件${i + 1}`}
                value={c}
                disabled={disabled}
                sx={{ flex: 1 }}
                onChange={(e) => onChange({ ...m, criteria: m.criteria.map((x, j) => (j === i ? e.target.value : x)) })}
              />
              <IconButton
                aria-label="删除条件"
                disabled={disabled || m.criteria.length <= 1}
                onClick={() =>
                  onChange({
                    ...m,
                    criteria: m.criteria.filter((_, j) => j !== i),
                    pointsTenths: m.pointsTenths.filter((_, j) => j !== i + 1),
                  })
                }
              >
                <DeleteOutlineIcon />
              </IconButton>
            </Box>
          ))}
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            {m.pointsTenths.map((p, k) => (
              <PointsField
                key={k}
                label={`满足${k}个`}
                tenths={p}
                disabled={disabled}
                width={90}
                onChange={(t) => onChange({ ...m, pointsTenths: m.pointsTenths.map((x, j) => (j === k ? (t ?? 0) : x)) })}
              />
            ))}
            <Button
              size="small"
              disabled={disabled}
              onClick={() =>
                onChange({
                  ...m,
                  criteria: [...m.criteria, `条件${m.criteria.length + 1}`],
                  pointsTenths: [...m.pointsTenths, item.maxTenths],
                })
              }
            >
              添加条件
            </Button>
          </Box>
        </Box>
      )}
      {m.kind === 'yesno' && (
        <Typography variant="body2" color="text.secondary">
          达标得{fmt(item.maxTenths)}分，不达标得0分。
        </Typography>
      )}
      {m.kind === 'computed' && (
        <ExpressionEditor
          item={item}
          expression={m.expression}
          disabled={disabled}
          onChange={(expression) => onChange({ ...m, expression })}
        />
      )}
    </Box>
  );
}
