import { useState } from 'react';
import { Alert, Box, Button, Divider, NativeSelect, Paper, TextField, Typography } from '@mui/material';
import type { CommunityEntries } from '../../../../shared/domain/scoring/score-entry.schema';
import { pointsToTenths } from '../../../../shared/domain/standard/standard.schema';
import { call } from '../../api/client';
import { fmt } from './round-ui';
import { useGuarded, type PanelProps } from './scoring-form-ui';

/** 加分 (levels or a typed amount, within the caps) and 一票否决 (a fact makes it count). */
export function BonusVetoPanel({
  form,
  entries,
  editable,
  act,
  roundId,
  communityId,
  assessor,
  bonusTenths,
}: PanelProps & { entries: CommunityEntries; bonusTenths: number }) {
  const [vetoFacts, setVetoFacts] = useState<Record<string, string>>(Object.fromEntries(entries.vetoes.map((v) => [v.code, v.fact])));
  const [manual, setManual] = useState<Record<string, string>>(
    Object.fromEntries(entries.bonus.filter((b) => b.tenths !== undefined).map((b) => [b.code, fmt(b.tenths ?? 0)])),
  );
  const [level, setLevel] = useState<Record<string, string>>({});
  const { problem, guarded } = useGuarded(act);
  const std = form.standard;
  return (
    <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }} data-testid="bonus-panel">
      <Typography variant="subtitle2">
        加分（合计 {fmt(bonusTenths)}，上限 {fmt(std.bonus.capTenths)}）
      </Typography>
      {problem && <Alert severity="error">{problem}</Alert>}
      {std.bonus.items.map((b) => {
        const e = entries.bonus.find((x) => x.code === b.code);
        return (
          <Box
            key={b.code}
            sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', '& > :not(:first-of-type)': { flexShrink: 0 } }}
          >
            <Typography variant="body2" sx={{ flex: '1 1 180px' }}>
              {b.code} {b.title}（本项上限{fmt(b.capTenths)}）{e?.awards?.length ? `：${e.awards.map((a) => a.level).join('、')}` : ''}
            </Typography>
            {editable && b.method.kind === 'levels' && (
              <>
                <NativeSelect
                  value={level[b.code] ?? ''}
                  onChange={(ev) => setLevel({ ...level, [b.code]: ev.target.value })}
                  inputProps={{ 'aria-label': `${b.code}级别` }}
                >
                  <option value="">选择级别</option>
                  {b.method.levels.map((l) => (
                    <option key={l.label} value={l.label}>
                      {l.label} +{fmt(l.pointsTenths)}
                    </option>
                  ))}
                </NativeSelect>
                <Button
                  size="small"
                  disabled={!level[b.code]}
                  onClick={() =>
                    guarded(() =>
                      call('rounds:setBonus', {
                        roundId,
                        communityId,
                        assessor,
                        code: b.code,
                        awards: [...(e?.awards ?? []), { level: level[b.code] ?? '', note: '' }],
                        tenths: null,
                      }),
                    )
                  }
                >
                  添加
                </Button>
                {e && (
                  <Button
                    size="small"
                    color="error"
                    onClick={() =>
                      guarded(() => call('rounds:setBonus', { roundId, communityId, assessor, code: b.code, awards: null, tenths: null }))
                    }
                  >
                    清除
                  </Button>
                )}
              </>
            )}
            {editable && b.method.kind === 'manual' && (
              <>
                <TextField
                  size="small"
                  sx={{ width: 70 }}
                  value={manual[b.code] ?? ''}
                  onChange={(ev) => setManual({ ...manual, [b.code]: ev.target.value.replace(/[^\d.]/g, '') })}
                />
                <Button
                  size="small"
                  onClick={() => {
                    const v = manual[b.code] ?? '';
                    void guarded(() =>
                      call('rounds:setBonus', {
                        roundId,
                        communityId,
                        assessor,
                        code: b.code,
                        awards: null,
                        tenths: v === '' ? null : pointsToTenths(Number(v)),
                      }),
                    );
                  }}
                >
                  保存
                </Button>
              </>
            )}
          </Box>
        );
      })}
      <Divider />
      <Typography variant="subtitle2">一票否决</Typography>
      {std.vetoes.map((v) => {
        const e = entries.vetoes.find((x) => x.code === v.code);
        return (
          // The veto's whole title on its own line: a label inside the field would be cut at 1366×768.
          <Box key={v.code} sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }} data-testid={`veto-${v.code}`}>
            <Typography variant="body2" id={`veto-label-${v.code}`}>
              {v.code} {v.title}
            </Typography>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
              <TextField
                size="small"
                sx={{ flex: 1 }}
                placeholder="发生时填写事实"
                value={vetoFacts[v.code] ?? ''}
                disabled={!editable}
                onChange={(ev) => setVetoFacts({ ...vetoFacts, [v.code]: ev.target.value })}
                slotProps={{ htmlInput: { 'aria-labelledby': `veto-label-${v.code}` } }}
              />
              {editable && (
                <Button
                  size="small"
                  color={e ? 'error' : 'primary'}
                  onClick={() =>
                    guarded(() =>
                      call('rounds:setVeto', {
                        roundId,
                        communityId,
                        assessor,
                        code: v.code,
                        fact: e ? null : (vetoFacts[v.code] ?? '').trim() || null,
                      }),
                    )
                  }
                >
                  {e ? '撤销' : '否决'}
                </Button>
              )}
            </Box>
          </Box>
        );
      })}
    </Paper>
  );
}
