import { useEffect, useState } from 'react';
import { Alert, Box, Button, Paper, TextField, Typography } from '@mui/material';
import type { DatabaseInfo, DatabaseTestResult } from '../../../../shared/ipc/channels/database.channels';
import { call, errorText } from '../../api/client';

/** 系统设置 → 数据库 (administrators): which database this PC uses; 测试连接, then 切换. */
export function DatabaseSection() {
  const [info, setInfo] = useState<DatabaseInfo | null>(null);
  const [url, setUrl] = useState('');
  const [tested, setTested] = useState<DatabaseTestResult | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('database:info', {}).then(setInfo, () => setInfo(null));
  }, []);

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await action() });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const test = () =>
    run(async () => {
      setTested(null);
      const result = await call('database:test', { url });
      setTested(result);
      return result.message;
    });
  const switchTo = (kind: 'sqlite' | 'postgres') =>
    run(async () => (await call('database:switch', kind === 'sqlite' ? { kind } : { kind, url })).message);

  if (!info) return null;
  return (
    <Paper sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 1.5 }} data-testid="database-section">
      <Typography variant="h6">数据库</Typography>
      <Typography variant="body2">
        本机当前使用：{info.kind === 'sqlite' ? '本机数据库文件' : '共享数据库（PostgreSQL）'} {info.target}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {info.passwordStorage === 'safeStorage'
          ? '共享数据库的密码经 Windows 加密保存在本机，不以明文保存。'
          : '浏览器模式不能在此切换数据库，也不保存任何密码（只能测试连接）。要使用其他数据库，请在桌面程序中切换，或用 --db 参数重新启动。'}
      </Typography>
      <TextField
        label="共享数据库地址"
        placeholder="postgres://用户名:密码@服务器:5432/数据库名"
        value={url}
        type="password"
        onChange={(e) => {
          setUrl(e.target.value);
          setTested(null);
        }}
        slotProps={{ htmlInput: { 'data-testid': 'database-url' } }}
      />
      {message && <Alert severity={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button variant="outlined" disabled={busy || !url} onClick={() => void test()} data-testid="database-test">
          测试连接
        </Button>
        <Button
          variant="contained"
          disabled={busy || !info.canSwitch || !tested || tested.schema === 'newer'}
          onClick={() => void switchTo('postgres')}
        >
          切换到共享数据库
        </Button>
        {info.kind === 'postgres' && (
          <Button disabled={busy || !info.canSwitch} onClick={() => void switchTo('sqlite')}>
            切换回本机数据库
          </Button>
        )}
      </Box>
    </Paper>
  );
}
