import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Paper,
  Snackbar,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/ipc/channel';
import { displayNameSchema, passwordSchema, usernameSchema, type UserDto } from '../../../../shared/ipc/channels/auth.channels';
import { call, errorText } from '../../api/client';
import { useAuth } from '../auth/auth-context';

const ROLE_HELP: Record<Role, string> = {
  admin: '全部功能，含用户管理、备份与恢复',
  assessor: '为分配给自己的社区打分',
  reviewer: '审核、公示、定稿、解锁与报告',
  viewer: '只能查看，不能修改',
};

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserDto } | { mode: 'reset'; user: UserDto };

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

function formatTime(iso: string | null): string {
  if (!iso) return '从未登录';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 用户管理 (administrators only): accounts, roles, password resets, disabling. */
export function UsersSection() {
  const { user: me } = useAuth();
  const [users, setUsers] = useState<UserDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setUsers(await call('users:list', {}));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function toggleDisabled(user: UserDto) {
    try {
      await call('users:disable', { id: user.id, disabled: !user.disabled });
      setNotice(user.disabled ? `已启用「${user.displayName}」` : `已停用「${user.displayName}」`);
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <Paper sx={{ p: 3 }} data-testid="users-section" data-state={users ? 'ready' : 'loading'}>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" sx={{ flex: 1 }}>
          用户管理
        </Typography>
        <Button variant="contained" onClick={() => setEditing({ mode: 'create' })} data-testid="user-add">
          新建用户
        </Button>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        新用户首次登录时须修改密码。连续输错 5 次密码的账号会锁定 5 分钟，重置密码可立即解锁。
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Table size="small" aria-label="用户列表">
        <TableHead>
          <TableRow>
            <TableCell>用户名</TableCell>
            <TableCell>姓名</TableCell>
            <TableCell>角色</TableCell>
            <TableCell>状态</TableCell>
            <TableCell>最近登录</TableCell>
            <TableCell align="right">操作</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(users ?? []).map((u) => (
            <TableRow key={u.id} data-testid={`user-row-${u.username}`}>
              <TableCell>{u.username}</TableCell>
              <TableCell>{u.displayName}</TableCell>
              <TableCell>{ROLE_LABELS[u.role]}</TableCell>
              <TableCell>
                {u.disabled ? (
                  <Chip size="small" label="已停用" />
                ) : u.lockedUntil ? (
                  <Chip size="small" color="warning" label="已锁定" />
                ) : (
                  <Chip size="small" color="success" variant="outlined" label="正常" />
                )}
                {u.mustChangePassword && !u.disabled && <Chip size="small" variant="outlined" label="待改密码" sx={{ ml: 0.5 }} />}
              </TableCell>
              <TableCell>{formatTime(u.lastLoginAt)}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Button size="small" onClick={() => setEditing({ mode: 'edit', user: u })}>
                  修改
                </Button>
                <Button size="small" onClick={() => setEditing({ mode: 'reset', user: u })} data-testid={`user-reset-${u.username}`}>
                  重置密码
                </Button>
                <Button
                  size="small"
                  color={u.disabled ? 'primary' : 'error'}
                  disabled={u.id === me?.id}
                  onClick={() => void toggleDisabled(u)}
                  data-testid={`user-toggle-${u.username}`}
                >
                  {u.disabled ? '启用' : '停用'}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {editing && (
        <UserDialog
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            setNotice(message);
            void load();
          }}
        />
      )}
      <Snackbar open={notice !== null} autoHideDuration={3000} onClose={() => setNotice(null)} message={notice ?? ''} />
    </Paper>
  );
}

function UserDialog({ editing, onClose, onSaved }: { editing: Editing; onClose: () => void; onSaved: (message: string) => void }) {
  const existing = editing.mode === 'create' ? null : editing.user;
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(existing?.displayName ?? '');
  const [role, setRole] = useState<Role>(existing?.role ?? 'assessor');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const title =
    editing.mode === 'create'
      ? '新建用户'
      : editing.mode === 'edit'
        ? `修改用户「${editing.user.username}」`
        : `重置「${editing.user.displayName}」的密码`;

  async function save() {
    const next: Record<string, string | undefined> = {};
    if (editing.mode === 'create') next.username = firstIssue(usernameSchema.safeParse(username));
    if (editing.mode !== 'reset') next.displayName = firstIssue(displayNameSchema.safeParse(displayName));
    if (editing.mode !== 'edit') next.password = firstIssue(passwordSchema.safeParse(password));
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    setBusy(true);
    setFailure(null);
    try {
      if (editing.mode === 'create') {
        await call('users:create', { username: username.trim(), displayName: displayName.trim(), role, password });
        onSaved(`已新建用户「${displayName.trim()}」，首次登录时须修改密码`);
      } else if (editing.mode === 'edit') {
        await call('users:update', { id: editing.user.id, displayName: displayName.trim(), role });
        onSaved('已保存');
      } else {
        await call('users:resetPassword', { id: editing.user.id, newPassword: password });
        onSaved(`已重置密码，「${editing.user.displayName}」下次登录时须修改密码`);
      }
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={1} sx={{ pt: 1 }} data-testid="user-dialog">
          {editing.mode === 'create' && (
            <TextField
              label="用户名"
              value={username}
              autoFocus
              onChange={(e) => setUsername(e.target.value)}
              error={Boolean(errors.username)}
              helperText={errors.username ?? '登录时使用，创建后不可修改'}
              slotProps={{ htmlInput: { 'data-testid': 'user-username' } }}
            />
          )}
          {editing.mode !== 'reset' && (
            <>
              <TextField
                label="姓名"
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
                error={Boolean(errors.displayName)}
                helperText={errors.displayName ?? ' '}
                slotProps={{ htmlInput: { 'data-testid': 'user-display-name' } }}
              />
              <TextField
                select
                label="角色"
                value={role}
                onChange={(e) => setRole(e.target.value as Role)}
                helperText={ROLE_HELP[role]}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'user-role' } as object } }}
              >
                {ROLES.map((r) => (
                  <MenuItem key={r} value={r} data-testid={`role-option-${r}`}>
                    {ROLE_LABELS[r]}
                  </MenuItem>
                ))}
              </TextField>
            </>
          )}
          {editing.mode !== 'edit' && (
            <TextField
              label={editing.mode === 'create' ? '初始密码' : '新密码'}
              type="password"
              value={password}
              autoComplete="new-password"
              onChange={(e) => setPassword(e.target.value)}
              error={Boolean(errors.password)}
              helperText={errors.password ?? '至少 8 位，须包含字母和数字；请当面或电话告知本人'}
              slotProps={{ htmlInput: { 'data-testid': 'user-password' } }}
            />
          )}
          {failure && <Alert severity="error">{failure}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button variant="contained" disabled={busy} onClick={() => void save()} data-testid="user-save">
          {busy ? '正在保存…' : '保存'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
