import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Box, Paper, Typography } from '@mui/material';
import { readSheetRow } from '../../../../shared/domain/round/scoring-sheet';
import { prepareStandard } from '../../../../shared/domain/scoring/prepared-standard';
import { scoreCommunity } from '../../../../shared/domain/scoring/community-score';
import type { CommunityEntries, ItemValue } from '../../../../shared/domain/scoring/score-entry.schema';
import type { StandardItem } from '../../../../shared/domain/standard/standard.schema';
import type { FormDto } from '../../../../shared/ipc/channels/rounds.channels';
import { call, errorText } from '../../api/client';
import { useAuth } from '../auth/auth-context';
import { useAutosave } from '../../hooks/useAutosave';
import { BonusVetoPanel } from './BonusVetoPanel';
import { ItemPanel } from './ItemPanel';
import { RectificationPanel } from './RectificationPanel';
import { ScoreTable } from './ScoreTable';
import { ScoringHeader } from './ScoringHeader';
import { withItem } from './scoring-form-ui';

const SAVE_DELAY_MS = 300;

/**
 * One community's scoring form. Keyboard first: typing a number scores the focused item (refused on
 * the spot when out of range or off-step), Enter/↓ and ↑ move between items, Enter on a deduction
 * item goes to its ledger. Every accepted value is saved automatically a moment after typing stops.
 */
export function ScoringFormPage({ roundId, communityId, assessor }: { roundId: string; communityId: number; assessor: string }) {
  const [form, setForm] = useState<FormDto | null>(null);
  const [entries, setEntries] = useState<CommunityEntries>({ items: [], bonus: [], vetoes: [] });
  // What the main process has accepted: the header (total, 未完成) counts only these, never a value
  // still being typed or one that validation refused.
  const [savedEntries, setSavedEntries] = useState<CommunityEntries>({ items: [], bonus: [], vetoes: [] });
  const [loadError, setLoadError] = useState<string | null>(null);
  // The text typed in each cell; kept when its save fails, so that nothing typed is lost.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [focus, setFocus] = useState<string | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const ledgerFirst = useRef<HTMLSelectElement | null>(null);

  // Not useChannel: one answer sets three things (the form, what is shown, what is saved).
  const load = useCallback(async () => {
    try {
      const f = await call('rounds:form', { roundId, communityId, assessor });
      setForm(f);
      setEntries(f.entries);
      setSavedEntries(f.entries);
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }, [roundId, communityId, assessor]);

  useEffect(() => {
    void load();
  }, [load]);

  // A failed save reloads the form to show what is really stored (e.g. the round was just submitted
  // or finalized elsewhere); the typed text stays in its cell and 重试 sends it again.
  const save = useAutosave({ delayMs: SAVE_DELAY_MS, onFailure: load });

  const prepared = useMemo(() => (form ? prepareStandard(form.standard) : null), [form]);
  // Running totals from the same engine the main process uses, so they move as the user types.
  const score = useMemo(
    () => (prepared && form ? scoreCommunity(prepared, savedEntries, form.metrics) : null),
    [prepared, savedEntries, form],
  );
  const order = useMemo(() => prepared?.items.map((p) => p.item.code) ?? [], [prepared]);
  const { user } = useAuth();
  const viewer = user?.role === 'viewer';
  // The main process refuses a viewer's writes anyway; the form just does not offer them.
  const editable = (form?.round.editable ?? false) && !viewer;

  function setItemValue(item: StandardItem, value: ItemValue | undefined) {
    setErrors((e) => ({ ...e, [item.code]: '' }));
    setEntries((en) => withItem(en, item.code, (e) => ({ ...e, value })));
    save.schedule(item.code, async () => {
      await call('rounds:setItem', { roundId, communityId, assessor, itemCode: item.code, value: value ?? null });
      setSavedEntries((en) => withItem(en, item.code, (e) => ({ ...e, value })));
    });
  }

  function typed(item: StandardItem, text: string) {
    const cleaned = text.replace(/[^\d.]/g, '');
    setDrafts((d) => ({ ...d, [item.code]: cleaned }));
    if (cleaned === '') return setItemValue(item, undefined);
    if (cleaned.endsWith('.')) return;
    const result = readSheetRow(item, cleaned, '', undefined, { sheet: '', row: 0 });
    if (result.problem) {
      // Refused on the spot: not saved (a partial value typed just before is dropped too), and the
      // message says what is allowed. The row shows the last saved value once the text is fixed.
      setErrors((e) => ({ ...e, [item.code]: result.problem?.message ?? '' }));
      setEntries((en) => withItem(en, item.code, () => savedEntries.items.find((x) => x.itemCode === item.code) ?? null));
      save.cancel(item.code);
      return;
    }
    if (result.action?.kind === 'value') setItemValue(item, result.action.value);
  }

  /** 核查无扣分: the one key that says a deduction item was checked and nothing found. */
  function confirmChecked(item: StandardItem) {
    if (item.method.kind !== 'deduct' || !editable) return;
    const value: ItemValue = { kind: 'deduct', deductions: [] };
    void act(() => call('rounds:setItem', { roundId, communityId, assessor, itemCode: item.code, value }));
  }

  function move(code: string, delta: number) {
    const i = order.indexOf(code);
    const next = order[Math.min(order.length - 1, Math.max(0, i + delta))];
    if (next) inputs.current.get(next)?.focus();
  }

  function onKey(item: StandardItem, e: KeyboardEvent<HTMLInputElement>) {
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Enter') && errors[item.code]) {
      // A refused value keeps the focus until it is corrected or cleared.
      e.preventDefault();
      return;
    }
    if (e.key === ' ' && item.method.kind === 'deduct') {
      e.preventDefault();
      confirmChecked(item);
    } else if (e.key === 'ArrowDown' || (e.key === 'Enter' && item.method.kind !== 'deduct')) {
      e.preventDefault();
      save.flush(item.code);
      move(item.code, 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      save.flush(item.code);
      move(item.code, -1);
    } else if (e.key === 'Enter' && item.method.kind === 'deduct') {
      e.preventDefault();
      ledgerFirst.current?.focus();
    }
  }

  /** Explicit actions (ledger, N/A, override, bonus, veto): save now, then reload the form. */
  async function act(job: () => Promise<unknown>) {
    await save.run(async () => {
      await job();
      await load();
    });
  }

  if (loadError) return <Alert severity="error">{loadError}</Alert>;
  if (!form || !score || !prepared) return <Typography data-testid="form-loading">正在加载评分表…</Typography>;

  const entryOf = (code: string) => entries.items.find((e) => e.itemCode === code);
  const itemScore = (code: string) => score.items.find((i) => i.code === code);
  const focused = focus ? prepared.itemByCode.get(focus) : undefined;

  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}
      data-testid="scoring-form"
      data-state="ready"
      data-editable={editable ? 'yes' : 'no'}
    >
      <ScoringHeader roundId={roundId} form={form} score={score} save={save} viewer={viewer} />

      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(300px, 2fr)', gap: 2, alignItems: 'start' }}>
        <ScoreTable
          form={form}
          score={score}
          entryOf={entryOf}
          drafts={drafts}
          errors={errors}
          focus={focus}
          editable={editable}
          reEntersCarried={user?.role !== 'assessor'}
          inputs={inputs}
          onType={typed}
          onFocus={setFocus}
          onLeave={save.flush}
          onKey={onKey}
        />

        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, position: 'sticky', top: 120 }}>
          {focused ? (
            <ItemPanel
              key={focused.item.code}
              form={form}
              item={focused.item}
              entry={entryOf(focused.item.code)}
              score={itemScore(focused.item.code)}
              editable={editable}
              ledgerFirst={ledgerFirst}
              onConfirmChecked={() => confirmChecked(focused.item)}
              onBack={() => inputs.current.get(focused.item.code)?.focus()}
              act={act}
              roundId={roundId}
              communityId={communityId}
              assessor={assessor}
            />
          ) : (
            <Paper sx={{ p: 2 }}>
              <Typography variant="body2" color="text.secondary">
                点击或用 Tab 移到某一指标，这里显示评分细则、扣分记录和名册明细。输入数字即打分，回车或 ↓ 到下一项，↑
                回到上一项；录入后自动保存。
              </Typography>
            </Paper>
          )}
          <BonusVetoPanel
            form={form}
            entries={entries}
            editable={editable}
            act={act}
            roundId={roundId}
            communityId={communityId}
            assessor={assessor}
            bonusTenths={score.bonusTenths}
          />
          <RectificationPanel form={form} editable={editable} act={act} roundId={roundId} />
        </Box>
      </Box>
    </Box>
  );
}
