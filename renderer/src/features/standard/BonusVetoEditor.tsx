import { useState } from 'react';
import { Box, Button, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField } from '@mui/material';
import {
  VETO_EFFECTS,
  VETO_EFFECT_LABELS,
  type BonusItem,
  type Standard,
  type VetoEffect,
} from '../../../../shared/domain/standard/standard.schema';
import { PointsField } from './MethodEditor';
import { fmt } from './standard-ui';
import { RuleRow, Section, type Update } from './rules-ui';

/** Levels of a bonus item as editable text, one “级别：分值” per line. */
function LevelsField({ item, disabled, onChange }: { item: BonusItem; disabled: boolean; onChange(m: BonusItem['method']): void }) {
  const shown = item.method.kind === 'levels' ? item.method.levels.map((l) => `${l.label}：${fmt(l.pointsTenths)}`).join('\n') : '';
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <TextField
      label="级别：分值（每行一个）"
      value={text ?? shown}
      multiline
      minRows={2}
      disabled={disabled}
      error={Boolean(error)}
      helperText={error ?? ' '}
      sx={{ minWidth: 200 }}
      onChange={(e) => {
        setText(e.target.value);
        const levels = [];
        for (const line of e.target.value
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)) {
          const m = /^(.+?)\s*[:：]\s*(\d+(?:\.\d)?)\s*分?$/.exec(line);
          if (!m) {
            setError(`“${line}”应写成“市级：2”`);
            return;
          }
          levels.push({ label: (m[1] ?? '').trim(), pointsTenths: Math.round(Number(m[2]) * 10) });
        }
        if (levels.length === 0) {
          setError('至少要有一个级别');
          return;
        }
        setError(null);
        onChange({ kind: 'levels', levels });
      }}
      onBlur={() => !error && setText(null)}
    />
  );
}

/** 加分项 and 一票否决项 of the standard being drafted. */
export function BonusVetoEditor({ standard, editable, update }: { standard: Standard; editable: boolean; update: Update }) {
  const disabled = !editable;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Section title="加分项" hint="同一成果按最高级别计一次；每项有单项上限，所有加分合计不超过加分上限。">
        <PointsField
          label="加分上限（每季度）"
          tenths={standard.bonus.capTenths}
          disabled={disabled}
          width={170}
          onChange={(t) => t !== undefined && update((s) => void (s.bonus.capTenths = t))}
        />
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 70 }}>编码</TableCell>
              <TableCell sx={{ width: 170 }}>加分项目</TableCell>
              <TableCell sx={{ width: 120 }}>加分方式</TableCell>
              <TableCell sx={{ width: 210 }}>级别及分值</TableCell>
              <TableCell sx={{ width: 100 }}>单项上限</TableCell>
              <TableCell sx={{ minWidth: 220 }}>说明</TableCell>
              <TableCell sx={{ width: 48 }} />
            </TableRow>
          </TableHead>
          <TableBody>
            {standard.bonus.items.map((b, i) => {
              const change = (fn: (x: BonusItem) => void) => update((s) => fn(s.bonus.items[i] as BonusItem));
              return (
                <RuleRow
                  key={i}
                  rule={b}
                  editable={editable}
                  change={change}
                  onDelete={() => update((s) => void s.bonus.items.splice(i, 1))}
                  deleteLabel={`删除加分项${b.code}`}
                >
                  <TableCell>
                    <TextField
                      select
                      variant="standard"
                      value={b.method.kind}
                      disabled={disabled}
                      onChange={(e) =>
                        change(
                          (x) =>
                            void (x.method =
                              e.target.value === 'manual'
                                ? { kind: 'manual', stepTenths: 5 }
                                : { kind: 'levels', levels: [{ label: '市级', pointsTenths: 10 }] }),
                        )
                      }
                    >
                      <MenuItem value="levels">按级别加分</MenuItem>
                      <MenuItem value="manual">手动评分</MenuItem>
                    </TextField>
                  </TableCell>
                  <TableCell>
                    {b.method.kind === 'levels' ? (
                      <LevelsField
                        key={`${i}-${b.code}`}
                        item={b}
                        disabled={disabled}
                        onChange={(m) => change((x) => void (x.method = m))}
                      />
                    ) : (
                      <PointsField
                        label="步长"
                        tenths={b.method.stepTenths}
                        disabled={disabled}
                        onChange={(t) => t !== undefined && change((x) => void (x.method = { kind: 'manual', stepTenths: t }))}
                      />
                    )}
                  </TableCell>
                  <TableCell>
                    <PointsField
                      label=""
                      tenths={b.capTenths}
                      disabled={disabled}
                      width={90}
                      onChange={(t) => t !== undefined && change((x) => void (x.capTenths = t))}
                    />
                  </TableCell>
                </RuleRow>
              );
            })}
          </TableBody>
        </Table>
        {editable && (
          <Box>
            <Button
              size="small"
              onClick={() =>
                update((s) =>
                  s.bonus.items.push({
                    code: `H${s.bonus.items.length + 1}`,
                    title: '新加分项',
                    capTenths: 20,
                    method: { kind: 'levels', levels: [{ label: '市级', pointsTenths: 10 }] },
                    guide: '',
                  }),
                )
              }
            >
              添加加分项
            </Button>
          </Box>
        )}
      </Section>
      <Section title="一票否决项" hint="本季度发生否决事项时的后果可逐项设定。">
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 80 }}>编码</TableCell>
              <TableCell>否决事项</TableCell>
              <TableCell sx={{ width: 200 }}>否决后果</TableCell>
              <TableCell>说明</TableCell>
              <TableCell sx={{ width: 48 }} />
            </TableRow>
          </TableHead>
          <TableBody>
            {standard.vetoes.map((v, i) => (
              <RuleRow
                key={i}
                rule={v}
                editable={editable}
                change={(fn) => update((s) => fn(s.vetoes[i] as typeof v))}
                onDelete={() => update((s) => void s.vetoes.splice(i, 1))}
                deleteLabel={`删除否决项${v.code}`}
              >
                <TableCell>
                  <TextField
                    select
                    variant="standard"
                    value={v.effect}
                    disabled={disabled}
                    onChange={(e) => update((s) => void ((s.vetoes[i] as typeof v).effect = e.target.value as VetoEffect))}
                  >
                    {VETO_EFFECTS.map((e) => (
                      <MenuItem key={e} value={e}>
                        {VETO_EFFECT_LABELS[e]}
                      </MenuItem>
                    ))}
                  </TextField>
                </TableCell>
              </RuleRow>
            ))}
          </TableBody>
        </Table>
        {editable && (
          <Box>
            <Button
              size="small"
              onClick={() =>
                update((s) => s.vetoes.push({ code: `V${s.vetoes.length + 1}`, title: '新否决事项', effect: 'fail', guide: '' }))
              }
            >
              添加否决项
            </Button>
          </Box>
        )}
      </Section>
    </Box>
  );
}
