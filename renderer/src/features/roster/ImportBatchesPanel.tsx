import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ImportBatchDto } from '../../../../shared/ipc/channels/roster.channels';
import { call, errorText } from '../../api/client';
import { ROSTER_LABELS } from './roster-ui';
import { formatDateTime } from '../../../../shared/domain/format-date';

/** 导入记录: every import batch, with undo. */
export function ImportBatchesPanel({ refreshKey, onChanged, canWrite }: { refreshKey: number; onChanged: () => void; canWrite: boolean }) {
  const [batches, setBatches] = useState<ImportBatchDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<number | null>(null);

  useEffect(() => {
    call('roster:batches', {}).then(setBatches, (e: Error) => setError(e.message));
  }, [refreshKey]);

  async function undo(id: number) {
    setError(null);
    try {
      await call('roster:undo', { batchId: id });
      setConfirm(null);
      onChanged();
    } catch (e) {
      setError(errorText(e));
      setConfirm(null);
    }
  }

  return (
    <Paper sx={{ p: 2 }} data-testid="import-batches" data-state={batches ? 'ready' : 'loading'}>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {batches && batches.length === 0 && <Typography color="text.secondary">还没有导入记录。</Typography>}
      {batches && batches.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>批次</TableCell>
              <TableCell>名册</TableCell>
              <TableCell>文件</TableCell>
              <TableCell>时间</TableCell>
              <TableCell>操作人</TableCell>
              <TableCell>新增/更新/未变/错误</TableCell>
              <TableCell>状态</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {batches.map((b) => (
              <TableRow key={b.id}>
                <TableCell>{b.id}</TableCell>
                <TableCell>{ROSTER_LABELS[b.roster]}</TableCell>
                <TableCell>{b.fileName}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(b.createdAt)}</TableCell>
                <TableCell>{b.actor}</TableCell>
                <TableCell>
                  {b.inserted}/{b.updated}/{b.unchanged}/{b.rejected}
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    color={b.status === 'undone' ? 'default' : 'success'}
                    label={b.status === 'undone' ? '已撤销' : '有效'}
                  />
                </TableCell>
                <TableCell align="right">
                  {canWrite && b.status === 'committed' && (
                    <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
                      {confirm === b.id ? (
                        <>
                          <Button size="small" onClick={() => setConfirm(null)}>
                            不撤销
                          </Button>
                          <Button size="small" color="warning" variant="contained" onClick={() => void undo(b.id)}>
                            确认撤销
                          </Button>
                        </>
                      ) : (
                        <Button size="small" onClick={() => setConfirm(b.id)}>
                          撤销…
                        </Button>
                      )}
                    </Box>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}
