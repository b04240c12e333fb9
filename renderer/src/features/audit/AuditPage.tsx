import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, MenuItem, Paper, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import type { AuditEntryDto, AuditVerifyResult } from '../../../../shared/ipc/channels/audit.channels';
import { AUDIT_ACTION_LABELS, type AuditFilter } from '../../../../shared/ipc/channels/audit-trail.channels';
import { call, saveStagedFile } from '../../api/client';

const PAGE = 100;

/** Before/after values as 「字段：值」 pairs, shortened for the table (the export has them whole). */
function brief(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
          .map(([k, v]) => `${k}：${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join('；')
      : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/** 操作日志: who changed what and when, with filters, chain verification and Excel export. */
export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; entries: AuditEntryDto[]; actors: string[]; actions: string[]; entities: string[] } | null>(null);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const clean = (f: AuditFilter): AuditFilter => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as AuditFilter;
  const load = useCallback(() => {
    call('audit:search', { ...clean(filter), limit: PAGE, offset }).then(setData, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [filter, offset]);
  useEffect(() => load(), [load]);

  function set<K extends keyof AuditFilter>(key: K, value: AuditFilter[K]) {
    setOffset(0);
    setFilter({ ...filter, [key]: value });
  }

  async function exportXlsx() {
    try {
      const f = await call('audit:export', clean(filter));
      await saveStagedFile(f.fileId, f.name);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="audit-page" data-state={data ? 'ready' : 'loading'}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <Typography variant="h5" sx={{ flex: 1 }}>
          操作日志
        </Typography>
        <Button variant="outlined" onClick={() => call('audit:verify', {}).then(setVerify, (e: unknown) => setError(String(e)))} data-testid="audit-verify">
          校验日志完整性
        </Button>
        <Button variant="outlined" onClick={exportXlsx} data-testid="audit-export">
          导出 Excel
        </Button>
      </Box>
      {verify && (
        <Alert severity={verify.ok ? 'success' : 'error'} onClose={() => setVerify(null)} data-testid="audit-verify-result">
          {verify.message}
        </Alert>
      )}
      {error && <Alert severity="error">{error}</Alert>}
      <Paper sx={{ p: 2, display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <TextField select size="small" label="操作人" value={filter.actor ?? ''} onChange={(e) => set('actor', e.target.value || undefined)} sx={{ minWidth: 130 }}>
          <MenuItem value="">全部</MenuItem>
          {data?.actors.map((a) => (
            <MenuItem key={a} value={a}>
              {a}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="操作" value={filter.action ?? ''} onChange={(e) => set('action', e.target.value || undefined)} sx={{ minWidth: 160 }} slotProps={{ htmlInput: { 'data-testid': 'audit-action' } }}>
          <MenuItem value="">全部</MenuItem>
          {data?.actions.map((a) => (
            <MenuItem key={a} value={a}>
              {AUDIT_ACTION_LABELS[a] ?? a}
            </MenuItem>
          ))}
        </TextField>
        <TextField size="small" type="date" label="从" value={filter.from ?? ''} onChange={(e) => set('from', e.target.value || undefined)} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField size="small" type="date" label="到" value={filter.to ?? ''} onChange={(e) => set('to', e.target.value || undefined)} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField size="small" label="包含文字" value={filter.text ?? ''} onChange={(e) => set('text', e.target.value || undefined)} sx={{ flex: 1, minWidth: 160 }} />
      </Paper>
      {data && (
        <Paper sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="audit-table">
            <TableHead>
              <TableRow>
                <TableCell>序号</TableCell>
                <TableCell>时间</TableCell>
                <TableCell>操作人</TableCell>
                <TableCell>操作</TableCell>
                <TableCell>对象</TableCell>
                <TableCell>修改前</TableCell>
                <TableCell>修改后</TableCell>
                <TableCell>理由</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.entries.map((e) => (
                <TableRow key={e.seq}>
                  <TableCell>{e.seq}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{new Date(e.at).toLocaleString('zh-CN', { hour12: false })}</TableCell>
                  <TableCell>{e.actor}</TableCell>
                  <TableCell>{AUDIT_ACTION_LABELS[e.action] ?? e.action}</TableCell>
                  <TableCell>{e.entityId ?? e.entity}</TableCell>
                  <TableCell sx={{ fontSize: 12, maxWidth: 260, wordBreak: 'break-all' }}>{brief(e.before)}</TableCell>
                  <TableCell sx={{ fontSize: 12, maxWidth: 260, wordBreak: 'break-all' }}>{brief(e.after)}</TableCell>
                  <TableCell>{e.reason ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Box sx={{ display: 'flex', gap: 1, p: 1, alignItems: 'center' }}>
            <Typography variant="body2" sx={{ flex: 1 }}>
              共 {data.total} 条，第 {offset + 1}–{Math.min(offset + PAGE, data.total)} 条
            </Typography>
            <Button size="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              上一页
            </Button>
            <Button size="small" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
              下一页
            </Button>
          </Box>
        </Paper>
      )}
    </Box>
  );
}
