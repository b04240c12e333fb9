import type { KeyboardEvent, RefObject } from 'react';
import { Paper, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import type { CommunityScore } from '../../../../shared/domain/scoring/community-score';
import type { ItemEntry } from '../../../../shared/domain/scoring/score-entry.schema';
import type { StandardItem } from '../../../../shared/domain/standard/standard.schema';
import type { FormDto } from '../../../../shared/ipc/channels/rounds.channels';
import { fmt } from './round-ui';
import { carriedTitle, methodHint, typable, valueText } from './scoring-form-ui';

/**
 * The items by category, one score cell each. A cell is typed into for manual/yes-no/tiers items;
 * the others (deductions, computed, carried, N/A, overridden) show their score read-only.
 */
export function ScoreTable({
  form,
  score,
  entryOf,
  drafts,
  errors,
  focus,
  editable,
  reEntersCarried,
  inputs,
  onType,
  onFocus,
  onLeave,
  onKey,
}: {
  form: FormDto;
  score: CommunityScore;
  entryOf: (code: string) => ItemEntry | undefined;
  drafts: Record<string, string>;
  errors: Record<string, string>;
  focus: string | null;
  editable: boolean;
  /** False for an assessor: a carried annual item is not re-entered, only a reviewer changes it. */
  reEntersCarried: boolean;
  inputs: RefObject<Map<string, HTMLInputElement>>;
  onType: (item: StandardItem, text: string) => void;
  onFocus: (code: string) => void;
  /** Leaving a cell saves its value (unless the value is refused and focus moves to another cell). */
  onLeave: (code: string) => void;
  onKey: (item: StandardItem, e: KeyboardEvent<HTMLInputElement>) => void;
}) {
  const itemScore = (code: string) => score.items.find((i) => i.code === code);
  return (
    <Paper>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 64, whiteSpace: 'nowrap' }}>编码</TableCell>
            <TableCell>二级指标</TableCell>
            <TableCell sx={{ width: 56, whiteSpace: 'nowrap' }}>分值</TableCell>
            <TableCell width={110}>得分</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {form.standard.categories.map((cat) => [
            <TableRow key={`cat-${cat.code}`}>
              <TableCell colSpan={4} sx={{ bgcolor: 'action.hover', fontWeight: 600 }}>
                {cat.code} {cat.title}（{fmt(score.categories.find((c) => c.code === cat.code)?.tenths ?? 0)}/{fmt(cat.maxTenths)}分）
              </TableCell>
            </TableRow>,
            ...cat.items.map((item) => {
              const s = itemScore(item.code);
              const entry = entryOf(item.code);
              const carriedFrom = form.carried[item.code];
              // A carried annual item is not re-entered: only a reviewer changes it.
              const canType = typable(item) && editable && !entry?.na && !entry?.override && !(carriedFrom && !reEntersCarried);
              const shown =
                typable(item) && !entry?.na && !entry?.override
                  ? (drafts[item.code] ?? valueText(item, entry))
                  : s && s.status !== 'missing' && s.status !== 'invalid'
                    ? fmt(s.tenths)
                    : '';
              const err = errors[item.code];
              return (
                <TableRow key={item.code} selected={focus === item.code} data-testid={`item-row-${item.code}`}>
                  <TableCell>{item.code}</TableCell>
                  <TableCell>
                    <Typography variant="body2">{item.title}</Typography>
                    <Typography variant="caption" color="text.secondary">
                      {methodHint(item)}
                      {carriedFrom && <span data-testid={`carried-${item.code}`}> · 年度指标，沿用{carriedTitle(carriedFrom)}结果</span>}
                      {entry?.na && ` · 不适用：${entry.na.reason}`}
                      {entry?.override && ` · 已调整：${entry.override.reason}`}
                      {s?.status === 'invalid' && s.message && <span style={{ color: '#c62828' }}> · {s.message}</span>}
                      {item.method.kind === 'deduct' && s?.status === 'missing' && (
                        <span style={{ color: '#e65100' }} data-testid={`unchecked-${item.code}`}>
                          {' '}
                          · 尚未核查
                        </span>
                      )}
                    </Typography>
                  </TableCell>
                  <TableCell>{fmt(item.maxTenths)}</TableCell>
                  <TableCell>
                    <TextField
                      size="small"
                      value={shown}
                      error={Boolean(err)}
                      helperText={err || undefined}
                      onChange={(e) => canType && onType(item, e.target.value)}
                      onFocus={() => onFocus(item.code)}
                      onBlur={(e) => {
                        if (
                          errors[item.code] &&
                          e.relatedTarget instanceof HTMLInputElement &&
                          inputs.current.has(e.relatedTarget.getAttribute('data-testid')?.slice(6) ?? '')
                        ) {
                          // Moving to another score while this one is refused: stay here.
                          e.target.focus();
                          return;
                        }
                        onLeave(item.code);
                      }}
                      onKeyDown={(e) => onKey(item, e as KeyboardEvent<HTMLInputElement>)}
                      slotProps={{
                        htmlInput: {
                          'data-testid': `score-${item.code}`,
                          'data-status': s?.status ?? '',
                          readOnly: !canType,
                          inputMode: 'decimal',
                          'aria-label': `${item.code} 得分`,
                          style: { textAlign: 'right', background: canType ? undefined : '#f5f5f5' },
                        },
                      }}
                      inputRef={(el: HTMLInputElement | null) => {
                        if (el) inputs.current.set(item.code, el);
                        else inputs.current.delete(item.code);
                      }}
                    />
                  </TableCell>
                </TableRow>
              );
            }),
          ])}
        </TableBody>
      </Table>
    </Paper>
  );
}
