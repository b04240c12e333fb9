import { useState } from 'react';
import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { call, errorText } from '../../api/client';

interface Answer {
  match: boolean;
  round?: string | undefined;
  finalizedAt?: string | undefined;
  docNumber?: string | null | undefined;
  reason?: string | undefined;
}

/** 2021-10-15T08:00:00.000Z -> 2021年10月15日 (local date). */
function dayOf(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/**
 * 核验: checks the 校验码 printed on a paper 通报 (or scanned from its QR code) against the code
 * stored when the round was finalized.
 */
export function VerifyPanel() {
  const [code, setCode] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function verify() {
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      setAnswer(await call('report:verify', { code }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }} data-testid="verify-panel">
      <Typography variant="subtitle1">核验纸质通报</Typography>
      <Typography variant="body2" color="text.secondary">
        输入通报末尾印的内容校验码（可含空格，或扫描二维码得到的文字），与定稿时存档的校验码比对。
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField
          size="small"
          label="校验码"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && code.trim()) void verify();
          }}
          sx={{ flex: 1 }}
          slotProps={{ htmlInput: { 'data-testid': 'verify-code', maxLength: 200 } }}
        />
        <Button variant="outlined" disabled={busy || !code.trim()} onClick={() => void verify()} data-testid="verify-run">
          核验
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {answer?.match && (
        <Alert severity="success" data-testid="verify-result" data-match="yes">
          一致：{answer.round}
          {answer.docNumber ? `（${answer.docNumber}）` : ''}，定稿于{dayOf(answer.finalizedAt)}。纸质件与存档一致。
        </Alert>
      )}
      {answer && !answer.match && (
        <Alert severity="error" data-testid="verify-result" data-match="no">
          不一致：{answer.reason ?? '存档中没有这个校验码。'}
        </Alert>
      )}
    </Paper>
  );
}
