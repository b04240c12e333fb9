import { useState } from 'react';
import { Alert, Box, Button, Paper, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import type { RoundDetail } from '../../../../shared/ipc/channels/rounds.channels';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { call, errorText } from '../../api/client';
import { fmtPoints } from './round-ui';
import { useCan } from '../../app/access';
import { PublishedVersionSelect } from '../standard/PublishedVersionSelect';

/** 新版标准试算: this quarter recomputed under another published standard version, and adopting it. */
export function WhatIfTab({ detail, reload }: { detail: RoundDetail; reload: () => Promise<void> }) {
  const [version, setVersion] = useState('');
  const can = useCan();
  const [data, setData] = useState<ChannelOutput<'rounds:whatIf'> | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setError(null);
    try {
      setData(await call('rounds:whatIf', { roundId: detail.id, standardVersion: Number(version) }));
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function accept() {
    try {
      await call('rounds:acceptWhatIf', { roundId: detail.id, standardVersion: Number(version), reason });
      setData(null);
      await reload();
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <Typography variant="body2">用已发布的其他版本标准重新计算本季度（不保存）：</Typography>
        <PublishedVersionSelect
          label="标准版本"
          value={version}
          onChange={setVersion}
          exclude={detail.standardVersion}
          testId="whatif-version"
        />
        <Button variant="outlined" disabled={!version} onClick={run}>
          试算
        </Button>
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {data && (
        <>
          <Paper>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>社区</TableCell>
                  <TableCell>原总分（第{data.fromVersion}版）</TableCell>
                  <TableCell>新总分（第{data.toVersion}版）</TableCell>
                  <TableCell>变化</TableCell>
                  <TableCell>名次</TableCell>
                  <TableCell>等次</TableCell>
                  <TableCell>说明</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.rows.map((r) => (
                  <TableRow key={r.communityId}>
                    <TableCell>{r.name}</TableCell>
                    <TableCell>{fmtPoints(r.oldTotal)}</TableCell>
                    <TableCell>{fmtPoints(r.newTotal)}</TableCell>
                    <TableCell>{fmtPoints(r.delta)}</TableCell>
                    <TableCell>
                      {r.oldRank} → {r.newRank}
                    </TableCell>
                    <TableCell>
                      {r.oldGrade} → {r.newGrade}
                    </TableCell>
                    <TableCell>
                      {r.unmatchedItems.length ? `新增/变化指标未评分：${r.unmatchedItems.join('、')}` : ''}
                      {r.droppedItems.length ? ` 新版已删除：${r.droppedItems.join('、')}` : ''}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
          {can('rounds:acceptWhatIf') && (
            <Box sx={{ display: 'flex', gap: 1 }}>
              <TextField size="small" label="采用理由" value={reason} onChange={(e) => setReason(e.target.value)} sx={{ flex: 1 }} />
              <Button variant="contained" disabled={!reason.trim()} onClick={accept}>
                采用新版本（记入日志）
              </Button>
              <Button onClick={() => setData(null)}>放弃</Button>
            </Box>
          )}
        </>
      )}
    </Box>
  );
}
