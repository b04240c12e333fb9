import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField, Typography } from '@mui/material';
import { ENUMS, enumValues } from '../../../../shared/domain/roster/roster-enums';
import type { ColumnDef } from '../../../../shared/domain/roster/roster-columns';
import type { CellValueDto, RosterProblemDto, RosterRecordDto } from '../../../../shared/ipc/channels/roster.channels';
import { call, errorText } from '../../api/client';
import { ROSTER_DEFS, showCell, type RosterTab } from './roster-ui';

function toInput(value: CellValueDto | undefined): string {
  return showCell(value);
}

/**
 * Edit one record. The values go through exactly the import's validation on the main side; its
 * problems are shown next to the fields.
 */
export function RecordEditDialog({
  tab,
  recordId,
  onClose,
  onSaved,
}: {
  tab: RosterTab;
  recordId: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const columns = useMemo(
    () => (ROSTER_DEFS[tab.roster].sheets.find((s) => s.key === tab.sheet)?.columns ?? []).filter((c) => c.type !== 'dateRange'),
    [tab.roster, tab.sheet],
  );
  const [record, setRecord] = useState<RosterRecordDto | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<RosterProblemDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [posts, setPosts] = useState<string[] | null>(null);

  useEffect(() => {
    call('roster:get', { roster: tab.roster, sheet: tab.sheet, id: recordId }).then(
      (r) => {
        setRecord(r);
        setDraft(Object.fromEntries(columns.map((c) => [c.key, toInput(r.values[c.key])])));
      },
      (e: Error) => setError(e.message),
    );
    if (tab.roster === 'workers')
      call('roster:postGrades', {}).then(
        (t) => setPosts(t.posts.map((p) => p.post)),
        () => setPosts(null),
      );
    // Load once per record (columns derive from the tab).
  }, [tab.roster, tab.sheet, recordId, columns]);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!record) return;
    const values: Record<string, CellValueDto> = {};
    for (const c of columns) {
      const before = toInput(record.values[c.key]);
      if (draft[c.key] !== before) values[c.key] = (draft[c.key] ?? '').trim() === '' ? null : (draft[c.key] ?? '');
    }
    if (Object.keys(values).length === 0) return onClose();
    setSaving(true);
    setError(null);
    try {
      const result = await call('roster:update', { roster: tab.roster, sheet: tab.sheet, id: recordId, values });
      setProblems(result.problems);
      if (result.saved) onSaved();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    setSaving(true);
    try {
      await call('roster:delete', { roster: tab.roster, sheet: tab.sheet, id: recordId, reason: '' });
      onSaved();
    } catch (e) {
      setError(errorText(e));
      setConfirmDelete(false);
    } finally {
      setSaving(false);
    }
  }

  const problemFor = (c: ColumnDef) => problems.filter((p) => p.column === c.label);
  const general = problems.filter((p) => !columns.some((c) => c.label === p.column));

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="record-dialog">
      <Box component="form" onSubmit={save}>
        <DialogTitle>
          修改{tab.label}
          {record ? `：${showCell(record.values.name ?? record.values.code ?? record.values.groupName)}` : ''}
        </DialogTitle>
        <DialogContent dividers data-state={record ? 'ready' : 'loading'}>
          {error && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {error}
            </Alert>
          )}
          {general.map((p, i) => (
            <Alert key={i} severity={p.severity === 'error' ? 'error' : 'warning'} sx={{ mb: 1 }}>
              {p.message}
            </Alert>
          ))}
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: '1fr 1fr 1fr' }, gap: 2, pt: 1 }}>
            {columns.map((c, index) => {
              const mine = problemFor(c);
              const options =
                c.type === 'bool'
                  ? ['是', '否']
                  : c.key === 'postCategory'
                    ? posts
                    : c.type === 'enum' && c.enumId
                      ? enumValues(ENUMS[c.enumId])
                      : null;
              const helper = mine.map((p) => p.message).join('；') || (c.hint ?? ' ');
              return (
                <TextField
                  key={c.key}
                  label={`${c.label}${c.required ? ' *' : ''}`}
                  value={draft[c.key] ?? ''}
                  onChange={(e) => setDraft({ ...draft, [c.key]: e.target.value })}
                  select={options !== null}
                  size="small"
                  autoFocus={index === 0}
                  error={mine.some((p) => p.severity === 'error')}
                  helperText={helper}
                  slotProps={{ htmlInput: { 'data-testid': `field-${c.key}` } }}
                >
                  {options && [
                    <MenuItem key="" value="">
                      （空）
                    </MenuItem>,
                    ...options.map((o) => (
                      <MenuItem key={o} value={o}>
                        {o}
                      </MenuItem>
                    )),
                  ]}
                </TextField>
              );
            })}
          </Box>
          <Typography variant="caption" color="text.secondary">
            保存时按导入时的同样规则校验（身份证号校验位、日期、取值范围、社区和网格须存在等）。
          </Typography>
        </DialogContent>
        <DialogActions>
          {confirmDelete ? (
            <>
              <Typography color="error" sx={{ mr: 'auto', ml: 2 }}>
                确定删除这条记录？删除会记入操作日志。
              </Typography>
              <Button onClick={() => setConfirmDelete(false)}>不删除</Button>
              <Button color="error" variant="contained" onClick={() => void remove()} disabled={saving} data-testid="record-delete-confirm">
                删除
              </Button>
            </>
          ) : (
            <>
              <Button color="error" sx={{ mr: 'auto' }} onClick={() => setConfirmDelete(true)} disabled={!record || saving}>
                删除…
              </Button>
              <Button onClick={onClose}>取消</Button>
              <Button type="submit" variant="contained" disabled={!record || saving} data-testid="record-save">
                {saving ? '正在保存…' : '保存'}
              </Button>
            </>
          )}
        </DialogActions>
      </Box>
    </Dialog>
  );
}
