import { useState } from 'react';
import { Alert, Box, Button, Paper, TextField, Typography } from '@mui/material';
import { DEFAULT_PLANNER_NORMS, type PlannerNorms } from '../../../../shared/domain/planner/norms';
import { call } from '../../api/client';

const FIELDS: [keyof PlannerNorms, string, string][] = [
  ['areaPer100Households', '每百户服务设施面积不低于', 'm²'],
  ['minAreaM2', '服务设施总面积不低于', 'm²'],
  ['maxHouseholds', '社区户数不超过', '户'],
  ['gridMinHouseholds', '网格户数不少于', '户'],
  ['gridMaxHouseholds', '网格户数不超过', '户'],
  ['committeeMin', '居委会成员不少于', '人'],
  ['committeeMax', '居委会成员不超过', '人'],
  ['workersPer10000', '每万常住人口社区工作者不少于', '人'],
];

/** The norms (settings with the seed's and province's defaults); administrators may change them. */
export function NormsPanel({ norms, canEdit, onChanged }: { norms: PlannerNorms; canEdit: boolean; onChanged: () => void }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(FIELDS.map(([k]) => [k, String(norms[k])])));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  async function save(next: PlannerNorms) {
    setError(null);
    setSaved(false);
    try {
      const r = await call('planner:setNorms', { norms: next });
      setValues(Object.fromEntries(FIELDS.map(([k]) => [k, String(r[k])])));
      setSaved(true);
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <Paper sx={{ p: 2, maxWidth: 720 }} data-testid="norms-panel">
      <Typography variant="h6" gutterBottom>
        达标规范
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        默认值：每百户不低于 50 m²（漯河市 2021 年报告）且总面积不低于 300 m²（河南省）；社区不超过 3000 户；网格 300–500 户；居委会成员 5–9
        人（居委会组织法）；每万常住人口社区工作者不少于 18 人（河南省）。
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5, mt: 1 }}>
        {FIELDS.map(([k, label, unit]) => (
          <TextField
            key={k}
            size="small"
            label={`${label}（${unit}）`}
            value={values[k] ?? ''}
            disabled={!canEdit}
            onChange={(e) => setValues({ ...values, [k]: e.target.value })}
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
        ))}
      </Box>
      {canEdit && (
        <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
          <Button
            variant="contained"
            onClick={() => void save(Object.fromEntries(FIELDS.map(([k]) => [k, Number(values[k])])) as PlannerNorms)}
          >
            保存
          </Button>
          <Button onClick={() => void save(DEFAULT_PLANNER_NORMS)}>恢复默认值</Button>
        </Box>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
      {saved && (
        <Alert severity="success" sx={{ mt: 1 }}>
          已保存，缺口和预测已按新规范重新计算。
        </Alert>
      )}
    </Paper>
  );
}
