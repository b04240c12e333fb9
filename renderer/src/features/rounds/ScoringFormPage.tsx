import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Divider,
  Link,
  NativeSelect,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { readSheetRow } from '../../../../shared/domain/round/scoring-sheet';
import { prepareStandard } from '../../../../shared/domain/scoring/prepared-standard';
import { scoreCommunity } from '../../../../shared/domain/scoring/community-score';
import type { CommunityEntries, ItemEntry, ItemValue } from '../../../../shared/domain/scoring/score-entry.schema';
import { EVIDENCE_METHODS, METHOD_LABELS, pointsToTenths, type StandardItem } from '../../../../shared/domain/standard/standard.schema';
import type { FormDto } from '../../../../shared/ipc/channels/rounds.channels';
import { call, errorText } from '../../api/client';
import { pickFile } from '../../api/pick-file';
import { navigate } from '../../app/router';
import { useAuth } from '../auth/auth-context';
import { fmt, stateColor } from './round-ui';
import { expressionWithLabels } from '../../../../shared/domain/expression/expression.labels';
import { usePeople } from '../../app/people';

const SAVE_DELAY_MS = 300;

type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/** Text shown in an item's cell for what is recorded. */
function valueText(item: StandardItem, entry: ItemEntry | undefined): string {
  const v = entry?.value;
  if (!v) return '';
  if (v.kind === 'manual') return fmt(v.tenths);
  if (v.kind === 'yesno') return fmt(v.yes ? item.maxTenths : 0);
  if (v.kind === 'tiers' && item.method.kind === 'tiers') return fmt(item.method.pointsTenths[v.met.length] ?? 0);
  return '';
}

/** 2021Q1 → 第一季度 (carried annual items name the quarter they were scored in). */
function carriedTitle(roundId: string): string {
  const q = /Q([1-4])$/.exec(roundId)?.[1];
  return q ? `第${'一二三四'[Number(q) - 1]}季度` : roundId;
}

function typable(item: StandardItem): boolean {
  return item.method.kind === 'manual' || item.method.kind === 'yesno' || item.method.kind === 'tiers';
}

function methodHint(item: StandardItem): string {
  const m = item.method;
  switch (m.kind) {
    case 'manual':
      return m.allowedTenths
        ? `按档次：${[...m.allowedTenths]
            .sort((a, b) => b - a)
            .map(fmt)
            .join('/')}分`
        : `${fmt(m.minTenths)}–${fmt(item.maxTenths)}分，步长${fmt(m.stepTenths)}`;
    case 'yesno':
      return `达标${fmt(item.maxTenths)}分，否则0分`;
    case 'tiers':
      return `分档：${m.pointsTenths.map(fmt).join('/')}`;
    case 'deduct':
      return '扣分制，扣完为止（空格＝核查无扣分，回车记录扣分）';
    case 'computed':
      return '由名册快照自动计算';
  }
}

function withItem(entries: CommunityEntries, code: string, change: (e: ItemEntry) => ItemEntry | null): CommunityEntries {
  const existing = entries.items.find((e) => e.itemCode === code) ?? { itemCode: code };
  const next = change({ ...existing });
  const others = entries.items.filter((e) => e.itemCode !== code);
  return { ...entries, items: next ? [...others, next] : others };
}

/**
 * One community's scoring form. Keyboard first: typing a number scores the focused item (refused on
 * the spot when out of range or off-step), Enter/↓ and ↑ move between items, Enter on a deduction
 * item goes to its ledger. Every accepted value is saved automatically a moment after typing stops.
 */
export function ScoringFormPage({ roundId, communityId, assessor }: { roundId: string; communityId: number; assessor: string }) {
  const [form, setForm] = useState<FormDto | null>(null);
  const { nameOf } = usePeople();
  const [entries, setEntries] = useState<CommunityEntries>({ items: [], bonus: [], vetoes: [] });
  // What the main process has accepted: the header (total, 未完成) counts only these, never a value
  // still being typed or one that validation refused.
  const [savedEntries, setSavedEntries] = useState<CommunityEntries>({ items: [], bonus: [], vetoes: [] });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [focus, setFocus] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveMessage, setSaveMessage] = useState<string>('');
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const pending = useRef(new Map<string, () => Promise<void>>());
  const inFlight = useRef(0);
  const ledgerFirst = useRef<HTMLSelectElement | null>(null);

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

  const runSave = useCallback(
    async (job: () => Promise<void>) => {
      inFlight.current += 1;
      setSaveState('saving');
      try {
        await job();
        setSaveState('saved');
        setSaveMessage(`已自动保存 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`);
      } catch (e) {
        setSaveState('error');
        setSaveMessage(`未保存：${errorText(e)}`);
        // Show what is really stored (e.g. the round was just submitted or finalized elsewhere).
        setDrafts({});
        await load();
      } finally {
        inFlight.current -= 1;
      }
    },
    [load],
  );

  const flush = useCallback(
    (code: string) => {
      const t = timers.current.get(code);
      if (t) clearTimeout(t);
      timers.current.delete(code);
      const job = pending.current.get(code);
      pending.current.delete(code);
      if (job) void runSave(job);
    },
    [runSave],
  );

  // Save whatever is pending when the page goes away.
  useEffect(() => {
    const all = () => [...pending.current.keys()].forEach(flush);
    window.addEventListener('pagehide', all);
    return () => {
      window.removeEventListener('pagehide', all);
      all();
    };
  }, [flush]);

  function schedule(code: string, job: () => Promise<void>) {
    const t = timers.current.get(code);
    if (t) clearTimeout(t);
    pending.current.set(code, job);
    setSaveState('saving');
    timers.current.set(
      code,
      setTimeout(() => flush(code), SAVE_DELAY_MS),
    );
  }

  function typed(item: StandardItem, text: string) {
    const cleaned = text.replace(/[^\d.]/g, '');
    setDrafts((d) => ({ ...d, [item.code]: cleaned }));
    if (cleaned === '') {
      setErrors((e) => ({ ...e, [item.code]: '' }));
      setEntries((en) => withItem(en, item.code, (e) => ({ ...e, value: undefined })));
      schedule(item.code, async () => {
        await call('rounds:setItem', { roundId, communityId, assessor, itemCode: item.code, value: null });
        setSavedEntries((en) => withItem(en, item.code, (e) => ({ ...e, value: undefined })));
      });
      return;
    }
    if (cleaned.endsWith('.')) return;
    const result = readSheetRow(item, cleaned, '', undefined, { sheet: '', row: 0 });
    if (result.problem) {
      // Refused on the spot: not saved (a partial value typed just before is dropped too), and the
      // message says what is allowed. The row shows the last saved value once the text is fixed.
      setErrors((e) => ({ ...e, [item.code]: result.problem?.message ?? '' }));
      setEntries((en) => withItem(en, item.code, () => savedEntries.items.find((x) => x.itemCode === item.code) ?? null));
      const t = timers.current.get(item.code);
      if (t) clearTimeout(t);
      pending.current.delete(item.code);
      return;
    }
    if (result.action?.kind !== 'value') return;
    const value: ItemValue = result.action.value;
    setErrors((e) => ({ ...e, [item.code]: '' }));
    setEntries((en) => withItem(en, item.code, (e) => ({ ...e, value })));
    schedule(item.code, async () => {
      await call('rounds:setItem', { roundId, communityId, assessor, itemCode: item.code, value });
      setSavedEntries((en) => withItem(en, item.code, (e) => ({ ...e, value })));
    });
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
      flush(item.code);
      move(item.code, 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      flush(item.code);
      move(item.code, -1);
    } else if (e.key === 'Enter' && item.method.kind === 'deduct') {
      e.preventDefault();
      ledgerFirst.current?.focus();
    }
  }

  /** Explicit actions (ledger, N/A, override, bonus, veto): save now, then reload the form. */
  async function act(job: () => Promise<unknown>) {
    // Typed values still waiting for their debounce go first, so the reload below includes them.
    [...pending.current.keys()].forEach(flush);
    await runSave(async () => {
      await job();
      await load();
    });
  }

  if (loadError) return <Alert severity="error">{loadError}</Alert>;
  if (!form || !score || !prepared) return <Typography data-testid="form-loading">正在加载评分表…</Typography>;

  const entryOf = (code: string) => entries.items.find((e) => e.itemCode === code);
  const itemScore = (code: string) => score.items.find((i) => i.code === code);
  const focused = focus ? prepared.itemByCode.get(focus) : undefined;
  const returned = form.comments.filter((c) => c.kind === 'returned');

  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}
      data-testid="scoring-form"
      data-state="ready"
      data-editable={editable ? 'yes' : 'no'}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Link component="button" onClick={() => navigate(`/rounds/${roundId}`)} data-testid="form-back">
          ← {form.round.title}考评
        </Link>
        <Typography variant="h5" data-testid="form-community">
          {form.community.name}
        </Typography>
        <Chip size="small" color={stateColor(form.round.state)} label={`${form.round.stateLabel} · ${form.community.statusLabel}`} />
        {form.assessor && <Chip size="small" color="secondary" label={`背靠背评分：${nameOf(form.assessor)}`} />}
        <Box sx={{ flex: 1 }} />
        <Typography
          variant="body2"
          color={saveState === 'error' ? 'error' : 'text.secondary'}
          data-testid="save-status"
          data-state={saveState}
        >
          {saveState === 'saving' ? '正在保存…' : saveMessage}
        </Typography>
      </Box>
      {(form.round.readOnlyReason ?? (viewer ? '您的角色为“查看”，只能浏览评分表。' : null)) && (
        <Alert severity="warning" data-testid="form-readonly">
          {form.round.readOnlyReason ?? '您的角色为“查看”，只能浏览评分表。'}
        </Alert>
      )}
      {returned.map((c) => (
        <Alert key={c.id} severity="info">
          退回意见（{c.actor}，{c.at.slice(0, 16).replace('T', ' ')}）：{c.text}
        </Alert>
      ))}
      <Paper sx={{ p: 1.5, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', position: 'sticky', top: 56, zIndex: 2 }}>
        <Typography variant="h6" data-testid="form-total" sx={{ mr: 2 }}>
          总分 {fmt(score.totalTenths)}
        </Typography>
        <Typography variant="body2" sx={{ mr: 2 }}>
          基础分 {fmt(score.baseTenths)} · 加分 {fmt(score.bonusTenths)}
          {score.vetoes.length > 0 && <b style={{ color: '#c62828' }}> · 一票否决</b>}
        </Typography>
        {score.categories.map((c) => (
          <Chip
            key={c.code}
            size="small"
            variant="outlined"
            label={`${c.code} ${fmt(c.tenths)}/${fmt(c.maxTenths)}`}
            data-testid={`cat-${c.code}`}
          />
        ))}
        <Chip
          size="small"
          color={score.complete ? 'success' : 'default'}
          label={
            score.complete
              ? '已全部评分'
              : `未完成 ${score.items.filter((i) => i.status === 'missing' || i.status === 'invalid').length} 项`
          }
          data-testid="form-complete"
        />
      </Paper>

      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(300px, 2fr)', gap: 2, alignItems: 'start' }}>
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
                  const canType =
                    typable(item) && editable && !entry?.na && !entry?.override && !(carriedFrom && user?.role === 'assessor');
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
                          {carriedFrom && (
                            <span data-testid={`carried-${item.code}`}> · 年度指标，沿用{carriedTitle(carriedFrom)}结果</span>
                          )}
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
                          onChange={(e) => canType && typed(item, e.target.value)}
                          onFocus={() => setFocus(item.code)}
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
                            flush(item.code);
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

interface PanelProps {
  form: FormDto;
  roundId: string;
  communityId: number;
  assessor: string;
  editable: boolean;
  act: (job: () => Promise<unknown>) => Promise<void>;
}

function ItemPanel({
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
  const { nameOf } = usePeople();
  const [reasonCode, setReasonCode] = useState<string>(m.kind === 'deduct' && m.reasons[0] ? m.reasons[0].code : '');
  const [amount, setAmount] = useState<string>(m.kind === 'deduct' && m.reasons[0] ? fmt(m.reasons[0].amountTenths) : '');
  const [text, setText] = useState('');
  const [evidence, setEvidence] = useState<string>(item.evidence[0] ?? '查阅资料');
  const [naReason, setNaReason] = useState(entry?.na?.reason ?? '');
  const [ovScore, setOvScore] = useState(entry?.override ? fmt(entry.override.tenths) : '');
  const [ovReason, setOvReason] = useState(entry?.override?.reason ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [files, setFiles] = useState<{ fileId: string; name: string }[]>([]);
  const ledger = form.ledger.filter((l) => l.itemCode === item.code);
  // One id per deduction being written: a double click (or a retried call) records it once.
  const request = useRef(crypto.randomUUID());

  async function attach() {
    try {
      const f = await pickFile({
        title: '选择佐证材料（照片、扫描件等）',
        filters: [{ name: '佐证材料', extensions: ['jpg', 'jpeg', 'png', 'pdf', 'doc', 'docx', 'xlsx'] }],
      });
      if (f) setFiles((list) => [...list, { fileId: f.fileId, name: f.name }]);
    } catch (e) {
      setProblem(errorText(e));
    }
  }

  async function guarded(job: () => Promise<unknown>) {
    setProblem(null);
    try {
      await act(job);
    } catch (e) {
      setProblem(errorText(e));
    }
  }

  async function addDeduction() {
    const tenths = pointsToTenths(Number(amount));
    if (!Number.isFinite(tenths) || tenths <= 0) return setProblem('请填写扣分分值（大于0）。');
    const std = m.kind === 'deduct' ? m.reasons.find((r) => r.code === reasonCode) : undefined;
    const t = text.trim() || std?.text || '';
    if (!t) return setProblem('请选择扣分原因或填写具体情况。');
    const requestId = request.current;
    await guarded(() =>
      call('rounds:addDeduction', {
        roundId,
        communityId,
        assessor,
        itemCode: item.code,
        reasonCode: reasonCode || null,
        text: t,
        amountTenths: tenths,
        evidence,
        attachmentFileIds: files.map((f) => f.fileId),
        requestId,
      }),
    );
    if (request.current === requestId) request.current = crypto.randomUUID();
    setText('');
    setFiles([]);
    ledgerFirst.current?.focus();
  }

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
        <>
          <Divider />
          <Typography variant="subtitle2">
            扣分记录（{score?.status === 'missing' ? '尚未核查' : `得分 ${fmt(score?.tenths ?? 0)}`}）
          </Typography>
          {ledger.length === 0 && (
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
              <Typography variant="body2" sx={{ flex: 1 }} data-testid="check-state">
                {entry?.value?.kind === 'deduct' ? '已核查，无扣分。' : '暂无扣分，尚未确认核查。'}
              </Typography>
              {editable && entry?.value?.kind !== 'deduct' && (
                <Button size="small" variant="contained" onClick={onConfirmChecked} data-testid="confirm-checked">
                  核查无扣分（空格）
                </Button>
              )}
              {editable && entry?.value?.kind === 'deduct' && (
                <Button
                  size="small"
                  onClick={() =>
                    guarded(() => call('rounds:setItem', { roundId, communityId, assessor, itemCode: item.code, value: null }))
                  }
                  data-testid="undo-checked"
                >
                  撤销核查
                </Button>
              )}
            </Box>
          )}
          {ledger.map((l) => (
            <Box key={l.id} sx={{ display: 'flex', gap: 1, alignItems: 'center' }} data-testid="ledger-row">
              <Typography variant="body2" sx={{ flex: 1 }}>
                −{fmt(l.amountTenths)} {l.text}（{l.evidence}，{nameOf(l.createdBy)}
                {l.attachments.length > 0 ? `，附件${l.attachments.length}个` : ''}）
              </Typography>
              {editable && (
                <Button
                  size="small"
                  color="error"
                  onClick={() => guarded(() => call('rounds:removeDeduction', { roundId, deductionId: l.id }))}
                >
                  删除
                </Button>
              )}
            </Box>
          ))}
          {editable && (
            <Box
              sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}
              onKeyDown={(e) => {
                if (e.key === 'Escape') onBack();
              }}
            >
              <NativeSelect
                value={reasonCode}
                onChange={(e) => {
                  setReasonCode(e.target.value);
                  const r = m.reasons.find((x) => x.code === e.target.value);
                  if (r) setAmount(fmt(r.amountTenths));
                }}
                inputRef={ledgerFirst}
                onKeyDown={(e) => {
                  // Enter on the reason list records the deduction with the reason's standard amount.
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void addDeduction();
                  }
                }}
                inputProps={{ id: 'ded-reason', 'aria-label': '扣分原因' }}
              >
                {m.reasons.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.text}（−{fmt(r.amountTenths)}）
                  </option>
                ))}
                {m.allowOtherReasons && <option value="">其他原因（自行填写）</option>}
              </NativeSelect>
              <Box sx={{ display: 'flex', gap: 1 }}>
                <TextField
                  size="small"
                  label="扣分"
                  value={amount}
                  onChange={(e) => setAmount(e.target.value.replace(/[^\d.]/g, ''))}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') void addDeduction();
                  }}
                  slotProps={{ htmlInput: { 'data-testid': 'ded-amount', inputMode: 'decimal' } }}
                  sx={{ width: 90 }}
                />
                <NativeSelect value={evidence} onChange={(e) => setEvidence(e.target.value)} inputProps={{ 'aria-label': '考核方式' }}>
                  {EVIDENCE_METHODS.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </NativeSelect>
              </Box>
              <TextField
                size="small"
                label="具体情况（可选，其他原因必填）"
                value={text}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void addDeduction();
                }}
                slotProps={{ htmlInput: { 'data-testid': 'ded-text' } }}
              />
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                <Button size="small" onClick={() => void attach()} data-testid="ded-attach">
                  添加佐证附件
                </Button>
                {files.map((f) => (
                  <Chip key={f.fileId} size="small" label={f.name} onDelete={() => setFiles(files.filter((x) => x.fileId !== f.fileId))} />
                ))}
              </Box>
              <Button variant="outlined" onClick={() => void addDeduction()} data-testid="ded-add">
                记录扣分（回车）
              </Button>
            </Box>
          )}
        </>
      )}

      {m.kind === 'computed' && (
        <>
          <Divider />
          <Typography variant="subtitle2">名册快照计算</Typography>
          <Typography variant="body2">公式：{expressionWithLabels(m.expression, (key) => form.metricLabels[key])}</Typography>
          <Typography variant="body2">
            计算结果：{score?.rawValue ?? '—'}
            {score?.clamped ? '（超出范围，已截取）' : ''}
            {score?.derivedTenths !== undefined ? `；原计算得分 ${fmt(score.derivedTenths)}` : ''}
          </Typography>
          {metrics.map((k) => (
            <DrillDown key={k} label={form.metricLabels[k] ?? k} value={form.metrics[k]} rows={form.drillDown[k] ?? []} />
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

function DrillDown({
  label,
  value,
  rows,
}: {
  label: string;
  value: number | null | undefined;
  rows: Record<string, string | number | null>[];
}) {
  const [open, setOpen] = useState(false);
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return (
    <Box>
      <Typography variant="body2">
        {label}：<b>{value ?? '（无数据）'}</b>{' '}
        {rows.length > 0 && (
          <Link component="button" onClick={() => setOpen(!open)} data-testid="drill-toggle">
            {open ? '收起' : `查看${rows.length}条名册记录`}
          </Link>
        )}
      </Typography>
      {open && (
        <Table size="small">
          <TableHead>
            <TableRow>
              {columns.map((c) => (
                <TableCell key={c}>{c}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.slice(0, 200).map((r, i) => (
              <TableRow key={i}>
                {columns.map((c) => (
                  <TableCell key={c}>{r[c] ?? ''}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

function BonusVetoPanel({
  form,
  entries,
  editable,
  act,
  roundId,
  communityId,
  assessor,
  bonusTenths,
}: PanelProps & { entries: CommunityEntries; bonusTenths: number }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [vetoFacts, setVetoFacts] = useState<Record<string, string>>(Object.fromEntries(entries.vetoes.map((v) => [v.code, v.fact])));
  const [manual, setManual] = useState<Record<string, string>>(
    Object.fromEntries(entries.bonus.filter((b) => b.tenths !== undefined).map((b) => [b.code, fmt(b.tenths ?? 0)])),
  );
  const [level, setLevel] = useState<Record<string, string>>({});
  async function guarded(job: () => Promise<unknown>) {
    setProblem(null);
    try {
      await act(job);
    } catch (e) {
      setProblem(errorText(e));
    }
  }
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

function RectificationPanel({ form, editable, act, roundId }: Omit<PanelProps, 'communityId' | 'assessor'>) {
  const [notes, setNotes] = useState<Record<number, string>>({});
  if (form.rectifications.length === 0) return null;
  return (
    <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }} data-testid="rect-panel">
      <Typography variant="subtitle2">上季度整改事项（请核实销号）</Typography>
      {form.rectifications.map((r) => (
        <Box key={r.id} sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
          <Typography variant="body2">
            [{r.roundId} {r.itemCode}] {r.text}（−{r.lost}）—{' '}
            <b>{r.status === 'verified' ? '已销号' : r.status === 'unresolved' ? '未整改到位' : '待核实'}</b>
            {r.verifiedNote ? `：${r.verifiedNote}` : ''}
          </Typography>
          {editable && (
            <Box sx={{ display: 'flex', gap: 1 }}>
              <TextField
                size="small"
                sx={{ flex: 1 }}
                placeholder="核实情况"
                value={notes[r.id] ?? ''}
                onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })}
              />
              <Button
                size="small"
                onClick={() =>
                  act(() =>
                    call('rounds:verifyRectification', { roundId, rectificationId: r.id, status: 'verified', note: notes[r.id] ?? '' }),
                  )
                }
              >
                销号
              </Button>
              <Button
                size="small"
                color="warning"
                onClick={() =>
                  act(() =>
                    call('rounds:verifyRectification', { roundId, rectificationId: r.id, status: 'unresolved', note: notes[r.id] ?? '' }),
                  )
                }
              >
                未整改
              </Button>
            </Box>
          )}
        </Box>
      ))}
    </Paper>
  );
}
