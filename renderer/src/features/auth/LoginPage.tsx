import { useState, type FormEvent } from 'react';
import { Alert, Button, Stack, TextField } from '@mui/material';
import { call, errorText } from '../../api/client';
import { useAuth } from './auth-context';
import { AuthScreen } from './AuthScreen';

/** 登录. Wrong passwords are counted on the server; the fifth locks the account for 5 minutes. */
export function LoginPage() {
  const { signedIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError('请输入用户名和密码。');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      signedIn(await call('auth:login', { username: username.trim(), password }));
    } catch (err) {
      setError(errorText(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthScreen title="登录" subtitle="请输入管理员为您分配的用户名和密码。" testId="login-page">
      <Stack component="form" spacing={2} onSubmit={submit} noValidate>
        <TextField
          label="用户名"
          value={username}
          autoFocus
          autoComplete="username"
          onChange={(e) => setUsername(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'login-username', maxLength: 32 } }}
        />
        <TextField
          label="密码"
          type="password"
          value={password}
          autoComplete="current-password"
          onChange={(e) => setPassword(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'login-password', maxLength: 128 } }}
        />
        {error && (
          <Alert severity="error" data-testid="login-error">
            {error}
          </Alert>
        )}
        <Button type="submit" variant="contained" size="large" disabled={busy} data-testid="login-submit">
          {busy ? '正在登录…' : '登录'}
        </Button>
      </Stack>
    </AuthScreen>
  );
}
