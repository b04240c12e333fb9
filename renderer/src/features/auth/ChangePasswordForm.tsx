import { useState, type FormEvent } from 'react';
import { Alert, Button, Stack, TextField } from '@mui/material';
import { passwordSchema } from '../../../../shared/ipc/channels/auth.channels';
import { call, errorText } from '../../api/client';
import { useAuth } from './auth-context';

/** Current password + new password twice. Used by the forced screen and the title-bar dialog. */
export function ChangePasswordForm({
  onDone,
  onCancel,
  cancelLabel = '取消',
}: {
  onDone: () => void;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  const { updateUser } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = passwordSchema.safeParse(next);
    if (!current) return setError('请输入当前密码。');
    if (!parsed.success) return setError(`新密码不符合要求：${parsed.error.issues[0]?.message ?? ''}`);
    if (next !== confirm) return setError('两次输入的新密码不一致。');
    setBusy(true);
    setError(null);
    try {
      updateUser(await call('auth:changePassword', { currentPassword: current, newPassword: next }));
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate>
      <TextField
        label="当前密码"
        type="password"
        value={current}
        autoFocus
        autoComplete="current-password"
        onChange={(e) => setCurrent(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'pw-current' } }}
      />
      <TextField
        label="新密码"
        type="password"
        value={next}
        autoComplete="new-password"
        helperText="至少 8 位，须包含字母和数字，不能包含用户名"
        onChange={(e) => setNext(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'pw-new' } }}
      />
      <TextField
        label="再次输入新密码"
        type="password"
        value={confirm}
        autoComplete="new-password"
        onChange={(e) => setConfirm(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'pw-confirm' } }}
      />
      {error && <Alert severity="error">{error}</Alert>}
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="contained" disabled={busy} data-testid="pw-submit">
          {busy ? '正在保存…' : '修改密码'}
        </Button>
        {onCancel && <Button onClick={onCancel}>{cancelLabel}</Button>}
      </Stack>
    </Stack>
  );
}
