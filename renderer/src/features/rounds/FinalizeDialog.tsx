import { useEffect, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { call, errorText as message } from '../../api/client';

/**
 * 定稿: confirms the lock and fixes the 通报's 发文字号. The number proposed is the next free one of
 * the year (or the round's own number before an unlock); another may be typed, and is checked
 * against the numbers already issued before the round is finalized.
 */
export function FinalizeDialog({
  roundId,
  onClose,
  onDone,
}: {
  roundId: string;
  onClose: () => void;
  onDone: (comment: string, docNumber: number | undefined) => void;
}) {
  const [comment, setComment] = useState('');
  const [seqText, setSeqText] = useState('');
  const [proposal, setProposal] = useState<{ year: number; seq: number; docNumber: string | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('report:proposeDocNumber', { roundId })
      .then((p) => {
        if (!live) return;
        setProposal(p);
        setSeqText(String(p.seq));
      })
      .catch((e: unknown) => live && setProblem(message(e)));
    return () => {
      live = false;
    };
  }, [roundId]);

  const seq = /^\d{1,4}$/.test(seqText) && Number(seqText) > 0 ? Number(seqText) : null;

  async function check(): Promise<boolean> {
    if (seq === null) {
      setProblem('文号序号应为 1 至 9999 的整数。');
      return false;
    }
    try {
      setProposal(await call('report:proposeDocNumber', { roundId, docNumber: seq }));
      setProblem(null);
      return true;
    } catch (e) {
      setProblem(message(e));
      return false;
    }
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>定稿</DialogTitle>
      <DialogContent sx={{ pt: '8px !important' }}>
        <Alert severity="warning" sx={{ mb: 2 }}>
          定稿后本轮考评锁定，任何评分都不能再修改；系统会先自动备份数据，并生成整改清单。
        </Alert>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
          <TextField
            size="small"
            label="文号序号"
            value={seqText}
            onChange={(e) => setSeqText(e.target.value.trim())}
            onBlur={() => void check()}
            error={problem !== null}
            sx={{ width: 120 }}
            slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'finalize-doc-seq' } }}
          />
          <Typography data-testid="finalize-doc-number">
            {proposal === null
              ? '正在拟定文号…'
              : proposal.docNumber
                ? `通报文号：${proposal.docNumber}`
                : '未设置文号前缀：通报不印发文字号（可在“结果与报告 → 公文设置”中设置）'}
          </Typography>
        </Stack>
        {problem && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {problem}
          </Alert>
        )}
        <TextField
          fullWidth
          multiline
          minRows={2}
          label="备注（可选）"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'reason-text' } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button
          variant="contained"
          disabled={proposal === null || seq === null}
          onClick={() => void check().then((ok) => ok && onDone(comment.trim(), seq ?? undefined))}
          data-testid="reason-ok"
        >
          定稿
        </Button>
      </DialogActions>
    </Dialog>
  );
}
