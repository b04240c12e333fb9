import { useMemo, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Step,
  StepLabel,
  Stepper,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import type { JobSnapshot } from '../../../../shared/ipc/channels/jobs.channels';
import {
  rosterAnalysisSchema,
  rosterImportResultSchema,
  rosterPreviewSchema,
  type AnalyzedSheetDto,
  type MappingsDto,
  type RosterAnalysisDto,
  type RosterImportResultDto,
  type RosterPreviewDto,
} from '../../../../shared/ipc/channels/roster.channels';
import { call, errorText } from '../../api/client';
import { pickFile } from '../../api/pick-file';
import { JobProgress } from '../../components/JobProgress';
import { awaitJob, ROSTER_LABELS, ROSTER_TYPES, type RosterType } from './roster-ui';
import { navigate } from '../../app/router';
import { MONO_FONT } from '../../theme/theme';
import { SEVERITY_LABELS } from '../../../../shared/domain/problems';

/** The roster to import after this one (the order of ROSTER_TYPES: 社区 → 网格 → 人员…), or null after the last. */
function nextRoster(type: RosterType): RosterType | null {
  return ROSTER_TYPES[ROSTER_TYPES.indexOf(type) + 1] ?? null;
}

const STEPS = ['选择文件', '核对列对应', '校验与比对', '完成'];
const MAX_SHOWN = 1000;

function initialMappings(analysis: RosterAnalysisDto): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const s of analysis.sheets) {
    const m: Record<string, number> = {};
    for (const c of s.columns) if (c.key) m[c.key] = c.index;
    out[s.sheetKey] = m;
  }
  return out;
}

/**
 * 导入名册: pick a file, check the proposed column mapping, see every problem and the diff against
 * current data, then commit (all valid rows in one transaction) or cancel without writing.
 */
export function ImportWizard({
  initialRoster,
  onClose,
  onImported,
}: {
  initialRoster: RosterType;
  onClose: () => void;
  onImported: () => void;
}) {
  const [roster, setRoster] = useState<RosterType>(initialRoster);
  const [step, setStep] = useState(0);
  const [job, setJob] = useState<JobSnapshot | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [analysis, setAnalysis] = useState<RosterAnalysisDto | null>(null);
  const [mappings, setMappings] = useState<Record<string, Record<string, number>>>({});
  const [preview, setPreview] = useState<RosterPreviewDto | null>(null);
  const [strict, setStrict] = useState(false);
  const [result, setResult] = useState<RosterImportResultDto | null>(null);
  const [undone, setUndone] = useState(false);

  async function runJob<T>(start: () => Promise<{ jobId: string }>, parse: (v: unknown) => T): Promise<T | null> {
    setBusy(true);
    setError(null);
    setJob(null);
    try {
      const { jobId } = await start();
      const final = await awaitJob(jobId, setJob);
      if (final.state === 'done') return parse(final.result);
      if (final.state === 'failed') setError(final.error?.message ?? '操作失败，数据未改变。');
      return null;
    } catch (e) {
      setError(errorText(e));
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function choose() {
    setError(null);
    let staged;
    try {
      staged = await pickFile({
        title: `选择${ROSTER_LABELS[roster]}名册`,
        filters: [{ name: 'Excel 表格或 CSV', extensions: ['xlsx', 'xlsm', 'csv', 'xls', 'txt'] }],
      });
    } catch (e) {
      setError(errorText(e));
      return;
    }
    if (!staged) return;
    const found = await runJob(
      () => call('roster:analyze', { roster, fileId: staged.fileId, sheetName: null }),
      (v) => rosterAnalysisSchema.parse(v),
    );
    if (found) {
      setAnalysis(found);
      setMappings(initialMappings(found));
      setStep(1);
    }
  }

  function mappingDto(): MappingsDto {
    return { main: mappings.main, ...(mappings.groups ? { groups: mappings.groups } : {}) };
  }

  async function validate() {
    if (!analysis) return;
    const p = await runJob(
      () => call('roster:preview', { analysisId: analysis.analysisId, mappings: mappingDto(), strict }),
      (v) => rosterPreviewSchema.parse(v),
    );
    if (p) {
      setPreview(p);
      setStep(2);
    }
  }

  async function commit() {
    if (!analysis) return;
    const r = await runJob(
      () => call('roster:commit', { analysisId: analysis.analysisId, mappings: mappingDto(), strict, remember: true }),
      (v) => rosterImportResultSchema.parse(v),
    );
    if (r) {
      setResult(r);
      setStep(3);
      if (r.committed) onImported();
    }
  }

  async function undo() {
    if (!result?.batchId) return;
    setBusy(true);
    try {
      await call('roster:undo', { batchId: result.batchId });
      setUndone(true);
      onImported();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const missingRequired = useMemo(() => {
    if (!analysis) return [];
    return analysis.sheets.flatMap((s) =>
      s.fields.filter((f) => f.required && mappings[s.sheetKey]?.[f.key] === undefined).map((f) => `${s.sheetLabel}：${f.label}`),
    );
  }, [analysis, mappings]);

  const blocked = preview
    ? strict && preview.errors > 0
      ? `严格模式：有 ${preview.errors} 个错误，全部改正后才能导入`
      : preview.valid === 0
        ? '没有可以导入的行'
        : null
    : null;

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="lg" fullWidth data-testid="import-wizard">
      <DialogTitle>导入名册</DialogTitle>
      <DialogContent dividers sx={{ minHeight: 420 }}>
        <Stepper activeStep={step} sx={{ mb: 3 }}>
          {STEPS.map((s) => (
            <Step key={s}>
              <StepLabel>{s}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }} data-testid="import-error">
            {error}
          </Alert>
        )}
        {busy && (
          <Box sx={{ mb: 2 }}>
            <JobProgress job={job} onCancel={() => job && void call('jobs:cancel', { jobId: job.id })} />
          </Box>
        )}
        {!busy && job?.state === 'cancelled' && (
          <Alert severity="info" sx={{ mb: 2 }}>
            已取消，未写入任何数据。
          </Alert>
        )}

        {step === 0 && (
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 560 }}>
            <TextField
              select
              label="名册类型"
              value={roster}
              onChange={(e) => setRoster(e.target.value as RosterType)}
              slotProps={{ htmlInput: { 'data-testid': 'import-roster' } }}
              disabled={busy}
            >
              {ROSTER_TYPES.map((t) => (
                <MenuItem key={t} value={t}>
                  {ROSTER_LABELS[t]}
                </MenuItem>
              ))}
            </TextField>
            <Typography variant="body2" color="text.secondary">
              支持 Excel（.xlsx）和 CSV 文件。标题行、两行表头、空行、“合计”和“注”行会自动识别；旧版 .xls 请先用 WPS/Excel 另存为 .xlsx。
            </Typography>
            <Box>
              <Button variant="contained" onClick={() => void choose()} disabled={busy} data-testid="import-pick" autoFocus>
                选择文件…
              </Button>
            </Box>
          </Box>
        )}

        {step === 1 && analysis && (
          <Box data-testid="import-mapping" data-state="ready" sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            <Typography>
              文件：{analysis.fileName}（{analysis.format === 'csv' ? 'CSV' : 'Excel'}，工作表：{analysis.sheetNames.join('、')}）
            </Typography>
            {analysis.sheets.map((s) => (
              <MappingTable
                key={s.sheetKey}
                sheet={s}
                mapping={mappings[s.sheetKey] ?? {}}
                onChange={(m) => setMappings({ ...mappings, [s.sheetKey]: m })}
              />
            ))}
            {missingRequired.length > 0 && (
              <Alert severity="warning">还缺少必填列：{missingRequired.join('、')}。请在上表中为它们指定对应的列。</Alert>
            )}
          </Box>
        )}

        {step === 2 && preview && <PreviewPanel preview={preview} />}

        {step === 3 && result && (
          <Box
            data-testid="import-summary"
            data-state={result.committed ? 'committed' : 'not-committed'}
            sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
          >
            <Alert severity={result.committed ? (undone ? 'info' : 'success') : 'warning'}>
              {undone ? '已撤销这次导入，数据恢复到导入之前。' : result.message}
            </Alert>
            <Typography>
              共 {result.rows} 行数据：新增 {result.inserted}，更新 {result.updated}，未变 {result.unchanged}，有错误未导入{' '}
              {result.rejected}。
            </Typography>
            {result.batchId && <Typography color="text.secondary">导入批次号：{result.batchId}（可在“导入记录”中随时撤销）</Typography>}
            {result.committed && !undone && (
              <Typography data-testid="import-next-step">
                {nextRoster(roster)
                  ? `下一步：导入${ROSTER_LABELS[nextRoster(roster) as RosterType]}名册。`
                  : '各类名册都已导入。下一步：在“季度考评”中新建本季度的考评。'}
              </Typography>
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {step === 1 && (
          <>
            <Button onClick={() => setStep(0)} disabled={busy}>
              重新选择文件
            </Button>
            <Button
              variant="contained"
              onClick={() => void validate()}
              disabled={busy || missingRequired.length > 0}
              data-testid="import-validate"
            >
              下一步：校验
            </Button>
          </>
        )}
        {step === 2 && preview && (
          <>
            <FormControlLabel
              sx={{ mr: 'auto', ml: 1 }}
              control={<Checkbox checked={strict} onChange={(e) => setStrict(e.target.checked)} />}
              label="严格模式：有任何错误则整个文件不导入"
            />
            <Button onClick={() => setStep(1)} disabled={busy}>
              上一步
            </Button>
            <Button
              variant="contained"
              onClick={() => void commit()}
              disabled={busy || blocked !== null}
              data-testid="import-commit"
              title={blocked ?? ''}
            >
              {blocked ?? `导入 ${preview.valid} 行${preview.rejected ? `（跳过 ${preview.rejected} 行错误）` : ''}`}
            </Button>
          </>
        )}
        {step === 3 && result?.committed && !undone && (
          <Button color="warning" onClick={() => void undo()} disabled={busy} data-testid="import-undo">
            撤销这次导入
          </Button>
        )}
        <Button onClick={onClose} disabled={busy} data-testid="import-close">
          {step === 3 ? '完成' : '关闭'}
        </Button>
        {step === 3 && result?.committed && !undone && (
          <Button
            variant="contained"
            data-testid="import-next"
            onClick={() => {
              const next = nextRoster(roster);
              if (!next) {
                onClose();
                navigate('/rounds');
                return;
              }
              setRoster(next);
              setResult(null);
              setAnalysis(null);
              setPreview(null);
              setUndone(false);
              setStep(0);
            }}
          >
            {nextRoster(roster) ? `下一步：导入${ROSTER_LABELS[nextRoster(roster) as RosterType]}` : '下一步：新建季度考评'}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

function MappingTable({
  sheet,
  mapping,
  onChange,
}: {
  sheet: AnalyzedSheetDto;
  mapping: Record<string, number>;
  onChange: (m: Record<string, number>) => void;
}) {
  const keyAt = (index: number) => Object.entries(mapping).find(([, i]) => i === index)?.[0] ?? '';
  function set(index: number, key: string) {
    const next: Record<string, number> = {};
    for (const [k, i] of Object.entries(mapping)) if (i !== index && k !== key) next[k] = i;
    if (key) next[key] = index;
    onChange(next);
  }
  return (
    <Box>
      <Typography variant="subtitle1" sx={{ mb: 1 }}>
        {sheet.sheetLabel}：工作表“{sheet.sheetName}”，表头在第 {sheet.headerRow} 行
        {sheet.groupRow ? `（第 ${sheet.groupRow} 行是分组表头）` : ''}，下面有 {sheet.rowsBelowHeader} 行
      </Typography>
      <Box sx={{ maxHeight: 320, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Box
          component="table"
          sx={{
            width: '100%',
            borderCollapse: 'collapse',
            '& td, & th': { borderBottom: 1, borderColor: 'divider', px: 1, py: 0.5, textAlign: 'left', fontSize: 14 },
          }}
        >
          <thead>
            <tr>
              <th>列</th>
              <th>文件中的表头</th>
              <th>示例</th>
              <th style={{ width: 220 }}>导入为</th>
            </tr>
          </thead>
          <tbody>
            {sheet.columns.map((c) => (
              <tr key={c.index} data-testid="mapping-row">
                <td>{c.letter}</td>
                <td>{c.header}</td>
                <td style={{ color: '#666' }}>{c.samples.join('，')}</td>
                <td>
                  <TextField
                    select
                    size="small"
                    fullWidth
                    value={keyAt(c.index)}
                    onChange={(e) => set(c.index, e.target.value)}
                    slotProps={{ htmlInput: { 'aria-label': `列 ${c.letter}（${c.header}）导入为` }, select: { displayEmpty: true } }}
                  >
                    <MenuItem value="">（不导入）</MenuItem>
                    {sheet.fields.map((f) => (
                      <MenuItem key={f.key} value={f.key}>
                        {f.label}
                        {f.required ? ' *' : ''}
                      </MenuItem>
                    ))}
                  </TextField>
                </td>
              </tr>
            ))}
          </tbody>
        </Box>
      </Box>
    </Box>
  );
}

function PreviewPanel({ preview }: { preview: RosterPreviewDto }) {
  const [view, setView] = useState<'errors' | 'all' | 'changes' | 'missing'>(
    preview.errors > 0 ? 'errors' : preview.problems.length > 0 ? 'all' : 'changes',
  );
  const problems = view === 'errors' ? preview.problems.filter((p) => p.severity === 'error') : preview.problems;
  const skipped = preview.skipped.blank + preview.skipped.total + preview.skipped.note + preview.skipped.header;
  return (
    <Box data-testid="import-preview" data-state="ready" sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        <Chip label={`数据 ${preview.rows} 行`} />
        <Chip color="success" label={`可导入 ${preview.valid} 行`} data-testid="preview-valid" />
        <Chip color={preview.rejected ? 'error' : 'default'} label={`有错误 ${preview.rejected} 行`} data-testid="preview-rejected" />
        <Chip color={preview.warnings ? 'warning' : 'default'} label={`提示 ${preview.warnings} 条`} />
        {skipped > 0 && (
          <Chip
            variant="outlined"
            label={`已跳过：空行 ${preview.skipped.blank}、合计 ${preview.skipped.total}、说明 ${preview.skipped.note}、重复表头 ${preview.skipped.header}`}
          />
        )}
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        <Chip variant="outlined" color="primary" label={`新增 ${preview.inserted}`} data-testid="preview-inserted" />
        <Chip variant="outlined" color="primary" label={`更新 ${preview.updated}`} />
        <Chip variant="outlined" label={`未变 ${preview.unchanged}`} />
        <Chip variant="outlined" color={preview.missing ? 'warning' : 'default'} label={`本文件中没有的已有记录 ${preview.missing}`} />
      </Box>
      <Tabs value={view} onChange={(_, v: typeof view) => setView(v)}>
        <Tab value="errors" label={`错误（${preview.errors}）`} />
        <Tab value="all" label={`全部问题（${preview.errors + preview.warnings}）`} />
        <Tab value="changes" label={`新增与修改（${preview.inserted + preview.updated}）`} />
        <Tab value="missing" label={`文件中没有（${preview.missing}）`} />
      </Tabs>
      <Box sx={{ maxHeight: 360, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Box
          component="table"
          sx={{
            width: '100%',
            borderCollapse: 'collapse',
            '& td, & th': {
              borderBottom: 1,
              borderColor: 'divider',
              px: 1,
              py: 0.5,
              textAlign: 'left',
              fontSize: 14,
              verticalAlign: 'top',
            },
          }}
        >
          {(view === 'errors' || view === 'all') && (
            <>
              <thead>
                <tr>
                  <th style={{ width: 56 }}>类别</th>
                  <th>工作表</th>
                  <th style={{ width: 56 }}>行</th>
                  <th>列</th>
                  <th>内容</th>
                  <th>说明（怎么改）</th>
                </tr>
              </thead>
              <tbody data-testid="problem-table">
                {problems.slice(0, MAX_SHOWN).map((p, i) => (
                  <tr key={i} data-testid="problem-row" data-severity={p.severity}>
                    <td style={{ color: p.severity === 'error' ? '#c62828' : '#ed6c02' }}>{SEVERITY_LABELS[p.severity]}</td>
                    <td>{p.sheet}</td>
                    <td>{p.row ?? ''}</td>
                    <td>{p.column ?? ''}</td>
                    <td style={{ fontFamily: MONO_FONT }}>{p.value}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </>
          )}
          {view === 'changes' && (
            <>
              <thead>
                <tr>
                  <th style={{ width: 56 }}>行</th>
                  <th>记录</th>
                  <th style={{ width: 56 }}>变化</th>
                  <th>修改的项目</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.slice(0, MAX_SHOWN).map((c, i) => (
                  <tr key={i} data-testid="change-row">
                    <td>{c.row}</td>
                    <td>{c.label}</td>
                    <td>{c.kind === 'new' ? '新增' : '修改'}</td>
                    <td>{c.kind === 'new' ? '' : c.fields.join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </>
          )}
          {view === 'missing' && (
            <>
              <thead>
                <tr>
                  <th>已有记录</th>
                  <th>社区</th>
                </tr>
              </thead>
              <tbody>
                {preview.missingList.map((m) => (
                  <tr key={m.id}>
                    <td>{m.label}</td>
                    <td>{m.community ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </>
          )}
        </Box>
        {(view === 'errors' || view === 'all') && problems.length === 0 && <Typography sx={{ p: 2 }}>没有问题。</Typography>}
      </Box>
      {(problems.length > MAX_SHOWN || preview.omittedProblems > 0) && (
        <Typography variant="caption" color="text.secondary">
          只显示前 {MAX_SHOWN} 条{preview.omittedProblems ? `，另有 ${preview.omittedProblems} 条未列出` : ''}
          。可先改正文件中的这些问题后重新导入。
        </Typography>
      )}
      {preview.missing > 0 && (
        <Typography variant="caption" color="text.secondary">
          “文件中没有”的记录不会被删除；如确已离开，请在名册中单独删除。
        </Typography>
      )}
    </Box>
  );
}
