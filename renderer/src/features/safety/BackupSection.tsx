import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Paper,
  Snackbar,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import type { BackupEntry } from '../../../../shared/ipc/channels/backup.channels';
import { call, saveStagedFile, errorText } from '../../api/client';
import { pickFile } from '../../api/pick-file';
import { useAuth } from '../auth/auth-context';
import { useUnitSettings } from '../../app/unit-settings-context';
import { MONO_FONT } from '../../theme/theme';
import { DatabaseCheck } from './DatabaseCheck';

interface Listing {
  dir: string;
  keep: number;
  backups: BackupEntry[];
}

type RestoreSource = { backupName: string; label: string } | { fileId: string; label: string };

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function when(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** 备份与恢复 (administrators only). */
export function BackupSection() {
  const { refresh } = useAuth();
  const unit = useUnitSettings();
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [keep, setKeep] = useState('');
  const [confirm, setConfirm] = useState<RestoreSource | null>(null);

  const load = useCallback(async () => {
    try {
      const next = await call('backup:list', {});
      setListing(next);
      setKeep(String(next.keep));
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function run(label: string, action: () => Promise<void>) {
    setBusy(label);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  const backupNow = () =>
    run('backup', async () => {
      const result = await call('backup:create', {});
      setNotice(`已备份：${result.backup.name}`);
      await load();
    });

  const backupToFile = () =>
    run('export', async () => {
      const result = await call('backup:create', {});
      // A shared database's backup is a zip (logical export); a local one a .sqlite file.
      const ext = result.backup.name.endsWith('.zip') ? 'zip' : 'sqlite';
      await saveStagedFile(result.fileId, `考评系统备份-${result.backup.createdAt.slice(0, 10)}.${ext}`);
      await load();
    });

  const chooseFile = () =>
    run('pick', async () => {
      const staged = await pickFile({ title: '选择备份文件', filters: [{ name: '考评系统备份', extensions: ['sqlite', 'db', 'zip'] }] });
      if (staged) setConfirm({ fileId: staged.fileId, label: staged.name });
    });

  const saveKeep = () =>
    run('keep', async () => {
      const n = Number(keep);
      const result = await call('backup:configure', { keep: n });
      setNotice(`将保留最近 ${result.keep} 份备份`);
      await load();
    });

  const restore = (source: RestoreSource) =>
    run('restore', async () => {
      setConfirm(null);
      const input = 'backupName' in source ? { backupName: source.backupName } : { fileId: source.fileId };
      const result = await call('backup:restore', input);
      setNotice(`已从「${result.restoredFrom}」恢复。恢复前的数据已备份为「${result.safetyBackup}」。`);
      await load();
      await unit.reload();
      // Accounts now come from the restored database: the login screen shows if this session is not in it.
      await refresh();
    });

  return (
    <Paper sx={{ p: 3 }} data-testid="backup-section" data-state={listing ? 'ready' : 'loading'}>
      <Typography variant="h6" gutterBottom>
        备份与恢复
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        系统在每天首次启动、每次导入、季度考评定稿和升级之前自动备份。恢复前会先检查备份文件，并自动备份当前数据。
        {listing && ` 备份文件夹：${listing.dir}`}
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)} data-testid="backup-error">
          {error}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
        <Button variant="contained" disabled={busy !== null} onClick={() => void backupNow()} data-testid="backup-now">
          {busy === 'backup' ? '正在备份…' : '立即备份'}
        </Button>
        <Button variant="outlined" disabled={busy !== null} onClick={() => void backupToFile()} data-testid="backup-export">
          备份到文件…
        </Button>
        <Button variant="outlined" color="warning" disabled={busy !== null} onClick={() => void chooseFile()} data-testid="restore-file">
          从文件恢复…
        </Button>
        <Box sx={{ flex: 1 }} />
        <TextField
          size="small"
          label="保留份数"
          value={keep}
          onChange={(e) => setKeep(e.target.value.replace(/\D/g, ''))}
          sx={{ width: 110 }}
          slotProps={{ htmlInput: { 'data-testid': 'backup-keep', inputMode: 'numeric' } }}
        />
        <Button disabled={busy !== null || keep === String(listing?.keep ?? '')} onClick={() => void saveKeep()}>
          保存
        </Button>
      </Box>
      <Table size="small" aria-label="备份列表">
        <TableHead>
          <TableRow>
            <TableCell>类型</TableCell>
            <TableCell>时间</TableCell>
            <TableCell>大小</TableCell>
            <TableCell>文件名</TableCell>
            <TableCell align="right">操作</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {listing?.backups.length === 0 && (
            <TableRow>
              <TableCell colSpan={5}>还没有备份。</TableCell>
            </TableRow>
          )}
          {(listing?.backups ?? []).map((b) => (
            <TableRow key={b.name} data-testid="backup-row">
              <TableCell>{b.kind}</TableCell>
              <TableCell>{when(b.createdAt)}</TableCell>
              <TableCell>{size(b.size)}</TableCell>
              <TableCell sx={{ fontFamily: MONO_FONT, fontSize: 12 }}>{b.name}</TableCell>
              <TableCell align="right">
                <Button
                  size="small"
                  color="warning"
                  disabled={busy !== null}
                  onClick={() => setConfirm({ backupName: b.name, label: b.name })}
                >
                  恢复
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <DatabaseCheck disabled={busy !== null} />
      <Dialog open={confirm !== null} onClose={() => setConfirm(null)}>
        <DialogTitle>确认恢复</DialogTitle>
        <DialogContent>
          <DialogContentText>
            将用「{confirm?.label}
            」替换当前的全部数据（名册、考核标准、考评记录、用户账号）。替换前会检查该文件，并自动备份当前数据，可随时恢复回来。恢复后所有人需要重新登录。
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(null)}>取消</Button>
          <Button color="warning" variant="contained" onClick={() => confirm && void restore(confirm)} data-testid="restore-confirm">
            恢复
          </Button>
        </DialogActions>
      </Dialog>
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} message={notice ?? ''} />
    </Paper>
  );
}
