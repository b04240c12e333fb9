import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
} from '@mui/material';
import { pointsToTenths } from '../../../../shared/domain/standard/standard.schema';
import { call, errorText } from '../../api/client';
import { useChannel } from '../../hooks/useChannel';

/** 合议: the blind scores of several assessors side by side; the reviewer settles each item that differs. */
export function SpreadDialog({ roundId, communityId, onClose }: { roundId: string; communityId: number; onClose: () => void }) {
  const spread = useChannel('rounds:spread', { roundId, communityId });
  const data = spread.data;
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [method, setMethod] = useState<Record<string, 'mean' | 'median' | 'trimmedMean' | 'chosen'>>({});
  async function settle(itemCode: string) {
    const m = method[itemCode] ?? 'mean';
    try {
      await call('rounds:settle', {
        roundId,
        communityId,
        itemCode,
        method: m,
        ...(m === 'chosen' ? { chosenTenths: pointsToTenths(Number(chosen[itemCode] ?? '0')) } : {}),
        note: m === 'chosen' ? '审核人指定' : '',
      });
      await spread.reload();
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>多人背靠背评分合议</DialogTitle>
      <DialogContent>
        {(error ?? spread.error) && <Alert severity="error">{error ?? spread.error}</Alert>}
        {data && data.assessors.length === 0 && <Alert severity="info">还没有考评员进行背靠背评分。</Alert>}
        {data && data.rows.length > 0 && (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>指标</TableCell>
                {data.assessors.map((a) => (
                  <TableCell key={a}>{a}</TableCell>
                ))}
                <TableCell>差距</TableCell>
                <TableCell>合议</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.rows.map((r) => (
                <TableRow key={r.itemCode} sx={r.flagged ? { bgcolor: '#fff3e0' } : undefined}>
                  <TableCell>{r.itemCode}</TableCell>
                  {data.assessors.map((a) => (
                    <TableCell key={a}>{r.values.find((v) => v.assessor === a)?.score ?? '—'}</TableCell>
                  ))}
                  <TableCell>
                    {r.spread}
                    {r.flagged ? '（超过' + data.threshold + '分）' : ''}
                  </TableCell>
                  <TableCell>
                    {r.settled ? (
                      `已定 ${r.settled.score}`
                    ) : (
                      <Box sx={{ display: 'flex', gap: 1 }}>
                        <TextField
                          select
                          size="small"
                          value={method[r.itemCode] ?? 'mean'}
                          onChange={(e) => setMethod({ ...method, [r.itemCode]: e.target.value as 'mean' })}
                        >
                          <MenuItem value="mean">平均值 {r.mean}</MenuItem>
                          <MenuItem value="median">中位数 {r.median}</MenuItem>
                          <MenuItem value="trimmedMean">去掉最高最低</MenuItem>
                          <MenuItem value="chosen">指定分值</MenuItem>
                        </TextField>
                        {method[r.itemCode] === 'chosen' && (
                          <TextField
                            size="small"
                            sx={{ width: 70 }}
                            value={chosen[r.itemCode] ?? ''}
                            onChange={(e) => setChosen({ ...chosen, [r.itemCode]: e.target.value })}
                          />
                        )}
                        <Button size="small" onClick={() => void settle(r.itemCode)}>
                          定分
                        </Button>
                      </Box>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>关闭</Button>
      </DialogActions>
    </Dialog>
  );
}
