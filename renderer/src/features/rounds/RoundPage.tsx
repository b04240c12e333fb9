import { useState } from 'react';
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
  Paper,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { ROUND_STATE_LABELS, type RoundState } from '../../../../shared/domain/round/round-workflow';
import { call, errorText } from '../../api/client';
import { SendRoundButton } from '../exchange/SendRoundButton';
import { navigate } from '../../app/router';
import { useAuth } from '../auth/auth-context';
import { ADVANCE_LABELS, stateColor } from './round-ui';
import { usePeople } from '../../app/people';
import { FinalizeDialog } from './FinalizeDialog';
import { useChannel } from '../../hooks/useChannel';
import { ProgressTab } from './ProgressTab';
import { ResultsTab } from './ResultsTab';
import { AppealsTab } from './AppealsTab';
import { RectificationsTab } from './RectificationsTab';
import { WhatIfTab } from './WhatIfTab';
import { AnnualTab } from './AnnualTab';

const TABS: { key: string; label: string }[] = [
  { key: 'progress', label: '评分进度' },
  { key: 'results', label: '考评结果' },
  { key: 'appeals', label: '公示与申诉' },
  { key: 'rectifications', label: '整改清单' },
  { key: 'whatif', label: '新版标准试算' },
  { key: 'annual', label: '年度汇总' },
];

/** One round: workflow buttons, progress matrix (communities × status) and the results views. */
export function RoundPage({ roundId, tab }: { roundId: string; tab: string }) {
  const round = useChannel('rounds:get', { roundId });
  const { data: detail, setData: setDetail, reload: load } = round;
  // What an action on this page refused (a failed load shows too, until the next good one).
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ to: RoundState | 'unlock' } | null>(null);
  const { user } = useAuth();
  const role = user?.role ?? 'viewer';
  const reviewer = role === 'admin' || role === 'reviewer';
  // Assessors submit; reviewers and administrators do the rest (the main process checks it too).
  const allowed = (s: RoundState) => role !== 'viewer' && (s === 'submitted' || reviewer);
  const { nameOf } = usePeople();

  async function advance(to: RoundState, comment?: string, docNumber?: number) {
    setError(null);
    try {
      setDetail(
        await call('rounds:advance', { roundId, to, ...(comment ? { comment } : {}), ...(docNumber !== undefined ? { docNumber } : {}) }),
      );
      setNotice(`已改为“${ROUND_STATE_LABELS[to]}”。`);
      setDialog(null);
    } catch (e) {
      setError(errorText(e));
      setDialog(null);
    }
  }

  const shownError = error ?? round.error;
  if (!detail) return shownError ? <Alert severity="error">{shownError}</Alert> : <Typography>正在加载…</Typography>;
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
      {shownError && (
        <Alert severity="error" onClose={() => setError(null)} data-testid="round-error">
          {shownError}
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
      setError(errorText(e));
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
