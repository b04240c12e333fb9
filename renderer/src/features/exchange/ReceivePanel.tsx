import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ImportResultDto, ReceivedPackageDto } from '../../../../shared/ipc/channels/exchange.channels';
import { IMPORT_STATUS_LABELS } from '../../../../shared/domain/exchange/import-decision';
import { call, errorText } from '../../api/client';
import { pickFile } from '../../api/pick-file';
import { useCan } from '../../app/access';

const CHANGE_LABELS = { added: '新增', changed: '有变化', unchanged: '不变', removed: '删除' } as const;
const CHANGE_COLORS = { added: 'success', changed: 'warning', unchanged: 'default', removed: 'error' } as const;
const PACKAGE_STATUS = { current: '在用', superseded: '旧版本', conflict: '冲突待决定', rejected: '已驳回' } as const;

/** 接收: choose a package, see per unit what it would change (nothing written), then receive it. */
export function ReceivePanel() {
  const can = useCan();
  const [staged, setStaged] = useState<{ fileId: string; name: string } | null>(null);
  const [preview, setPreview] = useState<ImportResultDto | null>(null);
  const [done, setDone] = useState<ImportResultDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [packages, setPackages] = useState<ReceivedPackageDto[]>([]);
  const load = useCallback(() => call('exchange:packages', {}).then(setPackages, (e: unknown) => setError(errorText(e))), []);
  useEffect(() => void load(), [load]);

  async function choose() {
    setError(null);
    setDone(null);
    setPreview(null);
    const file = await pickFile({ title: '选择数据包', filters: [{ name: '考评数据包', extensions: ['cadx'] }] }).catch((e: unknown) => {
      setError(errorText(e));
      return null;
    });
    if (!file) return;
    setStaged(file);
    setBusy(true);
    try {
      setPreview(await call('exchange:import', { fileId: file.fileId, dryRun: true }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  async function receive() {
    if (!staged) return;
    setBusy(true);
    try {
      const r = await call('exchange:import', { fileId: staged.fileId, dryRun: false });
      setDone(r);
      setPreview(null);
      await load();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  async function resolve(id: number, decision: 'accept' | 'keep') {
    const reason = window.prompt(decision === 'accept' ? '采用新数据包的理由：' : '保留现有数据包的理由：');
    if (!reason) return;
    try {
      await call('exchange:resolveConflict', { packageId: id, decision, reason });
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  }
  const conflicts = packages.filter((p) => p.status === 'conflict');
  const writes = preview && (preview.status === 'new' || preview.status === 'replaces' || preview.status === 'conflict');
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Paper sx={{ p: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
          <Typography sx={{ flex: 1 }} color="text.secondary">
            选择下级单位报送的数据包（.cadx）：先核对签名并预览各单位的变化，确认后才写入。
          </Typography>
          <Button variant="contained" onClick={() => void choose()} disabled={busy || !can('exchange:import')} data-testid="choose-package">
            选择数据包…
          </Button>
        </Box>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="receive-error">
            {error}
          </Alert>
        )}
        {done && (
          <Alert severity={done.committed ? 'success' : 'info'} sx={{ mt: 2 }} data-testid="receive-done">
            {done.sender.name} {done.round} 第{done.revision}版：{IMPORT_STATUS_LABELS[done.status]}
            {done.committed ? '，已接收。' : done.status === 'conflict' ? '，已存档，请在下方决定采用哪一份。' : '，未写入。'}
          </Alert>
        )}
      </Paper>
      {preview && (
        <Paper sx={{ p: 2 }} data-testid="receive-preview" data-status={preview.status}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
            <Box sx={{ flex: 1 }}>
              <Typography variant="subtitle1">
                {preview.sender.name}（{preview.sender.code}） {preview.round} 第{preview.revision}版 · {preview.units}个单位
              </Typography>
              <Typography variant="body2" color="text.secondary">
                签名有效 · {IMPORT_STATUS_LABELS[preview.status]}
                {preview.currentRevision !== null ? ` · 现有第${preview.currentRevision}版` : ''}
              </Typography>
            </Box>
            <Button variant="contained" disabled={!writes || busy} onClick={() => void receive()} data-testid="confirm-receive">
              {preview.status === 'conflict' ? '存档待决定' : '确认接收'}
            </Button>
            <Button onClick={() => setPreview(null)}>取消</Button>
          </Box>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>单位</TableCell>
                <TableCell>变化</TableCell>
                <TableCell align="right">总分</TableCell>
                <TableCell>等次</TableCell>
                <TableCell align="right">排名</TableCell>
                <TableCell>说明</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {preview.preview.map((u) => (
                <TableRow key={u.key} data-testid="preview-row">
                  <TableCell>{u.name}</TableCell>
                  <TableCell>
                    <Chip size="small" color={CHANGE_COLORS[u.change]} label={CHANGE_LABELS[u.change]} />
                  </TableCell>
                  <TableCell align="right">{u.total ?? '—'}</TableCell>
                  <TableCell>
                    {u.grade ?? '—'}
                    {u.vetoed ? '（否决）' : ''}
                  </TableCell>
                  <TableCell align="right">{u.rank ?? '—'}</TableCell>
                  <TableCell>{u.notes.join('；')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      {conflicts.length > 0 && (
        <Paper sx={{ p: 2 }}>
          <Typography variant="subtitle1" gutterBottom>
            待决定的冲突
          </Typography>
          {conflicts.map((p) => (
            <Box key={p.id} sx={{ display: 'flex', gap: 2, alignItems: 'center', py: 0.5 }}>
              <Typography sx={{ flex: 1 }}>
                {p.sourceName} {p.round} 第{p.revision}版：与在用的同版本数据包内容不同（{p.receivedAt.slice(0, 10)} 接收）
              </Typography>
              <Button
                size="small"
                variant="contained"
                onClick={() => void resolve(p.id, 'accept')}
                disabled={!can('exchange:resolveConflict')}
              >
                采用此包
              </Button>
              <Button size="small" onClick={() => void resolve(p.id, 'keep')} disabled={!can('exchange:resolveConflict')}>
                保留现有
              </Button>
            </Box>
          ))}
        </Paper>
      )}
      <Paper sx={{ p: 2 }}>
        <Typography variant="subtitle1" gutterBottom>
          已接收的数据包
        </Typography>
        {packages.length === 0 ? (
          <Typography color="text.secondary">还没有接收任何数据包。</Typography>
        ) : (
          <Table size="small" data-testid="received-packages">
            <TableHead>
              <TableRow>
                <TableCell>季度</TableCell>
                <TableCell>报送单位</TableCell>
                <TableCell>版本</TableCell>
                <TableCell>状态</TableCell>
                <TableCell align="right">单位数</TableCell>
                <TableCell>接收时间</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {packages.map((p) => (
                <TableRow key={p.id}>
                  <TableCell>{p.round}</TableCell>
                  <TableCell>
                    {p.sourceName}（{p.sourceCode}）
                  </TableCell>
                  <TableCell>第{p.revision}版</TableCell>
                  <TableCell>{PACKAGE_STATUS[p.status]}</TableCell>
                  <TableCell align="right">{p.units}</TableCell>
                  <TableCell>{p.receivedAt.slice(0, 16).replace('T', ' ')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
    </Box>
  );
}
