import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Paper,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import type { AppraisedUnit } from '../../../../shared/ipc/channels/levels.channels';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { KINDS_OF_LEVEL, CODE_LENGTH } from '../../../../shared/domain/levels/levels';
import { call, errorText } from '../../api/client';
import { pickFile } from '../../api/pick-file';
import { useCan } from '../../app/access';
import { useUnitSettings } from '../../app/unit-settings-context';

type Kind = AppraisedUnit['kind'];
type Draft = { id?: number; name: string; shortName: string; code: string; contact: string; phone: string };
const EMPTY: Draft = { name: '', shortName: '', code: '', contact: '', phone: '' };

/**
 * 单位名单: the units a 县区 or 市 appraises, per kind (街道 / 县区 / 成员单位): listed, imported from
 * Excel with a preview first, added, corrected and removed (a unit a round appraised is kept).
 */
export function UnitsPage() {
  const { settings } = useUnitSettings();
  const kinds = KINDS_OF_LEVEL[settings.level].filter((k): k is Kind => k !== '社区');
  const [kind, setKind] = useState<Kind | null>(null);
  const current = kind ?? kinds[0] ?? null;
  const can = useCan();
  const [units, setUnits] = useState<AppraisedUnit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [preview, setPreview] = useState<{ fileId: string; result: ChannelOutput<'units:import'> } | null>(null);
  const load = useCallback(async () => {
    if (!current) return;
    try {
      setUnits(await call('units:list', { kind: current }));
    } catch (e) {
      setError(errorText(e));
    }
  }, [current]);
  useEffect(() => void load(), [load]);
  if (!current) return <Alert severity="info">本单位层级为街道，考评对象是社区（见“组织与名册”）。</Alert>;
  const hasCode = current !== '成员单位';

  async function run(job: () => Promise<string>) {
    try {
      setNotice(await job());
      setError(null);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function chooseFile() {
    const file = await pickFile({ title: `选择${current}名单`, filters: [{ name: 'Excel 表格', extensions: ['xlsx', 'xls', 'csv'] }] });
    if (!file || !current) return;
    try {
      setPreview({ fileId: file.fileId, result: await call('units:import', { fileId: file.fileId, kind: current, dryRun: true }) });
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <Box sx={{ display: 'grid', gap: 2 }} data-testid="units-page">
      <Typography variant="h5">单位名单</Typography>
      {kinds.length > 1 && (
        <Tabs
          value={current}
          onChange={(_, v: Kind) => {
            setKind(v);
            setNotice(null);
            setError(null);
            setPreview(null);
          }}
        >
          {kinds.map((k) => (
            <Tab key={k} value={k} label={k} data-testid={`units-tab-${k}`} />
          ))}
        </Tabs>
      )}
      {can('units:save') && (
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button
            variant="contained"
            onClick={() => {
              setError(null);
              setDraft(EMPTY);
            }}
            data-testid="unit-add"
          >
            添加{current}
          </Button>
          <Button variant="outlined" onClick={() => void chooseFile()} data-testid="units-import">
            从 Excel 导入
          </Button>
        </Box>
      )}
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)} data-testid="units-notice">
          {notice}
        </Alert>
      )}
      {error && !draft && (
        <Alert severity="error" onClose={() => setError(null)} data-testid="units-error">
          {error}
        </Alert>
      )}
      {preview && (
        <Alert
          severity={preview.result.rejected > 0 ? 'warning' : 'info'}
          data-testid="units-preview"
          action={
            <Box sx={{ display: 'flex', gap: 1 }}>
              <Button
                color="inherit"
                size="small"
                data-testid="units-import-confirm"
                onClick={() => {
                  const p = preview;
                  setPreview(null);
                  void run(async () => {
                    const r = await call('units:import', { fileId: p.fileId, kind: current, dryRun: false });
                    return `已导入：新增 ${r.inserted}，更新 ${r.updated}，未变 ${r.unchanged}，拒绝 ${r.rejected}。`;
                  });
                }}
              >
                确认导入
              </Button>
              <Button color="inherit" size="small" onClick={() => setPreview(null)}>
                取消
              </Button>
            </Box>
          }
        >
          检查“{preview.result.file}”（未写入）：新增 {preview.result.inserted}，已有 {preview.result.unchanged}，拒绝{' '}
          {preview.result.rejected}。
          {preview.result.problems.slice(0, 5).map((p, i) => (
            <div key={i}>
              {p.row ? `第 ${p.row} 行：` : ''}
              {p.message}
            </div>
          ))}
        </Alert>
      )}
      <Paper>
        <Table size="small" data-testid="units-table">
          <TableHead>
            <TableRow>
              <TableCell>名称</TableCell>
              {hasCode ? <TableCell>统计用区划代码</TableCell> : <TableCell>简称</TableCell>}
              <TableCell>联系人</TableCell>
              <TableCell>电话</TableCell>
              <TableCell>来源</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {units.length === 0 && (
              <TableRow>
                <TableCell colSpan={6}>还没有{current}。可逐个添加，或从 Excel 导入名单。</TableCell>
              </TableRow>
            )}
            {units.map((u) => (
              <TableRow key={u.id} data-testid={`unit-${u.name}`}>
                <TableCell>{u.name}</TableCell>
                <TableCell>{(hasCode ? u.code : u.shortName) ?? '—'}</TableCell>
                <TableCell>{u.contact ?? '—'}</TableCell>
                <TableCell>{u.phone ?? '—'}</TableCell>
                <TableCell>{{ import: '导入', exchange: '上报单位', manual: '手工添加' }[u.source]}</TableCell>
                <TableCell align="right">
                  {can('units:save') && (
                    <>
                      <Button
                        size="small"
                        onClick={() =>
                          setDraft({
                            id: u.id,
                            name: u.name,
                            shortName: u.shortName ?? '',
                            code: u.code ?? '',
                            contact: u.contact ?? '',
                            phone: u.phone ?? '',
                          })
                        }
                      >
                        修改
                      </Button>
                      <Button
                        size="small"
                        color="error"
                        aria-label={`删除 ${u.name}`}
                        onClick={() => void run(async () => `已删除“${(await call('units:remove', { id: u.id })).removed}”。`)}
                      >
                        删除
                      </Button>
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <Dialog open={draft !== null} onClose={() => setDraft(null)} fullWidth maxWidth="sm">
        <DialogTitle>{draft?.id ? `修改${current}` : `添加${current}`}</DialogTitle>
        {draft && (
          <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>
            <TextField label="名称" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} autoFocus />
            {hasCode ? (
              <TextField
                label={`统计用区划代码（${CODE_LENGTH[current === '街道' ? '街道' : '县区']} 位数字）`}
                value={draft.code}
                onChange={(e) => setDraft({ ...draft, code: e.target.value.replace(/\D/g, '') })}
                slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'unit-code' } }}
              />
            ) : (
              <TextField label="简称" value={draft.shortName} onChange={(e) => setDraft({ ...draft, shortName: e.target.value })} />
            )}
            <TextField label="联系人" value={draft.contact} onChange={(e) => setDraft({ ...draft, contact: e.target.value })} />
            <TextField label="电话" value={draft.phone} onChange={(e) => setDraft({ ...draft, phone: e.target.value })} />
          </DialogContent>
        )}
        <DialogActions>
          <Button onClick={() => setDraft(null)}>取消</Button>
          <Button
            variant="contained"
            data-testid="unit-save"
            disabled={!draft?.name.trim()}
            onClick={() => {
              const d = draft;
              if (!d) return;
              void (async () => {
                try {
                  const saved = await call('units:save', {
                    ...(d.id ? { id: d.id } : {}),
                    kind: current,
                    name: d.name,
                    shortName: d.shortName || null,
                    code: hasCode ? d.code : null,
                    contact: d.contact || null,
                    phone: d.phone || null,
                  });
                  setDraft(null);
                  setNotice(`已保存“${saved.name}”。`);
                  setError(null);
                  await load();
                } catch (e) {
                  setError(errorText(e));
                }
              })();
            }}
          >
            保存
          </Button>
        </DialogActions>
        {draft && error && (
          <Alert severity="error" sx={{ m: 2, mt: 0 }} data-testid="unit-dialog-error">
            {error}
          </Alert>
        )}
      </Dialog>
    </Box>
  );
}
