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
  List,
  ListItemButton,
  ListItemText,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { StandardProblem } from '../../../../shared/domain/standard/standard.problem';
import type { StandardVersionSummary } from '../../../../shared/ipc/channels/standard.channels';
import { call, errorText } from '../../api/client';
import { pickFile } from '../../api/pick-file';
import { navigate, useRoute } from '../../app/router';
import { useAuth } from '../auth/auth-context';
import { DiffView } from './DiffView';
import { StandardEditor } from './StandardEditor';

function ImportReport({ result, onClose }: { result: { version: number; problems: StandardProblem[] } | null; onClose(): void }) {
  if (!result) return null;
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>已导入为第{result.version}版草稿</DialogTitle>
      <DialogContent>
        {result.problems.length === 0 ? (
          <Alert severity="success">文件内容完整，没有发现问题。检查无误后即可发布。</Alert>
        ) : (
          <>
            <Alert severity={errors ? 'warning' : 'info'} sx={{ mb: 1 }}>
              发现{result.problems.length}个问题{errors ? `（其中${errors}个错误，改正后才能发布）` : ''}，请在草稿中修改：
            </Alert>
            <Table size="small" data-testid="import-problems">
              <TableHead>
                <TableRow>
                  <TableCell>类型</TableCell>
                  <TableCell>工作表</TableCell>
                  <TableCell>行</TableCell>
                  <TableCell>列</TableCell>
                  <TableCell>内容</TableCell>
                  <TableCell>问题</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.problems.map((p, i) => (
                  <TableRow key={i}>
                    <TableCell>{p.severity === 'error' ? '错误' : '提示'}</TableCell>
                    <TableCell>{p.sheet}</TableCell>
                    <TableCell>{p.row ?? ''}</TableCell>
                    <TableCell>{p.column ?? ''}</TableCell>
                    <TableCell>{p.value}</TableCell>
                    <TableCell>{p.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          查看草稿
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * 考核标准: #/standard (latest version), #/standard/3 (one version), #/standard/diff/1/3 (comparison).
 * The version list stays on the left; the editor or the comparison on the right.
 */
export function StandardSection() {
  const { segments } = useRoute();
  const { user } = useAuth();
  const isAdmin = user?.role === 'admin';
  const [versions, setVersions] = useState<StandardVersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState<{ version: number; problems: StandardProblem[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setVersions(await call('standard:list', {}));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const diff = segments[1] === 'diff';
  const latest = versions?.[versions.length - 1]?.version;
  const selected = diff ? Number(segments[3]) : segments[1] ? Number(segments[1]) : latest;

  async function importFile() {
    setBusy(true);
    setError(null);
    try {
      const file = await pickFile({ title: '选择考核标准 Excel 文件', filters: [{ name: 'Excel 表格', extensions: ['xlsx'] }] });
      if (!file) return;
      const r = await call('standard:import', { fileId: file.fileId });
      await refresh();
      setImported(r);
      navigate(`/standard/${r.version}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }} data-testid="standard-page" data-state={versions ? 'ready' : 'loading'}>
      <Paper sx={{ width: 250, flexShrink: 0, p: 1.5, display: 'flex', flexDirection: 'column', gap: 1, position: 'sticky', top: 64 }}>
        <Typography variant="h6">考核标准版本</Typography>
        <Typography variant="caption" color="text.secondary">
          已发布的版本不能修改；要调整分值或指标，请复制为新版本后修改、发布。
        </Typography>
        <List dense disablePadding data-testid="version-list">
          {(versions ?? [])
            .slice()
            .reverse()
            .map((v) => (
              <ListItemButton
                key={v.version}
                selected={v.version === selected}
                onClick={() => navigate(`/standard/${v.version}`)}
                data-testid={`version-${v.version}`}
              >
                <ListItemText
                  primary={
                    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                      第{v.version}版
                      <Chip size="small" label={v.statusLabel} color={v.status === 'published' ? 'success' : 'default'} />
                      {v.errorCount > 0 && <Chip size="small" color="error" variant="outlined" label={`${v.errorCount}个错误`} />}
                    </Box>
                  }
                  secondary={`${v.totalPoints}分 · ${v.itemCount}项${v.usedBy.length ? ` · 用于${v.usedBy.join('、')}` : ''}`}
                />
              </ListItemButton>
            ))}
        </List>
        {isAdmin && (
          <Button variant="outlined" size="small" disabled={busy} onClick={importFile} data-testid="import">
            从 Excel 导入为新草稿
          </Button>
        )}
        {versions && versions.length > 1 && (
          <Button size="small" onClick={() => navigate(`/standard/diff/${versions[versions.length - 2]?.version ?? 1}/${latest ?? 1}`)}>
            比较两个版本
          </Button>
        )}
      </Paper>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>
            {error}
          </Alert>
        )}
        {diff && versions ? (
          <DiffView versions={versions} from={Number(segments[2])} to={Number(segments[3])} />
        ) : selected !== undefined && Number.isInteger(selected) ? (
          <StandardEditor key={selected} version={selected} isAdmin={isAdmin} onChanged={refresh} />
        ) : null}
      </Box>
      <ImportReport result={imported} onClose={() => setImported(null)} />
    </Box>
  );
}
