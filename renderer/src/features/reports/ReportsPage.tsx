import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Chip, CircularProgress, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import type { RoundSummary } from '../../../../shared/ipc/channels/rounds.channels';
import type { ReportPdfDto } from '../../../../shared/ipc/channels/report.channels';
import { call, fetchStagedFile, saveFetchedFile, saveStagedFile, errorText } from '../../api/client';
import { DayField } from '../../components/DayField';
import { DocumentSettingsDialog } from './DocumentSettingsDialog';
import { VerifyPanel } from './VerifyPanel';

type Phase = 'idle' | 'loading' | 'ready' | 'error';

/** A PDF made and staged on the main side, with its bytes fetched for the preview. */
interface Generated extends ReportPdfDto {
  url: string;
  blob: Blob;
}

/** Prints a PDF blob through a hidden frame: Chromium's PDF viewer prints the document itself. */
function printPdf(url: string): void {
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.src = url;
  frame.onload = () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
  };
  document.body.appendChild(frame);
}

/** 结果与报告: the quarterly report (季度考评通报), the annual report, and the results workbook. */
export function ReportsPage() {
  const [rounds, setRounds] = useState<RoundSummary[] | null>(null);
  const [roundId, setRoundId] = useState('');
  const [year, setYear] = useState<number | ''>('');
  const [date, setDate] = useState('');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [generated, setGenerated] = useState<Generated | null>(null);
  const urlRef = useRef<string | null>(null);

  useEffect(() => {
    call('rounds:list', {}).then(
      (list) => {
        setRounds(list);
        const first = list[0];
        if (first) {
          setRoundId(first.id);
          setYear(first.year);
        }
      },
      (e: Error) => setError(e.message),
    );
    return () => {
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    };
  }, []);

  const years = [...new Set((rounds ?? []).map((r) => r.year))].sort((a, b) => b - a);
  const selected = rounds?.find((r) => r.id === roundId) ?? null;
  const signature = date ? { date } : {};
  const canNotice = selected?.state === 'published' || selected?.state === 'finalized';

  async function generate(kind: 'quarterly' | 'notice' | 'annual') {
    setPhase('loading');
    setError(null);
    setNotice(null);
    try {
      let pdf: ReportPdfDto;
      if (kind === 'quarterly') {
        if (!roundId) throw new Error('请先选择一个季度考评。');
        pdf = await call('report:quarterlyPdf', { roundId, ...signature });
      } else if (kind === 'notice') {
        if (!roundId) throw new Error('请先选择一个季度考评。');
        pdf = await call('report:noticePdf', { roundId, ...(date ? { from: date } : {}) });
      } else {
        if (year === '') throw new Error('请先选择年份。');
        pdf = await call('report:annualPdf', { year, ...signature });
      }
      // The PDF was rendered on the main side; fetch its bytes once for the preview and printing.
      const blob = await fetchStagedFile(pdf.fileId, 'application/pdf');
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
      const url = URL.createObjectURL(blob);
      urlRef.current = url;
      setGenerated({ ...pdf, url, blob });
      setPhase('ready');
    } catch (e) {
      setError(errorText(e));
      setPhase('error');
    }
  }

  async function save() {
    if (!generated) return;
    try {
      await saveFetchedFile(generated.fileId, generated.blob, generated.name);
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function exportWorkbook() {
    if (!roundId) return;
    setError(null);
    try {
      const staged = await call('report:exportResults', { roundId });
      await saveStagedFile(staged.fileId, staged.name);
      setNotice(`已导出考评结果表（${staged.communities}个社区）：${staged.name}`);
    } catch (e) {
      setError(errorText(e));
    }
  }

  const busy = phase === 'loading';
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="reports-page" data-state={phase}>
      <Typography variant="h5">结果与报告</Typography>
      {error && (
        <Alert severity="error" data-testid="report-error">
          {error}
        </Alert>
      )}
      {notice && <Alert severity="success">{notice}</Alert>}
      {rounds && rounds.length === 0 && <Alert severity="info">还没有季度考评。请先在「季度考评」中创建并完成评分，再来生成通报。</Alert>}

      <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'center', rowGap: 2 }}>
          <TextField
            select
            size="small"
            label="季度考评"
            value={roundId}
            onChange={(e) => setRoundId(e.target.value)}
            sx={{ minWidth: 220 }}
            slotProps={{ htmlInput: { 'data-testid': 'report-round' } }}
          >
            {(rounds ?? []).map((r) => (
              <MenuItem key={r.id} value={r.id}>
                {r.title}（{r.stateLabel}）
              </MenuItem>
            ))}
          </TextField>
          {selected && (
            <Chip
              size="small"
              label={selected.state === 'finalized' ? '已定稿' : '未定稿：通报带“草稿”水印'}
              color={selected.state === 'finalized' ? 'success' : 'warning'}
            />
          )}
          <DayField
            label="成文日期"
            value={date || undefined}
            onChange={(v) => setDate(v ?? '')}
            width={200}
            testId="report-date"
            hint="不填为定稿日期；公示为公示开始日期"
          />
          <Button size="small" onClick={() => setSettingsOpen(true)} data-testid="doc-settings-open">
            公文设置…
          </Button>
        </Stack>
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
          <Button variant="contained" disabled={busy || !roundId} onClick={() => void generate('quarterly')} data-testid="report-quarterly">
            生成季度考评通报
          </Button>
          <Button
            variant="outlined"
            disabled={busy || !canNotice}
            onClick={() => void generate('notice')}
            data-testid="report-notice"
            title={canNotice ? '' : '考评进入公示后才能生成公示'}
          >
            生成结果公示
          </Button>
          <Button variant="outlined" disabled={busy || !roundId} onClick={() => void exportWorkbook()} data-testid="report-export-xlsx">
            导出结果表（Excel）
          </Button>
          <Box sx={{ width: 16 }} />
          <TextField select size="small" label="年度" value={year} onChange={(e) => setYear(Number(e.target.value))} sx={{ width: 110 }}>
            {years.map((y) => (
              <MenuItem key={y} value={y}>
                {y}年
              </MenuItem>
            ))}
          </TextField>
          <Button variant="outlined" disabled={busy || year === ''} onClick={() => void generate('annual')} data-testid="report-annual">
            生成年度通报
          </Button>
        </Stack>
      </Paper>

      <VerifyPanel />
      <DocumentSettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />

      {busy && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <CircularProgress size={20} />
          <Typography variant="body2">正在后台生成 PDF，页面可以继续使用…</Typography>
        </Box>
      )}

      {generated && (
        <Paper
          sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }}
          data-testid="report-result"
          data-bytes={generated.bytes}
          data-finalized={generated.finalized ? 'yes' : 'no'}
        >
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="subtitle1" sx={{ flex: 1 }}>
              {generated.title}（{generated.status}，{(generated.bytes / 1024).toFixed(0)} KB，用时 {(generated.millis / 1000).toFixed(1)}{' '}
              秒）
            </Typography>
            <Button variant="contained" onClick={() => void save()} data-testid="report-save">
              保存 PDF
            </Button>
            <Button variant="outlined" onClick={() => printPdf(generated.url)} data-testid="report-print">
              打印
            </Button>
          </Stack>
          {generated.contentHash && (
            <Typography variant="body2" color="text.secondary" data-testid="report-hash">
              内容校验码：{generated.contentHash}
            </Typography>
          )}
          {generated.missingGlyphs.length > 0 && (
            <Alert severity="warning">
              以下字符没有可用字体，未能打印：{generated.missingGlyphs.join(' ')}。请在电脑上安装含 CJK 扩展字符的字体（如
              SimSun-ExtB）后重新生成。
            </Alert>
          )}
          <Box
            component="iframe"
            title="报告预览"
            src={generated.url}
            data-testid="report-preview"
            sx={{ width: '100%', height: '75vh', border: '1px solid', borderColor: 'divider' }}
          />
        </Paper>
      )}
    </Box>
  );
}
