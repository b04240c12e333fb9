import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { RoundDetail, SheetProblem } from '../../../../shared/ipc/channels/rounds.channels';
import { call, errorText, saveStagedFile } from '../../api/client';
import { pickFile } from '../../api/pick-file';
import { navigate } from '../../app/router';
import { fmtPoints } from './round-ui';
import { useCan } from '../../app/access';
import { usePeople } from '../../app/people';
import { AssessorPicker, AssignDialog } from './AssessorPickers';
import { SpreadDialog } from './SpreadDialog';

/** 评分进度: the communities × status matrix, field sheets out and in, assignments, blind scoring and 合议. */
export function ProgressTab({
  detail,
  reload,
  setError,
  setNotice,
}: {
  detail: RoundDetail;
  reload: () => Promise<void>;
  setError: (s: string | null) => void;
  setNotice: (s: string | null) => void;
}) {
  const [problems, setProblems] = useState<SheetProblem[] | null>(null);
  const [spreadFor, setSpreadFor] = useState<number | null>(null);
  const [assigning, setAssigning] = useState(false);
  const can = useCan();
  const { nameOf } = usePeople();
  async function exportSheets() {
    try {
      const f = await call('rounds:exportSheets', { roundId: detail.id });
      await saveStagedFile(f.fileId, f.name);
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function importSheets() {
    try {
      const file = await pickFile({ title: '选择填写好的现场评分表', filters: [{ name: 'Excel 表格', extensions: ['xlsx'] }] });
      if (!file) return;
      const r = await call('rounds:importSheets', { roundId: detail.id, fileId: file.fileId, dryRun: false });
      setProblems(r.problems);
      setNotice(
        r.committed ? `已导入${r.communities}个${detail.kind}的${r.items}项评分（含${r.deductions}条扣分）。` : '没有可导入的评分。',
      );
      await reload();
    } catch (e) {
      setError(errorText(e));
    }
  }
  const [blindFor, setBlindFor] = useState<number | null>(null);
  const [blindName, setBlindName] = useState('');
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button variant="outlined" onClick={exportSheets} data-testid="sheets-export">
          导出现场评分表
        </Button>
        {can('rounds:importSheets') && (
          <Button variant="outlined" onClick={importSheets} data-testid="sheets-import">
            导入现场评分表
          </Button>
        )}
        {detail.state !== 'finalized' && can('rounds:assign') && (
          <Button variant="outlined" onClick={() => setAssigning(true)} data-testid="assign-open">
            分配考评员
          </Button>
        )}
        {detail.canRefreeze && can('rounds:refreeze') && (
          <Button
            onClick={() =>
              call('rounds:refreeze', { roundId: detail.id }).then(
                () => reload(),
                (e: unknown) => setError(errorText(e)),
              )
            }
          >
            重新冻结名册快照
          </Button>
        )}
      </Box>
      {problems && problems.length > 0 && (
        <Alert severity="warning" onClose={() => setProblems(null)}>
          {problems.slice(0, 50).map((p, i) => (
            <div key={i}>
              {p.sheet}
              {p.row !== null ? ` 第${p.row}行` : ''} {p.column ?? ''} {p.value ? `「${p.value}」` : ''}：{p.message}
            </div>
          ))}
        </Alert>
      )}
      <Paper>
        <Table size="small" data-testid="progress-matrix">
          <TableHead>
            <TableRow>
              <TableCell>{detail.kind}</TableCell>
              <TableCell>状态</TableCell>
              <TableCell>已评项目</TableCell>
              {(detail.communities[0]?.categories ?? []).map((k) => (
                <TableCell key={k.code} align="center">
                  {k.code}
                </TableCell>
              ))}
              <TableCell>当前总分</TableCell>
              <TableCell>考评员</TableCell>
              <TableCell>操作</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {detail.communities.map((c) => (
              <TableRow key={c.id} hover data-testid={`progress-${c.name}`}>
                <TableCell>
                  <Link component="button" onClick={() => navigate(`/rounds/${detail.id}/c/${c.id}`)} data-testid={`open-${c.name}`}>
                    {c.name}
                  </Link>
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={c.statusLabel}
                    color={
                      c.status === 'reviewed'
                        ? 'success'
                        : c.status === 'submitted'
                          ? 'primary'
                          : c.status === 'returned'
                            ? 'warning'
                            : 'default'
                    }
                  />
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    variant="outlined"
                    color={c.complete ? 'success' : 'default'}
                    label={`${c.scoredItems}/${c.totalItems}`}
                  />
                </TableCell>
                {c.categories.map((k) => (
                  <TableCell
                    key={k.code}
                    align="center"
                    sx={{ color: k.scored === k.total ? 'success.main' : 'text.secondary' }}
                    title={`${k.code}：已评${k.scored}/${k.total}项`}
                  >
                    {k.scored === k.total ? '✓' : `${k.scored}/${k.total}`}
                  </TableCell>
                ))}
                <TableCell>{fmtPoints(c.total)}</TableCell>
                <TableCell>{c.assessors.map(nameOf).join('、') || '—'}</TableCell>
                <TableCell>
                  {can('rounds:submitForm') &&
                    (detail.state === 'draft' || detail.state === 'returned') &&
                    (c.status === 'draft' || c.status === 'returned') && (
                      <Button
                        size="small"
                        disabled={!c.complete}
                        onClick={() =>
                          call('rounds:submitForm', { roundId: detail.id, communityId: c.id }).then(
                            () => reload(),
                            (e: unknown) => setError(errorText(e)),
                          )
                        }
                      >
                        提交本{detail.kind}
                      </Button>
                    )}
                  {can('rounds:setItem') && (
                    <Button size="small" onClick={() => setBlindFor(c.id)}>
                      背靠背评分
                    </Button>
                  )}
                  {can('rounds:settle') && (
                    <Button size="small" onClick={() => setSpreadFor(c.id)}>
                      合议
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {blindFor !== null && (
        <Dialog open onClose={() => setBlindFor(null)} maxWidth="xs" fullWidth>
          <DialogTitle>背靠背评分</DialogTitle>
          <DialogContent sx={{ pt: '8px !important' }}>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              每位考评员在自己的评分表上独立打分，互相看不到；审核人在“合议”中比较差异并定分。
            </Typography>
            <AssessorPicker value={blindName} onChange={setBlindName} />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setBlindFor(null)}>取消</Button>
            <Button
              variant="contained"
              disabled={!blindName.trim()}
              onClick={() => navigate(`/rounds/${detail.id}/c/${blindFor}/${encodeURIComponent(blindName.trim())}`)}
            >
              开始评分
            </Button>
          </DialogActions>
        </Dialog>
      )}
      {spreadFor !== null && <SpreadDialog roundId={detail.id} communityId={spreadFor} onClose={() => setSpreadFor(null)} />}
      {assigning && (
        <AssignDialog
          detail={detail}
          onClose={() => setAssigning(false)}
          onSaved={async () => {
            setAssigning(false);
            await reload();
          }}
        />
      )}
    </Box>
  );
}
