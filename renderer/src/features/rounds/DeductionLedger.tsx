import { useRef, useState } from 'react';
import { Autocomplete, Box, Button, Chip, Divider, NativeSelect, TextField, Typography } from '@mui/material';
import type { ItemEntry } from '../../../../shared/domain/scoring/score-entry.schema';
import { EVIDENCE_METHODS, pointsToTenths, type DeductMethod, type StandardItem } from '../../../../shared/domain/standard/standard.schema';
import { call, errorText, saveStagedFile } from '../../api/client';
import { pickFile } from '../../api/pick-file';
import { usePeople } from '../../app/people';
import { fmt } from './round-ui';
import type { PanelProps } from './scoring-form-ui';
import { useDepartmentSuggestions } from './department-suggestions';

/**
 * A deduction item's ledger: what was deducted and why, 核查无扣分, and the keyboard-first line that
 * records a new deduction (reason list → Enter records it with the reason's standard amount).
 */
export function DeductionLedger({
  form,
  item,
  method: m,
  entry,
  score,
  editable,
  ledgerFirst,
  onConfirmChecked,
  onBack,
  roundId,
  communityId,
  assessor,
  guarded,
  setProblem,
}: Omit<PanelProps, 'act'> & {
  item: StandardItem;
  method: DeductMethod;
  entry: ItemEntry | undefined;
  score: { tenths: number; status: string } | undefined;
  ledgerFirst: React.RefObject<HTMLSelectElement | null>;
  onConfirmChecked: () => void;
  onBack: () => void;
  guarded: (job: () => Promise<unknown>) => Promise<void>;
  setProblem: (problem: string | null) => void;
}) {
  const { nameOf } = usePeople();
  const [reasonCode, setReasonCode] = useState<string>(m.reasons[0] ? m.reasons[0].code : '');
  const [amount, setAmount] = useState<string>(m.reasons[0] ? fmt(m.reasons[0].amountTenths) : '');
  const [text, setText] = useState('');
  const [evidence, setEvidence] = useState<string>(item.evidence[0] ?? '查阅资料');
  const [files, setFiles] = useState<{ fileId: string; name: string }[]>([]);
  const [department, setDepartment] = useState('');
  const departments = useDepartmentSuggestions();
  const ledger = form.ledger.filter((l) => l.itemCode === item.code);
  // One id per deduction being written: a double click (or a retried call) records it once.
  const request = useRef(crypto.randomUUID());

  async function attach() {
    try {
      const f = await pickFile({
        title: '选择佐证材料（照片、扫描件等）',
        filters: [{ name: '佐证材料', extensions: ['jpg', 'jpeg', 'png', 'pdf', 'doc', 'docx', 'xlsx'] }],
      });
      if (f) setFiles((list) => [...list, { fileId: f.fileId, name: f.name }]);
    } catch (e) {
      setProblem(errorText(e));
    }
  }

  /** Attachments live in the database: fetched as a staged copy, then saved where the user chooses. */
  async function download(a: { fileName: string; sha256: string }) {
    try {
      const f = await call('rounds:attachment', { sha256: a.sha256 });
      await saveStagedFile(f.fileId, a.fileName);
    } catch (e) {
      setProblem(errorText(e));
    }
  }

  async function addDeduction() {
    const tenths = pointsToTenths(Number(amount));
    if (!Number.isFinite(tenths) || tenths <= 0) return setProblem('请填写扣分分值（大于0）。');
    const std = m.reasons.find((r) => r.code === reasonCode);
    const t = text.trim() || std?.text || '';
    if (!t) return setProblem('请选择扣分原因或填写具体情况。');
    const requestId = request.current;
    await guarded(() =>
      call('rounds:addDeduction', {
        roundId,
        communityId,
        assessor,
        itemCode: item.code,
        reasonCode: reasonCode || null,
        text: t,
        amountTenths: tenths,
        evidence,
        attachmentFileIds: files.map((f) => f.fileId),
        ...(department.trim() ? { department: department.trim() } : {}),
        requestId,
      }),
    );
    if (request.current === requestId) request.current = crypto.randomUUID();
    setText('');
    setFiles([]);
    setDepartment('');
    ledgerFirst.current?.focus();
  }

  return (
    <>
      <Divider />
      <Typography variant="subtitle2">
        扣分记录（{score?.status === 'missing' ? '尚未核查' : `得分 ${fmt(score?.tenths ?? 0)}`}）
      </Typography>
      {ledger.length === 0 && (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Typography variant="body2" sx={{ flex: 1 }} data-testid="check-state">
            {entry?.value?.kind === 'deduct' ? '已核查，无扣分。' : '暂无扣分，尚未确认核查。'}
          </Typography>
          {editable && entry?.value?.kind !== 'deduct' && (
            <Button size="small" variant="contained" onClick={onConfirmChecked} data-testid="confirm-checked">
              核查无扣分（空格）
            </Button>
          )}
          {editable && entry?.value?.kind === 'deduct' && (
            <Button
              size="small"
              onClick={() => guarded(() => call('rounds:setItem', { roundId, communityId, assessor, itemCode: item.code, value: null }))}
              data-testid="undo-checked"
            >
              撤销核查
            </Button>
          )}
        </Box>
      )}
      {ledger.map((l) => (
        <Box key={l.id} sx={{ display: 'flex', gap: 1, alignItems: 'center' }} data-testid="ledger-row">
          <Typography variant="body2" sx={{ flex: 1 }}>
            −{fmt(l.amountTenths)} {l.text}（{l.evidence}，{nameOf(l.createdBy)}
            {l.attachments.length > 0 ? `，附件${l.attachments.length}个` : ''}）
            {l.department && <Chip size="small" sx={{ ml: 1 }} label={`清单外 · ${l.department}`} data-testid="ledger-department" />}
          </Typography>
          {l.attachments.map((a) => (
            <Button
              key={a.id}
              size="small"
              onClick={() => void download(a)}
              data-testid="ledger-attachment"
              title={`下载附件 ${a.fileName}`}
              sx={{ textTransform: 'none' }}
            >
              下载 {a.fileName}
            </Button>
          ))}
          {editable && (
            <Button
              size="small"
              color="error"
              onClick={() => guarded(() => call('rounds:removeDeduction', { roundId, deductionId: l.id }))}
            >
              删除
            </Button>
          )}
        </Box>
      ))}
      {editable && (
        <Box
          sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onBack();
          }}
        >
          <NativeSelect
            value={reasonCode}
            onChange={(e) => {
              setReasonCode(e.target.value);
              const r = m.reasons.find((x) => x.code === e.target.value);
              if (r) setAmount(fmt(r.amountTenths));
            }}
            inputRef={ledgerFirst}
            onKeyDown={(e) => {
              // Enter on the reason list records the deduction with the reason's standard amount.
              if (e.key === 'Enter') {
                e.preventDefault();
                void addDeduction();
              }
            }}
            inputProps={{ id: 'ded-reason', 'aria-label': '扣分原因' }}
          >
            {m.reasons.map((r) => (
              <option key={r.code} value={r.code}>
                {r.text}（−{fmt(r.amountTenths)}）
              </option>
            ))}
            {m.allowOtherReasons && <option value="">其他原因（自行填写）</option>}
          </NativeSelect>
          <Box sx={{ display: 'flex', gap: 1 }}>
            <TextField
              size="small"
              label="扣分"
              value={amount}
              onChange={(e) => setAmount(e.target.value.replace(/[^\d.]/g, ''))}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void addDeduction();
              }}
              slotProps={{ htmlInput: { 'data-testid': 'ded-amount', inputMode: 'decimal' } }}
              sx={{ width: 90 }}
            />
            <NativeSelect value={evidence} onChange={(e) => setEvidence(e.target.value)} inputProps={{ 'aria-label': '考核方式' }}>
              {EVIDENCE_METHODS.map((x) => (
                <option key={x}>{x}</option>
              ))}
            </NativeSelect>
          </Box>
          <TextField
            size="small"
            label="具体情况（可选，其他原因必填）"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void addDeduction();
            }}
            slotProps={{ htmlInput: { 'data-testid': 'ded-text' } }}
          />
          <Autocomplete
            freeSolo
            size="small"
            options={departments}
            inputValue={department}
            onInputChange={(_, v) => setDepartment(v)}
            renderInput={(params) => (
              <TextField
                {...params}
                label="摊派部门（清单外任务填写，可自行输入）"
                slotProps={{
                  ...params.slotProps,
                  htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'ded-department', maxLength: 60 },
                }}
              />
            )}
          />
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Button size="small" onClick={() => void attach()} data-testid="ded-attach">
              添加佐证附件
            </Button>
            {files.map((f) => (
              <Chip key={f.fileId} size="small" label={f.name} onDelete={() => setFiles(files.filter((x) => x.fileId !== f.fileId))} />
            ))}
          </Box>
          <Button variant="outlined" onClick={() => void addDeduction()} data-testid="ded-add">
            记录扣分（回车）
          </Button>
        </Box>
      )}
    </>
  );
}
