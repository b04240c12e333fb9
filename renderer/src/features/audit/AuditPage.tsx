import { useCallback, useEffect, useState } from 'react';
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
import type { AuditEntryDto, AuditVerifyResult } from '../../../../shared/ipc/channels/audit.channels';
import { AUDIT_ACTION_LABELS, type AuditFilter } from '../../../../shared/ipc/channels/audit-trail.channels';
import { call, saveStagedFile, errorText } from '../../api/client';
import { useChannel } from '../../hooks/useChannel';
import { DayField } from '../../components/DayField';
import { describeAuditEntry, type AuditNames } from '../../../../shared/domain/audit/describe-entry';
import type { AuditNamesDto } from '../../../../shared/ipc/channels/desk.channels';

const PAGE = 100;

const NO_NAMES: AuditNamesDto = { communities: [], items: [], people: [] };

/** 操作日志: who changed what and when, with filters, chain verification and Excel export. */
export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{
    total: number;
    entries: AuditEntryDto[];
    actors: string[];
    actions: string[];
    entities: string[];
  } | null>(null);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const auditNames = useChannel('audit:names', {});
  // Without the names the log shows codes and login names as recorded.
  const names = auditNames.error ? NO_NAMES : auditNames.data;
  const lookup: AuditNames = {
    community: (id) => names?.communities.find((c) => c.id === id)?.name,
    item: (code) => names?.items.find((i) => i.code === code)?.title,
    person: (u) => names?.people.find((p) => p.username.toLowerCase() === u.toLowerCase())?.displayName,
  };

  const clean = (f: AuditFilter): AuditFilter =>
    Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as AuditFilter;
  const load = useCallback(() => {
    call('audit:search', { ...clean(filter), limit: PAGE, offset }).then(setData, (e: unknown) => setError(errorText(e)));
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
      setError(errorText(e));
    }
  }

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="audit-page" data-state={data ? 'ready' : 'loading'}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <Typography variant="h5" sx={{ flex: 1 }}>
          操作日志
        </Typography>
        <Button
          variant="outlined"
          onClick={() => call('audit:verify', {}).then(setVerify, (e: unknown) => setError(String(e)))}
          data-testid="audit-verify"
        >
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
        <TextField
          select
          size="small"
          label="操作人"
          value={filter.actor ?? ''}
          onChange={(e) => set('actor', e.target.value || undefined)}
          sx={{ minWidth: 130 }}
          data-testid="audit-actor"
        >
          <MenuItem value="">全部</MenuItem>
          {data?.actors.map((a) => (
            <MenuItem key={a} value={a}>
              {lookup.person(a) ?? (a === 'local-admin' ? '本机管理员（命令行）' : a)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="社区"
          value={filter.community ?? ''}
          onChange={(e) => set('community', e.target.value || undefined)}
          sx={{ minWidth: 130 }}
          data-testid="audit-community"
        >
          <MenuItem value="">全部</MenuItem>
          {names?.communities.map((c) => (
            <MenuItem key={c.id} value={c.name}>
              {c.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="操作"
          value={filter.action ?? ''}
          onChange={(e) => set('action', e.target.value || undefined)}
          sx={{ minWidth: 160 }}
          slotProps={{ htmlInput: { 'data-testid': 'audit-action' } }}
        >
          <MenuItem value="">全部</MenuItem>
          {data?.actions.map((a) => (
            <MenuItem key={a} value={a}>
              {AUDIT_ACTION_LABELS[a] ?? a}
            </MenuItem>
          ))}
        </TextField>
        <DayField label="从（日期）" value={filter.from} onChange={(v) => set('from', v)} testId="audit-from" />
        <DayField label="到（日期）" value={filter.to} onChange={(v) => set('to', v)} testId="audit-to" />
        <TextField
          size="small"
          label="包含文字"
          value={filter.text ?? ''}
          onChange={(e) => set('text', e.target.value || undefined)}
          sx={{ flex: 1, minWidth: 160 }}
        />
      </Paper>
      {data && (
        <Paper sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="audit-table">
            <TableHead>
              <TableRow>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>时间</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>操作人</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>操作</TableCell>
                <TableCell sx={{ minWidth: 140 }}>对象</TableCell>
                <TableCell sx={{ minWidth: 260 }}>修改内容</TableCell>
                <TableCell sx={{ minWidth: 100 }}>理由</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.entries.length === 0 && (
                <TableRow>
                  <TableCell colSpan={6}>
                    <Typography color="text.secondary">暂无符合条件的记录。可放宽筛选条件（操作人、社区、日期）后再查。</Typography>
                  </TableCell>
                </TableRow>
              )}
              {data.entries.map((e) => {
                const d = describeAuditEntry(e, lookup, AUDIT_ACTION_LABELS[e.action] ?? '其他操作');
                return (
                  <TableRow key={e.seq} data-testid="audit-row">
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{d.when}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{d.who}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{d.what}</TableCell>
                    <TableCell>{d.target}</TableCell>
                    <TableCell sx={{ wordBreak: 'break-word' }}>{d.change}</TableCell>
                    <TableCell>{d.reason}</TableCell>
                  </TableRow>
                );
              })}
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
