import type { ReactNode } from 'react';
import { Alert, Box, Button, CircularProgress } from '@mui/material';
import { useAuth } from './auth-context';
import { AuthScreen } from './AuthScreen';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LoginPage } from './LoginPage';
import { SetupPage } from './SetupPage';

/** Nothing of the app shows until someone is logged in (and has replaced a password an admin set). */
export function AuthGate({ children }: { children: ReactNode }) {
  const { phase, user, error, refresh, logout } = useAuth();
  if (phase === 'loading') {
    return (
      <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }} data-state="loading">
        <CircularProgress aria-label="正在加载" />
      </Box>
    );
  }
  if (phase === 'error') {
    return (
      <AuthScreen title="无法连接" testId="auth-error">
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
        <Button variant="contained" onClick={() => void refresh()}>
          重试
        </Button>
      </AuthScreen>
    );
  }
  if (phase === 'setup') return <SetupPage />;
  if (phase === 'login' || !user) return <LoginPage />;
  if (user.mustChangePassword) {
    return (
      <AuthScreen
        title="请修改密码"
        subtitle={`${user.displayName}，您的密码是管理员设置的。请设置一个只有您知道的新密码后继续。`}
        testId="force-password-page"
      >
        <ChangePasswordForm onDone={() => undefined} onCancel={() => void logout()} cancelLabel="退出登录" />
      </AuthScreen>
    );
  }
  return <>{children}</>;
}
