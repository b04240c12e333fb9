import { useState, type FormEvent } from 'react';
import { Alert, Button, Stack, TextField } from '@mui/material';
import { displayNameSchema, passwordSchema, usernameSchema } from '../../../../shared/ipc/channels/auth.channels';
import { call, errorText } from '../../api/client';
import { useAuth } from './auth-context';
import { AuthScreen } from './AuthScreen';

type Field = 'username' | 'displayName' | 'password' | 'confirm';

/** First run: create the administrator account (only possible while no account exists). */
export function SetupPage() {
  const { signedIn } = useAuth();
  const [form, setForm] = useState<Record<Field, string>>({ username: 'admin', displayName: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  function check(): boolean {
    const next: Partial<Record<Field, string>> = {};
    const u = usernameSchema.safeParse(form.username);
    if (!u.success) next.username = u.error.issues[0]?.message;
    const d = displayNameSchema.safeParse(form.displayName);
    if (!d.success) next.displayName = d.error.issues[0]?.message;
    const p = passwordSchema.safeParse(form.password);
    if (!p.success) next.password = p.error.issues[0]?.message;
    else if (form.password !== form.confirm) next.confirm = '两次输入的密码不一致';
    setErrors(next);
    return Object.keys(next).length === 0;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!check()) return;
    setBusy(true);
    setFailure(null);
    try {
      signedIn(await call('auth:setup', { username: form.username.trim(), displayName: form.displayName.trim(), password: form.password }));
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const field = (key: Field, label: string, extra: { type?: string; autoComplete?: string; helper?: string } = {}) => (
    <TextField
      label={label}
      type={extra.type ?? 'text'}
      value={form[key]}
      autoComplete={extra.autoComplete}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      error={Boolean(errors[key])}
      helperText={errors[key] ?? extra.helper ?? ' '}
      slotProps={{ htmlInput: { 'data-testid': `setup-${key}` } }}
    />
  );

  return (
    <AuthScreen
      title="创建管理员"
      subtitle="首次使用：请创建管理员账号。管理员可以新建其他用户、分配角色和重置密码。请牢记密码。"
      testId="setup-page"
    >
      <Stack component="form" spacing={1} onSubmit={submit} noValidate>
        {field('username', '用户名', { autoComplete: 'username' })}
        {field('displayName', '姓名', { helper: '显示在标题栏和操作日志中' })}
        {field('password', '密码', { type: 'password', autoComplete: 'new-password', helper: '至少 8 位，须包含字母和数字' })}
        {field('confirm', '再次输入密码', { type: 'password', autoComplete: 'new-password' })}
        {failure && <Alert severity="error">{failure}</Alert>}
        <Button type="submit" variant="contained" size="large" disabled={busy} data-testid="setup-submit">
          {busy ? '正在创建…' : '创建并登录'}
        </Button>
      </Stack>
    </AuthScreen>
  );
}
