import { useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  MenuItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { pointsToTenths } from '../../../../shared/domain/standard/standard.schema';
import type { RoundDetail } from '../../../../shared/ipc/channels/rounds.channels';
import { call, errorText } from '../../api/client';
import { fmtPoints } from './round-ui';
import { useCan } from '../../app/access';
import { useChannel } from '../../hooks/useChannel';

/** 公示与申诉: registering an appeal (optionally against one deduction) and deciding it. */
export function AppealsTab({
  detail,
  reload,
  setError,
}: {
  detail: RoundDetail;
  reload: () => Promise<void>;
  setError: (s: string | null) => void;
}) {
  const [communityId, setCommunityId] = useState<number>(detail.communities[0]?.id ?? 0);
  const [itemCode, setItemCode] = useState('');
  const [claim, setClaim] = useState('');
  // One id per appeal being written: a double click sends it twice and the service records one.
  const appealRequest = useRef(crypto.randomUUID());
  // The community's deductions, to contest one of them (adopting the appeal withdraws it).
  const form = useChannel('rounds:form', detail.state === 'published' && communityId ? { roundId: detail.id, communityId } : null);
  const ledger = form.error ? [] : (form.data?.ledger ?? []);
  const [deductionId, setDeductionId] = useState<number | ''>('');
  const [decision, setDecision] = useState<Record<number, string>>({});
  const [newScore, setNewScore] = useState<Record<number, string>>({});
  const published = detail.state === 'published';
  const can = useCan();
  async function run(job: () => Promise<unknown>) {
    try {
      await job();
      await reload();
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {!published && <Alert severity="info">申诉在“公示”期间登记和处理；定稿前须处理完全部申诉。</Alert>}
      {published && can('rounds:addAppeal') && (
        <Paper sx={{ p: 2, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField
            select
            size="small"
            label="社区"
            value={communityId}
            onChange={(e) => {
              setCommunityId(Number(e.target.value));
              setDeductionId('');
            }}
            sx={{ minWidth: 160 }}
          >
            {detail.communities.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label="针对的扣分（可选）"
            value={deductionId}
            onChange={(e) => setDeductionId(e.target.value === '' ? '' : Number(e.target.value))}
            sx={{ minWidth: 220 }}
            slotProps={{ htmlInput: { 'data-testid': 'appeal-deduction' } }}
          >
            <MenuItem value="">（不针对某条扣分）</MenuItem>
            {ledger.map((l) => (
              <MenuItem key={l.id} value={l.id}>
                {l.itemCode} −{fmtPoints(l.amountTenths / 10)} {l.text}
              </MenuItem>
            ))}
          </TextField>
          {deductionId === '' && (
            <TextField
              size="small"
              label="指标编码（可选）"
              value={itemCode}
              onChange={(e) => setItemCode(e.target.value.trim().toUpperCase())}
              sx={{ width: 160 }}
            />
          )}
          <TextField
            size="small"
            label="申诉内容"
            value={claim}
            onChange={(e) => setClaim(e.target.value)}
            sx={{ flex: 1, minWidth: 240 }}
          />
          <Button
            variant="contained"
            disabled={!claim.trim()}
            data-testid="appeal-add"
            onClick={() =>
              run(() =>
                call('rounds:addAppeal', {
                  roundId: detail.id,
                  communityId,
                  itemCode: deductionId === '' ? itemCode || null : null,
                  claim: claim.trim(),
                  deductionId: deductionId === '' ? null : deductionId,
                  requestId: appealRequest.current,
                }).then(() => {
                  setClaim('');
                  appealRequest.current = crypto.randomUUID();
                }),
              )
            }
          >
            登记申诉
          </Button>
        </Paper>
      )}
      <Paper>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>社区</TableCell>
              <TableCell>指标</TableCell>
              <TableCell>申诉内容</TableCell>
              <TableCell>处理</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {detail.appeals.length === 0 && (
              <TableRow>
                <TableCell colSpan={4}>
                  <Typography color="text.secondary">
                    暂无申诉。{published ? '社区对公示结果有异议时，在上方登记。' : '结果公示后，社区可在公示期内申诉。'}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {detail.appeals.map((a) => (
              <TableRow key={a.id}>
                <TableCell data-testid="appeal-row">{a.communityName}</TableCell>
                <TableCell>{a.itemCode ?? '—'}</TableCell>
                <TableCell>
                  {a.claim}
                  {a.deductionId !== null && (
                    <Typography variant="caption" sx={{ display: 'block' }} color="text.secondary">
                      针对一条扣分记录：采纳即撤销该扣分
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {a.status !== 'open' ? (
                    `${a.status === 'accepted' ? '采纳' : '不予采纳'}：${a.decision ?? ''}${a.adjustment !== null ? `（调整${a.adjustment >= 0 ? '+' : ''}${fmtPoints(a.adjustment)}分）` : ''}`
                  ) : published && can('rounds:decideAppeal') ? (
                    <Box sx={{ display: 'flex', gap: 1 }}>
                      <TextField
                        size="small"
                        placeholder="处理意见"
                        slotProps={{ htmlInput: { 'data-testid': `appeal-decision-${a.id}` } }}
                        value={decision[a.id] ?? ''}
                        onChange={(e) => setDecision({ ...decision, [a.id]: e.target.value })}
                      />
                      {a.itemCode && a.deductionId === null && (
                        <TextField
                          size="small"
                          placeholder="该项新得分"
                          sx={{ width: 100 }}
                          value={newScore[a.id] ?? ''}
                          onChange={(e) => setNewScore({ ...newScore, [a.id]: e.target.value })}
                        />
                      )}
                      <Button
                        size="small"
                        disabled={!decision[a.id]?.trim()}
                        onClick={() =>
                          run(() =>
                            call('rounds:decideAppeal', {
                              roundId: detail.id,
                              appealId: a.id,
                              accepted: true,
                              decision: (decision[a.id] ?? '').trim(),
                              ...(newScore[a.id] ? { newItemTenths: pointsToTenths(Number(newScore[a.id])) } : {}),
                            }),
                          )
                        }
                        data-testid={`appeal-accept-${a.id}`}
                      >
                        采纳
                      </Button>
                      <Button
                        size="small"
                        color="warning"
                        disabled={!decision[a.id]?.trim()}
                        onClick={() =>
                          run(() =>
                            call('rounds:decideAppeal', {
                              roundId: detail.id,
                              appealId: a.id,
                              accepted: false,
                              decision: (decision[a.id] ?? '').trim(),
                            }),
                          )
                        }
                      >
                        不予采纳
                      </Button>
                    </Box>
                  ) : (
                    '待处理'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Box>
  );
}
