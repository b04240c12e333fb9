import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  MenuItem,
  Paper,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { ROUND_STATE_LABELS, type RoundState } from '../../../../shared/domain/round/round-workflow';
import { pointsToTenths } from '../../../../shared/domain/standard/standard.schema';
import type { RectificationDto, RoundDetail, RoundResultsDto, SheetProblem } from '../../../../shared/ipc/channels/rounds.channels';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { call, errorText, saveStagedFile } from '../../api/client';
import { SendRoundButton } from '../exchange/SendRoundButton';
import { pickFile } from '../../api/pick-file';
import { navigate } from '../../app/router';
import { useAuth } from '../auth/auth-context';
import { ADVANCE_LABELS, fmtPoints, stateColor } from './round-ui';
import { useCan } from '../../app/access';
import { usePeople } from '../../app/people';
import { PublishedVersionSelect } from '../standard/PublishedVersionSelect';
import { AssessorPicker, AssignDialog } from './AssessorPickers';
import { FinalizeDialog } from './FinalizeDialog';

const TABS: { key: string; label: string }[] = [
  { key: 'progress', label: '评分进度' },
  { key: 'results', label: '考评结果' },
  { key: 'appeals', label: '公示与申诉' },
  { key: 'rectifications', label: '整改清单' },
  { key: 'whatif', label: '新版标准试算' },
  { key: 'annual', label: '年度汇总' },
];

const message = errorText;

/** One round: workflow buttons, progress matrix (communities × status) and the results views. */
export function RoundPage({ roundId, tab }: { roundId: string; tab: string }) {
  const [detail, setDetail] = useState<RoundDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ to: RoundState | 'unlock' } | null>(null);
  const { user } = useAuth();
  const role = user?.role ?? 'viewer';
  const reviewer = role === 'admin' || role === 'reviewer';
  // Assessors submit; reviewers and administrators do the rest (the main process checks it too).
  const allowed = (s: RoundState) => role !== 'viewer' && (s === 'submitted' || reviewer);
  const { nameOf } = usePeople();

  const load = useCallback(() => call('rounds:get', { roundId }).then(setDetail, (e: unknown) => setError(message(e))), [roundId]);
  useEffect(() => {
    void load();
  }, [load]);

  async function advance(to: RoundState, comment?: string, docNumber?: number) {
    setError(null);
    try {
      setDetail(
        await call('rounds:advance', { roundId, to, ...(comment ? { comment } : {}), ...(docNumber !== undefined ? { docNumber } : {}) }),
      );
      setNotice(`已改为“${ROUND_STATE_LABELS[to]}”。`);
      setDialog(null);
    } catch (e) {
      setError(message(e));
      setDialog(null);
    }
  }

  if (!detail) return error ? <Alert severity="error">{error}</Alert> : <Typography>正在加载…</Typography>;
  const current = TABS.some((t) => t.key === tab) ? tab : 'progress';

  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
      data-testid="round-page"
      data-state="ready"
      data-round-state={detail.state}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Link component="button" onClick={() => navigate('/rounds')}>
          ← 全部考评
        </Link>
        <Typography variant="h5">{detail.title}考评</Typography>
        <Chip color={stateColor(detail.state)} label={detail.stateLabel} data-testid="round-state" />
        <Typography variant="body2" color="text.secondary">
          标准第{detail.standardVersion}版 · 名册快照 {detail.snapshotAt.slice(0, 16).replace('T', ' ')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {detail.nextStates.filter(allowed).map((s) => (
          <Button
            key={s}
            variant={s === 'returned' ? 'outlined' : 'contained'}
            color={s === 'returned' ? 'warning' : 'primary'}
            onClick={() => (s === 'returned' || s === 'finalized' ? setDialog({ to: s }) : void advance(s))}
            data-testid={`advance-${s}`}
          >
            {ADVANCE_LABELS[s]}
          </Button>
        ))}
        {detail.state === 'finalized' && <SendRoundButton roundId={roundId} onDone={setNotice} onError={setError} />}
        {detail.state === 'finalized' && reviewer && (
          <Button variant="outlined" color="warning" onClick={() => setDialog({ to: 'unlock' })} data-testid="round-unlock">
            解锁
          </Button>
        )}
      </Box>
      {error && (
        <Alert severity="error" onClose={() => setError(null)} data-testid="round-error">
          {error}
        </Alert>
      )}
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {detail.comments.length > 0 && (
        <Paper sx={{ p: 1.5 }}>
          {detail.comments.map((c) => (
            <Typography key={c.id} variant="body2">
              {c.at.slice(0, 16).replace('T', ' ')} {nameOf(c.actor)}（
              {c.kind === 'unlock' ? '解锁' : (ROUND_STATE_LABELS[c.kind as RoundState] ?? c.kind)}）：{c.text}
            </Typography>
          ))}
        </Paper>
      )}
      <Tabs value={current} onChange={(_e, v: string) => navigate(`/rounds/${roundId}/${v}`)}>
        {TABS.map((t) => (
          <Tab key={t.key} value={t.key} label={t.label} data-testid={`tab-${t.key}`} />
        ))}
      </Tabs>
      {current === 'progress' && <ProgressTab detail={detail} reload={load} setError={setError} setNotice={setNotice} />}
      {current === 'results' && <ResultsTab roundId={roundId} />}
      {current === 'appeals' && <AppealsTab detail={detail} reload={load} setError={setError} />}
      {current === 'rectifications' && <RectificationsTab roundId={roundId} />}
      {current === 'whatif' && <WhatIfTab detail={detail} reload={load} />}
      {current === 'annual' && <AnnualTab year={detail.year} />}
      {dialog?.to === 'finalized' && (
        <FinalizeDialog
          roundId={roundId}
          onClose={() => setDialog(null)}
          onDone={(text, docNumber) => void advance('finalized', text, docNumber)}
        />
      )}
      {dialog && dialog.to !== 'finalized' && (
        <ReasonDialog
          to={dialog.to}
          onClose={() => setDialog(null)}
          onDone={(text) => (dialog.to === 'unlock' ? void unlock(text) : void advance(dialog.to as RoundState, text))}
        />
      )}
    </Box>
  );

  async function unlock(reason: string) {
    try {
      setDetail(await call('rounds:unlock', { roundId, reason }));
      setNotice('已解锁，当前为“公示”状态。');
    } catch (e) {
      setError(message(e));
    }
    setDialog(null);
  }
}

function ReasonDialog({ to, onClose, onDone }: { to: RoundState | 'unlock'; onClose: () => void; onDone: (text: string) => void }) {
  const [text, setText] = useState('');
  const title = to === 'unlock' ? '解锁定稿' : to === 'returned' ? '退回修改' : ADVANCE_LABELS[to];
  const required = to === 'unlock' || to === 'returned';
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent sx={{ pt: '8px !important' }}>
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={2}
          label={to === 'unlock' ? '解锁理由（必填，记入操作日志）' : to === 'returned' ? '退回意见（必填）' : '备注（可选）'}
          value={text}
          onChange={(e) => setText(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'reason-text' } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button variant="contained" disabled={required && !text.trim()} onClick={() => onDone(text.trim())} data-testid="reason-ok">
          确定
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function ProgressTab({
  detail,
  reload,
  setError,
  setNotice,
}: {
  detail: RoundDetail;
  reload: () => Promise<void>;
  setError: (s: string | null) => void;
  setNotice: (s: string | null) => void;
}) {
  const [problems, setProblems] = useState<SheetProblem[] | null>(null);
  const [spreadFor, setSpreadFor] = useState<number | null>(null);
  const [assigning, setAssigning] = useState(false);
  const can = useCan();
  const { nameOf } = usePeople();
  async function exportSheets() {
    try {
      const f = await call('rounds:exportSheets', { roundId: detail.id });
      await saveStagedFile(f.fileId, f.name);
    } catch (e) {
      setError(message(e));
    }
  }
  async function importSheets() {
    try {
      const file = await pickFile({ title: '选择填写好的现场评分表', filters: [{ name: 'Excel 表格', extensions: ['xlsx'] }] });
      if (!file) return;
      const r = await call('rounds:importSheets', { roundId: detail.id, fileId: file.fileId, dryRun: false });
      setProblems(r.problems);
      setNotice(r.committed ? `已导入${r.communities}个社区的${r.items}项评分（含${r.deductions}条扣分）。` : '没有可导入的评分。');
      await reload();
    } catch (e) {
      setError(message(e));
    }
  }
  const [blindFor, setBlindFor] = useState<number | null>(null);
  const [blindName, setBlindName] = useState('');
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button variant="outlined" onClick={exportSheets} data-testid="sheets-export">
          导出现场评分表
        </Button>
        {can('rounds:importSheets') && (
          <Button variant="outlined" onClick={importSheets} data-testid="sheets-import">
            导入现场评分表
          </Button>
        )}
        {detail.state !== 'finalized' && can('rounds:assign') && (
          <Button variant="outlined" onClick={() => setAssigning(true)} data-testid="assign-open">
            分配考评员
          </Button>
        )}
        {detail.canRefreeze && can('rounds:refreeze') && (
          <Button
            onClick={() =>
              call('rounds:refreeze', { roundId: detail.id }).then(
                () => reload(),
                (e: unknown) => setError(message(e)),
              )
            }
          >
            重新冻结名册快照
          </Button>
        )}
      </Box>
      {problems && problems.length > 0 && (
        <Alert severity="warning" onClose={() => setProblems(null)}>
          {problems.slice(0, 50).map((p, i) => (
            <div key={i}>
              {p.sheet}
              {p.row !== null ? ` 第${p.row}行` : ''} {p.column ?? ''} {p.value ? `「${p.value}」` : ''}：{p.message}
            </div>
          ))}
        </Alert>
      )}
      <Paper>
        <Table size="small" data-testid="progress-matrix">
          <TableHead>
            <TableRow>
              <TableCell>社区</TableCell>
              <TableCell>状态</TableCell>
              <TableCell>已评项目</TableCell>
              {(detail.communities[0]?.categories ?? []).map((k) => (
                <TableCell key={k.code} align="center">
                  {k.code}
                </TableCell>
              ))}
              <TableCell>当前总分</TableCell>
              <TableCell>考评员</TableCell>
              <TableCell>操作</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {detail.communities.map((c) => (
              <TableRow key={c.id} hover data-testid={`progress-${c.name}`}>
                <TableCell>
                  <Link component="button" onClick={() => navigate(`/rounds/${detail.id}/c/${c.id}`)} data-testid={`open-${c.name}`}>
                    {c.name}
                  </Link>
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={c.statusLabel}
                    color={
                      c.status === 'reviewed'
                        ? 'success'
                        : c.status === 'submitted'
                          ? 'primary'
                          : c.status === 'returned'
                            ? 'warning'
                            : 'default'
                    }
                  />
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    variant="outlined"
                    color={c.complete ? 'success' : 'default'}
                    label={`${c.scoredItems}/${c.totalItems}`}
                  />
                </TableCell>
                {c.categories.map((k) => (
                  <TableCell
                    key={k.code}
                    align="center"
                    sx={{ color: k.scored === k.total ? 'success.main' : 'text.secondary' }}
                    title={`${k.code}：已评${k.scored}/${k.total}项`}
                  >
                    {k.scored === k.total ? '✓' : `${k.scored}/${k.total}`}
                  </TableCell>
                ))}
                <TableCell>{fmtPoints(c.total)}</TableCell>
                <TableCell>{c.assessors.map(nameOf).join('、') || '—'}</TableCell>
                <TableCell>
                  {can('rounds:submitForm') &&
                    (detail.state === 'draft' || detail.state === 'returned') &&
                    (c.status === 'draft' || c.status === 'returned') && (
                      <Button
                        size="small"
                        disabled={!c.complete}
                        onClick={() =>
                          call('rounds:submitForm', { roundId: detail.id, communityId: c.id }).then(
                            () => reload(),
                            (e: unknown) => setError(message(e)),
                          )
                        }
                      >
                        提交本社区
                      </Button>
                    )}
                  {can('rounds:setItem') && (
                    <Button size="small" onClick={() => setBlindFor(c.id)}>
                      背靠背评分
                    </Button>
                  )}
                  {can('rounds:settle') && (
                    <Button size="small" onClick={() => setSpreadFor(c.id)}>
                      合议
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {blindFor !== null && (
        <Dialog open onClose={() => setBlindFor(null)} maxWidth="xs" fullWidth>
          <DialogTitle>背靠背评分</DialogTitle>
          <DialogContent sx={{ pt: '8px !important' }}>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              每位考评员在自己的评分表上独立打分，互相看不到；审核人在“合议”中比较差异并定分。
            </Typography>
            <AssessorPicker value={blindName} onChange={setBlindName} />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setBlindFor(null)}>取消</Button>
            <Button
              variant="contained"
              disabled={!blindName.trim()}
              onClick={() => navigate(`/rounds/${detail.id}/c/${blindFor}/${encodeURIComponent(blindName.trim())}`)}
            >
              开始评分
            </Button>
          </DialogActions>
        </Dialog>
      )}
      {spreadFor !== null && <SpreadDialog roundId={detail.id} communityId={spreadFor} onClose={() => setSpreadFor(null)} />}
      {assigning && (
        <AssignDialog
          detail={detail}
          onClose={() => setAssigning(false)}
          onSaved={async () => {
            setAssigning(false);
            await reload();
          }}
        />
      )}
    </Box>
  );
}

function SpreadDialog({ roundId, communityId, onClose }: { roundId: string; communityId: number; onClose: () => void }) {
  const [data, setData] = useState<ChannelOutput<'rounds:spread'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [method, setMethod] = useState<Record<string, 'mean' | 'median' | 'trimmedMean' | 'chosen'>>({});
  const load = useCallback(
    () => call('rounds:spread', { roundId, communityId }).then(setData, (e: unknown) => setError(message(e))),
    [roundId, communityId],
  );
  useEffect(() => {
    void load();
  }, [load]);
  async function settle(itemCode: string) {
    const m = method[itemCode] ?? 'mean';
    try {
      await call('rounds:settle', {
        roundId,
        communityId,
        itemCode,
        method: m,
        ...(m === 'chosen' ? { chosenTenths: pointsToTenths(Number(chosen[itemCode] ?? '0')) } : {}),
        note: m === 'chosen' ? '审核人指定' : '',
      });
      await load();
    } catch (e) {
      setError(message(e));
    }
  }
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>多人背靠背评分合议</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error}</Alert>}
        {data && data.assessors.length === 0 && <Alert severity="info">还没有考评员进行背靠背评分。</Alert>}
        {data && data.rows.length > 0 && (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>指标</TableCell>
                {data.assessors.map((a) => (
                  <TableCell key={a}>{a}</TableCell>
                ))}
                <TableCell>差距</TableCell>
                <TableCell>合议</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.rows.map((r) => (
                <TableRow key={r.itemCode} sx={r.flagged ? { bgcolor: '#fff3e0' } : undefined}>
                  <TableCell>{r.itemCode}</TableCell>
                  {data.assessors.map((a) => (
                    <TableCell key={a}>{r.values.find((v) => v.assessor === a)?.score ?? '—'}</TableCell>
                  ))}
                  <TableCell>
                    {r.spread}
                    {r.flagged ? '（超过' + data.threshold + '分）' : ''}
                  </TableCell>
                  <TableCell>
                    {r.settled ? (
                      `已定 ${r.settled.score}`
                    ) : (
                      <Box sx={{ display: 'flex', gap: 1 }}>
                        <TextField
                          select
                          size="small"
                          value={method[r.itemCode] ?? 'mean'}
                          onChange={(e) => setMethod({ ...method, [r.itemCode]: e.target.value as 'mean' })}
                        >
                          <MenuItem value="mean">平均值 {r.mean}</MenuItem>
                          <MenuItem value="median">中位数 {r.median}</MenuItem>
                          <MenuItem value="trimmedMean">去掉最高最低</MenuItem>
                          <MenuItem value="chosen">指定分值</MenuItem>
                        </TextField>
                        {method[r.itemCode] === 'chosen' && (
                          <TextField
                            size="small"
                            sx={{ width: 70 }}
                            value={chosen[r.itemCode] ?? ''}
                            onChange={(e) => setChosen({ ...chosen, [r.itemCode]: e.target.value })}
                          />
                        )}
                        <Button size="small" onClick={() => void settle(r.itemCode)}>
                          定分
                        </Button>
                      </Box>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>关闭</Button>
      </DialogActions>
    </Dialog>
  );
}

function ResultsTab({ roundId }: { roundId: string }) {
  const [r, setR] = useState<RoundResultsDto | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('rounds:results', { roundId }).then(setR, (e: unknown) => setError(message(e)));
  }, [roundId]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!r) return <Typography>正在计算…</Typography>;
  const cats = r.communities[0]?.categories ?? [];
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Typography variant="body2">
        {r.grades.map((g) => `${g.label} ${g.count} 个`).join('；')}
        {r.previousRound ? `；与 ${r.previousRound} 比较` : '；无上季度数据'}
      </Typography>
      <Paper sx={{ overflowX: 'auto' }}>
        <Table size="small" data-testid="results-table">
          <TableHead>
            <TableRow>
              <TableCell>名次</TableCell>
              <TableCell>社区</TableCell>
              {cats.map((c) => (
                <TableCell key={c.code} title={c.name}>
                  {c.code}（{c.max}）
                </TableCell>
              ))}
              <TableCell>加分</TableCell>
              <TableCell>总分</TableCell>
              <TableCell>等次</TableCell>
              <TableCell>较上季度</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {r.communities.map((c) => (
              <TableRow key={c.id} data-testid={`result-${c.name}`}>
                <TableCell data-testid="result-rank">{c.rank}</TableCell>
                <TableCell>
                  <Link component="button" onClick={() => setOpen(c.id)} data-testid={`result-open-${c.name}`}>
                    {c.name}
                  </Link>
                  {c.veto && <Chip size="small" color="error" label="否决" sx={{ ml: 1 }} />}
                </TableCell>
                {c.categories.map((k) => (
                  <TableCell key={k.code}>{fmtPoints(k.score)}</TableCell>
                ))}
                <TableCell>{fmtPoints(c.bonus)}</TableCell>
                <TableCell data-testid="result-total">
                  <b>{fmtPoints(c.total)}</b>
                </TableCell>
                <TableCell>
                  {c.grade}
                  {c.quotaDemotedFrom ? `（名额限制，原${c.quotaDemotedFrom}）` : ''}
                </TableCell>
                <TableCell>
                  {c.change
                    ? `${c.change.delta >= 0 ? '+' : ''}${fmtPoints(c.change.delta)}${
                        c.change.movers.length
                          ? `（${c.change.movers
                              .slice(0, 3)
                              .map((m) => `${m.code}${m.delta >= 0 ? '+' : ''}${fmtPoints(m.delta)}`)
                              .join('，')}）`
                          : ''
                      }`
                    : '—'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {open !== null && <ResultDetail result={r.communities.find((c) => c.id === open)} onClose={() => setOpen(null)} />}
    </Box>
  );
}

/** Why a community got its score: deductions with reasons, bonus, vetoes, changes, comments. */
function ResultDetail({ result: c, onClose }: { result: RoundResultsDto['communities'][number] | undefined; onClose: () => void }) {
  if (!c) return null;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>
        {c.name}：{fmtPoints(c.total)}分，第{c.rank}名{c.tied ? '（并列）' : ''}，{c.grade}
      </DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        {c.decidedBy && <Typography variant="body2">同分时按“{c.decidedBy}”排定名次。</Typography>}
        {c.cappedFrom && (
          <Alert severity="warning">
            因否决项，等次由“{c.cappedFrom}”降为“{c.grade}”。
          </Alert>
        )}
        {c.quotaDemotedFrom && (
          <Alert severity="info">
            受“{c.quotaDemotedFrom}”名额限制，等次为“{c.grade}”。
          </Alert>
        )}
        {c.vetoes.map((v) => (
          <Alert key={v.code} severity="error">
            一票否决 {v.code} {v.title}：{v.fact}
          </Alert>
        ))}
        <Typography variant="subtitle2">扣分明细（{c.deductions.length}条）</Typography>
        {c.deductions.length === 0 ? (
          <Typography variant="body2">无扣分。</Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>指标</TableCell>
                <TableCell>扣分原因</TableCell>
                <TableCell>扣分</TableCell>
                <TableCell>考核方式</TableCell>
                <TableCell>考评员</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {c.deductions.map((d, i) => (
                <TableRow key={i}>
                  <TableCell>
                    {d.itemCode} {d.itemTitle}
                  </TableCell>
                  <TableCell>{d.reason}</TableCell>
                  <TableCell>−{fmtPoints(d.points)}</TableCell>
                  <TableCell>
                    {d.evidence}
                    {d.attachments ? `（附件${d.attachments}）` : ''}
                  </TableCell>
                  <TableCell>{d.assessor}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {c.items.some((i) => i.reason) && (
          <>
            <Typography variant="subtitle2">不适用与调整</Typography>
            {c.items
              .filter((i) => i.reason)
              .map((i) => (
                <Typography key={i.code} variant="body2">
                  {i.code} {i.title}：{i.status === 'na' ? '不适用' : `调整为${fmtPoints(i.score)}分`}（{i.reason}）
                </Typography>
              ))}
          </>
        )}
        {c.bonusItems.length > 0 && (
          <Typography variant="body2">加分：{c.bonusItems.map((b) => `${b.code} ${b.title} +${fmtPoints(b.score)}`).join('；')}</Typography>
        )}
        {c.change && (
          <Typography variant="body2">
            较上季度 {c.change.delta >= 0 ? '+' : ''}
            {fmtPoints(c.change.delta)}分（上季度 {fmtPoints(c.change.previousTotal)}分
            {c.change.previousRank !== null ? `，第${c.change.previousRank}名` : ''}）；变化最大的指标：
            {c.change.movers.map((m) => `${m.code} ${fmtPoints(m.previous)}→${fmtPoints(m.current)}`).join('，') || '无'}
          </Typography>
        )}
        {c.comments.length > 0 && <Typography variant="body2">意见：{c.comments.join('；')}</Typography>}
        {c.rectifications.length > 0 && (
          <Typography variant="body2">须整改：{c.rectifications.map((x) => `${x.itemCode} ${x.text}`).join('；')}</Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>关闭</Button>
      </DialogActions>
    </Dialog>
  );
}

function AppealsTab({
  detail,
  reload,
  setError,
}: {
  detail: RoundDetail;
  reload: () => Promise<void>;
  setError: (s: string | null) => void;
}) {
  const [communityId, setCommunityId] = useState<number>(detail.communities[0]?.id ?? 0);
  const [itemCode, setItemCode] = useState('');
  const [claim, setClaim] = useState('');
  // One id per appeal being written: a double click sends it twice and the service records one.
  const appealRequest = useRef(crypto.randomUUID());
  // The community's deductions, to contest one of them (adopting the appeal withdraws it).
  const [ledger, setLedger] = useState<{ id: number; itemCode: string; text: string; amountTenths: number }[]>([]);
  const [deductionId, setDeductionId] = useState<number | ''>('');
  useEffect(() => {
    if (detail.state !== 'published' || !communityId) return;
    setDeductionId('');
    call('rounds:form', { roundId: detail.id, communityId }).then(
      (f) => setLedger(f.ledger),
      () => setLedger([]),
    );
  }, [detail.id, detail.state, communityId]);
  const [decision, setDecision] = useState<Record<number, string>>({});
  const [newScore, setNewScore] = useState<Record<number, string>>({});
  const published = detail.state === 'published';
  const can = useCan();
  async function run(job: () => Promise<unknown>) {
    try {
      await job();
      await reload();
    } catch (e) {
      setError(message(e));
    }
  }
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {!published && <Alert severity="info">申诉在“公示”期间登记和处理；定稿前须处理完全部申诉。</Alert>}
      {published && can('rounds:addAppeal') && (
        <Paper sx={{ p: 2, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField
            select
            size="small"
            label="社区"
            value={communityId}
            onChange={(e) => setCommunityId(Number(e.target.value))}
            sx={{ minWidth: 160 }}
          >
            {detail.communities.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label="针对的扣分（可选）"
            value={deductionId}
            onChange={(e) => setDeductionId(e.target.value === '' ? '' : Number(e.target.value))}
            sx={{ minWidth: 220 }}
            slotProps={{ htmlInput: { 'data-testid': 'appeal-deduction' } }}
          >
            <MenuItem value="">（不针对某条扣分）</MenuItem>
            {ledger.map((l) => (
              <MenuItem key={l.id} value={l.id}>
                {l.itemCode} −{fmtPoints(l.amountTenths / 10)} {l.text}
              </MenuItem>
            ))}
          </TextField>
          {deductionId === '' && (
            <TextField
              size="small"
              label="指标编码（可选）"
              value={itemCode}
              onChange={(e) => setItemCode(e.target.value.trim().toUpperCase())}
              sx={{ width: 160 }}
            />
          )}
          <TextField
            size="small"
            label="申诉内容"
            value={claim}
            onChange={(e) => setClaim(e.target.value)}
            sx={{ flex: 1, minWidth: 240 }}
          />
          <Button
            variant="contained"
            disabled={!claim.trim()}
            data-testid="appeal-add"
            onClick={() =>
              run(() =>
                call('rounds:addAppeal', {
                  roundId: detail.id,
                  communityId,
                  itemCode: deductionId === '' ? itemCode || null : null,
                  claim: claim.trim(),
                  deductionId: deductionId === '' ? null : deductionId,
                  requestId: appealRequest.current,
                }).then(() => {
                  setClaim('');
                  appealRequest.current = crypto.randomUUID();
                }),
              )
            }
          >
            登记申诉
          </Button>
        </Paper>
      )}
      <Paper>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>社区</TableCell>
              <TableCell>指标</TableCell>
              <TableCell>申诉内容</TableCell>
              <TableCell>处理</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {detail.appeals.length === 0 && (
              <TableRow>
                <TableCell colSpan={4}>
                  <Typography color="text.secondary">
                    暂无申诉。{published ? '社区对公示结果有异议时，在上方登记。' : '结果公示后，社区可在公示期内申诉。'}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {detail.appeals.map((a) => (
              <TableRow key={a.id}>
                <TableCell data-testid="appeal-row">{a.communityName}</TableCell>
                <TableCell>{a.itemCode ?? '—'}</TableCell>
                <TableCell>
                  {a.claim}
                  {a.deductionId !== null && (
                    <Typography variant="caption" sx={{ display: 'block' }} color="text.secondary">
                      针对一条扣分记录：采纳即撤销该扣分
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {a.status !== 'open' ? (
                    `${a.status === 'accepted' ? '采纳' : '不予采纳'}：${a.decision ?? ''}${a.adjustment !== null ? `（调整${a.adjustment >= 0 ? '+' : ''}${fmtPoints(a.adjustment)}分）` : ''}`
                  ) : published && can('rounds:decideAppeal') ? (
                    <Box sx={{ display: 'flex', gap: 1 }}>
                      <TextField
                        size="small"
                        placeholder="处理意见"
                        slotProps={{ htmlInput: { 'data-testid': `appeal-decision-${a.id}` } }}
                        value={decision[a.id] ?? ''}
                        onChange={(e) => setDecision({ ...decision, [a.id]: e.target.value })}
                      />
                      {a.itemCode && a.deductionId === null && (
                        <TextField
                          size="small"
                          placeholder="该项新得分"
                          sx={{ width: 100 }}
                          value={newScore[a.id] ?? ''}
                          onChange={(e) => setNewScore({ ...newScore, [a.id]: e.target.value })}
                        />
                      )}
                      <Button
                        size="small"
                        disabled={!decision[a.id]?.trim()}
                        onClick={() =>
                          run(() =>
                            call('rounds:decideAppeal', {
                              roundId: detail.id,
                              appealId: a.id,
                              accepted: true,
                              decision: (decision[a.id] ?? '').trim(),
                              ...(newScore[a.id] ? { newItemTenths: pointsToTenths(Number(newScore[a.id])) } : {}),
                            }),
                          )
                        }
                        data-testid={`appeal-accept-${a.id}`}
                      >
                        采纳
                      </Button>
                      <Button
                        size="small"
                        color="warning"
                        disabled={!decision[a.id]?.trim()}
                        onClick={() =>
                          run(() =>
                            call('rounds:decideAppeal', {
                              roundId: detail.id,
                              appealId: a.id,
                              accepted: false,
                              decision: (decision[a.id] ?? '').trim(),
                            }),
                          )
                        }
                      >
                        不予采纳
                      </Button>
                    </Box>
                  ) : (
                    '待处理'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Box>
  );
}

function RectificationsTab({ roundId }: { roundId: string }) {
  const [rows, setRows] = useState<RectificationDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('rounds:rectifications', { roundId }).then(setRows, (e: unknown) => setError(message(e)));
  }, [roundId]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!rows) return <Typography>正在加载…</Typography>;
  if (rows.length === 0) return <Alert severity="success">没有需要整改的事项。</Alert>;
  return (
    <Paper>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>社区</TableCell>
            <TableCell>指标</TableCell>
            <TableCell>整改事项</TableCell>
            <TableCell>失分</TableCell>
            <TableCell>状态</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id}>
              <TableCell>{r.communityName}</TableCell>
              <TableCell>{r.itemCode}</TableCell>
              <TableCell>{r.text}</TableCell>
              <TableCell>{fmtPoints(r.lost)}</TableCell>
              <TableCell>
                {r.status === 'verified' ? `已销号（${r.verifiedRoundId}）` : r.status === 'unresolved' ? '未整改到位' : '待下季度核实'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

function WhatIfTab({ detail, reload }: { detail: RoundDetail; reload: () => Promise<void> }) {
  const [version, setVersion] = useState('');
  const can = useCan();
  const [data, setData] = useState<ChannelOutput<'rounds:whatIf'> | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setError(null);
    try {
      setData(await call('rounds:whatIf', { roundId: detail.id, standardVersion: Number(version) }));
    } catch (e) {
      setError(message(e));
    }
  }
  async function accept() {
    try {
      await call('rounds:acceptWhatIf', { roundId: detail.id, standardVersion: Number(version), reason });
      setData(null);
      await reload();
    } catch (e) {
      setError(message(e));
    }
  }
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <Typography variant="body2">用已发布的其他版本标准重新计算本季度（不保存）：</Typography>
        <PublishedVersionSelect
          label="标准版本"
          value={version}
          onChange={setVersion}
          exclude={detail.standardVersion}
          testId="whatif-version"
        />
        <Button variant="outlined" disabled={!version} onClick={run}>
          试算
        </Button>
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {data && (
        <>
          <Paper>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>社区</TableCell>
                  <TableCell>原总分（第{data.fromVersion}版）</TableCell>
                  <TableCell>新总分（第{data.toVersion}版）</TableCell>
                  <TableCell>变化</TableCell>
                  <TableCell>名次</TableCell>
                  <TableCell>等次</TableCell>
                  <TableCell>说明</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.rows.map((r) => (
                  <TableRow key={r.communityId}>
                    <TableCell>{r.name}</TableCell>
                    <TableCell>{fmtPoints(r.oldTotal)}</TableCell>
                    <TableCell>{fmtPoints(r.newTotal)}</TableCell>
                    <TableCell>{fmtPoints(r.delta)}</TableCell>
                    <TableCell>
                      {r.oldRank} → {r.newRank}
                    </TableCell>
                    <TableCell>
                      {r.oldGrade} → {r.newGrade}
                    </TableCell>
                    <TableCell>
                      {r.unmatchedItems.length ? `新增/变化指标未评分：${r.unmatchedItems.join('、')}` : ''}
                      {r.droppedItems.length ? ` 新版已删除：${r.droppedItems.join('、')}` : ''}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
          {can('rounds:acceptWhatIf') && (
            <Box sx={{ display: 'flex', gap: 1 }}>
              <TextField size="small" label="采用理由" value={reason} onChange={(e) => setReason(e.target.value)} sx={{ flex: 1 }} />
              <Button variant="contained" disabled={!reason.trim()} onClick={accept}>
                采用新版本（记入日志）
              </Button>
              <Button onClick={() => setData(null)}>放弃</Button>
            </Box>
          )}
        </>
      )}
    </Box>
  );
}

function AnnualTab({ year }: { year: number }) {
  const [data, setData] = useState<ChannelOutput<'rounds:annual'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('rounds:annual', { year }).then(setData, (e: unknown) => setError(message(e)));
  }, [year]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!data) return <Typography>正在计算…</Typography>;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="body2">
        {data.year}年度汇总（{data.coverage}，只计已定稿的季度；{data.rule}；缺少的季度不计为0分，按已有季度平均并注明）
      </Typography>
      <Paper>
        <Table size="small" data-testid="annual-table">
          <TableHead>
            <TableRow>
              <TableCell>名次</TableCell>
              <TableCell>社区</TableCell>
              {[1, 2, 3, 4].map((q) => (
                <TableCell key={q}>第{['一', '二', '三', '四'][q - 1]}季度</TableCell>
              ))}
              <TableCell>年度得分</TableCell>
              <TableCell>等次</TableCell>
              <TableCell>说明</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.rows.map((r) => (
              <TableRow key={r.communityId}>
                <TableCell>{r.rank || '—'}</TableCell>
                <TableCell>{r.name}</TableCell>
                {r.quarters.map((q) => (
                  <TableCell key={q.quarter}>{q.total === null ? '缺' : `${fmtPoints(q.total)}${q.vetoed ? '（否决）' : ''}`}</TableCell>
                ))}
                <TableCell>
                  <b>{r.annual === null ? '—' : fmtPoints(r.annual)}</b>
                </TableCell>
                <TableCell>{r.grade ?? '—'}</TableCell>
                <TableCell>{r.notes.join('；')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Box>
  );
}
