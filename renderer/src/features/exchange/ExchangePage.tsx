import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Paper,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import type { RoundSummary } from '../../../../shared/ipc/channels/rounds.channels';
import type { SenderDto } from '../../../../shared/ipc/channels/exchange.channels';
import { formatFingerprint } from '../../../../shared/domain/exchange/package-format';
import { call, errorText, saveStagedFile } from '../../api/client';
import { useCan } from '../../app/access';
import { ReceivePanel } from './ReceivePanel';
import { ReportingMatrix } from './ReportingMatrix';

/** 上报与接收: send a finalized round up, receive packages from below, and see who has reported. */
export function ExchangePage() {
  const [tab, setTab] = useState<'send' | 'receive' | 'matrix'>('receive');
  return (
    <Box data-testid="exchange-page">
      <Typography variant="h5" component="h2" gutterBottom>
        上报与接收
      </Typography>
      <Tabs value={tab} onChange={(_e, v: typeof tab) => setTab(v)} sx={{ mb: 2 }}>
        <Tab value="receive" label="接收" data-testid="tab-receive" />
        <Tab value="matrix" label="上报情况" data-testid="tab-matrix" />
        <Tab value="send" label="上报" data-testid="tab-send" />
      </Tabs>
      {tab === 'send' && <SendPanel />}
      {tab === 'receive' && <ReceivePanel />}
      {tab === 'matrix' && <MatrixWithSenders />}
    </Box>
  );
}

/** 上报: this unit's fingerprint, and a signed package for each finalized round. */
function SendPanel() {
  const can = useCan();
  const [rounds, setRounds] = useState<RoundSummary[] | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  useEffect(() => {
    call('rounds:list', {}).then(setRounds, (e: unknown) => setMessage({ severity: 'error', text: errorText(e) }));
    if (can('exchange:key'))
      call('exchange:key', {}).then(
        (k) => setKey(k.fingerprint),
        () => setKey(null),
      );
  }, [can]);
  async function send(roundId: string) {
    try {
      const r = await call('exchange:export', { roundId });
      await saveStagedFile(r.fileId, r.name);
      setMessage({ severity: 'success', text: `已导出 ${r.name}（第${r.revision}版，${r.units}个单位）。请通过 U 盘或邮件报送上级单位。` });
    } catch (e) {
      setMessage({ severity: 'error', text: errorText(e) });
    }
  }
  const finalized = (rounds ?? []).filter((r) => r.state === 'finalized');
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {key && (
        <Paper sx={{ p: 2 }}>
          <Typography variant="subtitle1">本单位签名指纹</Typography>
          <Typography sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="own-fingerprint">
            {formatFingerprint(key)}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            上级单位第一次接收前，需通过电话或书面方式与其核对此指纹。
          </Typography>
        </Paper>
      )}
      {message && <Alert severity={message.severity}>{message.text}</Alert>}
      <Paper sx={{ p: 2 }}>
        <Typography variant="subtitle1" gutterBottom>
          已定稿的季度考评
        </Typography>
        {rounds && finalized.length === 0 && <Typography color="text.secondary">还没有定稿的季度考评：定稿后才能上报。</Typography>}
        {finalized.map((r) => (
          <Box key={r.id} sx={{ display: 'flex', alignItems: 'center', gap: 2, py: 0.5 }}>
            <Typography sx={{ flex: 1 }}>
              {r.title}（{r.communityCount}个社区）
            </Typography>
            <Button
              variant="contained"
              size="small"
              disabled={!can('exchange:export')}
              onClick={() => void send(r.id)}
              data-testid={`send-${r.id}`}
            >
              导出上报数据包
            </Button>
          </Box>
        ))}
      </Paper>
    </Box>
  );
}

/** The matrix, and the trusted senders it expects (an administrator adds one by its fingerprint). */
function MatrixWithSenders() {
  const can = useCan();
  const [senders, setSenders] = useState<SenderDto[]>([]);
  const [form, setForm] = useState({ fingerprint: '', name: '', code: '' });
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [removing, setRemoving] = useState<SenderDto | null>(null);
  const load = useCallback(() => call('exchange:senders', {}).then(setSenders, (e: unknown) => setError(errorText(e))), []);
  useEffect(() => void load(), [load]);
  async function trust() {
    try {
      await call('exchange:trust', { ...form, level: form.code.length === 9 ? '街道' : '县区' });
      setForm({ fingerprint: '', name: '', code: '' });
      setError(null);
      await load();
      setVersion((v) => v + 1);
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function untrust(s: SenderDto) {
    setRemoving(null);
    try {
      await call('exchange:untrust', { fingerprint: s.fingerprint });
      setError(null);
      await load();
      setVersion((v) => v + 1);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <ReportingMatrix key={version} />
      <Paper sx={{ p: 2 }}>
        <Typography variant="subtitle1" gutterBottom>
          信任的报送单位（{senders.length}）
        </Typography>
        {senders.map((s) => (
          <Box key={s.fingerprint} sx={{ display: 'flex', gap: 2, py: 0.5, alignItems: 'center' }}>
            <Chip size="small" label={s.level} />
            <Typography sx={{ width: 160 }}>{s.name}</Typography>
            <Typography sx={{ width: 100 }}>{s.code}</Typography>
            <Typography variant="body2" sx={{ fontFamily: 'monospace' }} color="text.secondary">
              {formatFingerprint(s.fingerprint).slice(0, 39)}…
            </Typography>
            {can('exchange:untrust') && (
              <Button size="small" color="error" onClick={() => setRemoving(s)} aria-label={`移除 ${s.name}`}>
                移除
              </Button>
            )}
          </Box>
        ))}
        <Dialog open={removing !== null} onClose={() => setRemoving(null)}>
          <DialogTitle>移除信任的报送单位</DialogTitle>
          <DialogContent>
            <DialogContentText>
              确定不再信任“{removing?.name}”（{removing?.code}
              ）的签名密钥吗？此后用该密钥签名的数据包将被拒收；已经接收的数据保留。需要时可凭对方指纹重新信任。
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setRemoving(null)}>取消</Button>
            <Button color="error" variant="contained" onClick={() => removing && void untrust(removing)}>
              移除
            </Button>
          </DialogActions>
        </Dialog>
        {can('exchange:trust') && (
          <Box sx={{ display: 'flex', gap: 1, mt: 2, flexWrap: 'wrap' }}>
            <TextField
              size="small"
              label="对方指纹"
              sx={{ flex: 2, minWidth: 320 }}
              value={form.fingerprint}
              onChange={(e) => setForm({ ...form, fingerprint: e.target.value })}
            />
            <TextField size="small" label="单位名称" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            <TextField size="small" label="统计用区划代码" value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
            <Button variant="outlined" onClick={() => void trust()} disabled={!form.fingerprint || !form.name || !form.code}>
              信任
            </Button>
          </Box>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
      </Paper>
    </Box>
  );
}
