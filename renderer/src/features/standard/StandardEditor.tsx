import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItemButton,
  ListItemText,
  Paper,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import type { StandardProblem } from '../../../../shared/domain/standard/standard.problem';
import { call, saveStagedFile, errorText } from '../../api/client';
import { navigate } from '../../app/router';
import { FormPreview } from './FormPreview';
import { ItemTree } from './ItemTree';
import { BonusVetoEditor } from './BonusVetoEditor';
import { GradingEditor } from './RulesEditor';
import { SAVE_STATE_TEXT, fmt, useDraftEditor } from './standard-ui';

const TABS = [
  { key: 'items', label: '指标与分值' },
  { key: 'rules', label: '加分与否决' },
  { key: 'grading', label: '等级、排名与汇总' },
  { key: 'preview', label: '评分表预览' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

function ProblemList({ problems, onPick }: { problems: StandardProblem[]; onPick(p: StandardProblem): void }) {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (problems.length === 0) {
    return (
      <Alert severity="success" data-testid="problems-panel" data-errors="0">
        校验通过：各一级指标分值合计与总分一致，评分方法参数和公式均有效。
      </Alert>
    );
  }
  return (
    <Alert
      severity={errors.length ? 'error' : 'warning'}
      data-testid="problems-panel"
      data-errors={errors.length}
      sx={{ '& .MuiAlert-message': { width: '100%' } }}
    >
      <Typography variant="body2" sx={{ mb: 0.5 }}>
        {errors.length ? `${errors.length}个错误（改正后才能发布）` : ''}
        {errors.length && warnings.length ? '，' : ''}
        {warnings.length ? `${warnings.length}个提示` : ''}
      </Typography>
      <List dense disablePadding sx={{ maxHeight: 160, overflow: 'auto' }}>
        {[...errors, ...warnings].map((p, i) => (
          <ListItemButton key={i} sx={{ py: 0 }} onClick={() => onPick(p)}>
            <ListItemText
              primary={`${p.severity === 'error' ? '错误' : '提示'}：${p.message}`}
              slotProps={{ primary: { variant: 'body2' } }}
            />
          </ListItemButton>
        ))}
      </List>
    </Alert>
  );
}

/** One version: header with status and actions, live validation, and the editing tabs. */
export function StandardEditor({ version, isAdmin, onChanged }: { version: number; isAdmin: boolean; onChanged(): unknown }) {
  const ed = useDraftEditor(version, isAdmin);
  const [tab, setTab] = useState<TabKey>('items');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [confirm, setConfirm] = useState<'publish' | 'delete' | null>(null);
  // Keep the version list's error counts in step with saved drafts.
  useEffect(() => {
    if (ed.saveState === 'saved') onChanged();
  }, [ed.saveState, onChanged]);

  if (ed.loadError) return <Alert severity="error">{ed.loadError}</Alert>;
  if (!ed.detail || !ed.standard) return <Paper sx={{ p: 3 }} data-testid="standard-editor" data-state="loading" />;
  const d = ed.detail;
  const s = ed.standard;
  const errors = ed.problems.filter((p) => p.severity === 'error').length;

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    try {
      await run();
    } catch (err) {
      setMessage({ severity: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const copy = () =>
    act(async () => {
      if (ed.editable && !(await ed.flush())) throw new Error('当前修改尚未保存，请稍后重试。');
      const next = await call('standard:createDraft', { fromVersion: version });
      onChanged();
      navigate(`/standard/${next.version}`);
    });
  const publish = () =>
    act(async () => {
      setConfirm(null);
      if (!(await ed.flush())) throw new Error('修改尚未保存，不能发布。');
      await call('standard:publish', { version });
      await ed.reload();
      onChanged();
      setMessage({ severity: 'success', text: `第${version}版已发布。此后不能再修改；如需调整，请“复制为新版本”。` });
    });
  const remove = () =>
    act(async () => {
      setConfirm(null);
      await call('standard:deleteDraft', { version });
      onChanged();
      navigate('/standard');
    });
  const exportFile = () =>
    act(async () => {
      if (ed.editable) await ed.flush();
      const out = await call('standard:export', { version });
      await saveStagedFile(out.fileId, out.name);
    });

  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 0 }}
      data-testid="standard-editor"
      data-state="ready"
      data-version={version}
    >
      <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h2">
            {s.name}（第{version}版）
          </Typography>
          <Chip label={d.statusLabel} color={d.status === 'published' ? 'success' : 'default'} size="small" data-testid="version-status" />
          {d.usedBy.length > 0 && <Chip size="small" variant="outlined" label={`已被 ${d.usedBy.join('、')} 使用`} />}
          <Typography variant="body2" color="text.secondary">
            总分 {fmt(s.categories.reduce((a, c) => a + c.maxTenths, 0))} 分 · 加分上限 {fmt(s.bonus.capTenths)} 分
            {d.basedOn ? ` · 由第${d.basedOn}版复制` : ''}
          </Typography>
          <Box sx={{ flex: 1 }} />
          {ed.editable && (
            <Typography
              variant="body2"
              color={ed.saveState === 'error' ? 'error' : 'text.secondary'}
              data-testid="save-state"
              data-save={ed.saveState}
            >
              {SAVE_STATE_TEXT[ed.saveState]}
            </Typography>
          )}
        </Box>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {ed.editable && (
            <Button variant="contained" disabled={busy || errors > 0} onClick={() => setConfirm('publish')} data-testid="publish">
              发布
            </Button>
          )}
          {isAdmin && (
            <Button variant={ed.editable ? 'outlined' : 'contained'} disabled={busy} onClick={copy} data-testid="copy-version">
              复制为新版本
            </Button>
          )}
          <Button variant="outlined" disabled={busy} onClick={exportFile} data-testid="export">
            导出 Excel
          </Button>
          <Button
            variant="outlined"
            disabled={busy || version <= 1}
            onClick={() => navigate(`/standard/diff/${d.basedOn ?? version - 1}/${version}`)}
            data-testid="compare"
          >
            与{d.basedOn ? `第${d.basedOn}版` : '上一版'}比较
          </Button>
          {ed.editable && (
            <Button color="error" disabled={busy} onClick={() => setConfirm('delete')}>
              删除草稿
            </Button>
          )}
        </Box>
        {d.readOnlyReason && <Alert severity="info">{d.readOnlyReason}</Alert>}
        {!isAdmin && d.status === 'draft' && <Alert severity="info">只有管理员可以修改考核标准。</Alert>}
        {ed.saveState === 'error' && <Alert severity="error">{ed.saveMessage}</Alert>}
        {message && (
          <Alert severity={message.severity} onClose={() => setMessage(null)} data-testid="editor-message">
            {message.text}
          </Alert>
        )}
        {ed.editable && (
          <TextField
            label="版本说明（改了什么、依据的文件）"
            value={s.note}
            size="small"
            onChange={(e) => ed.update((x) => void (x.note = e.target.value))}
          />
        )}
        {!ed.editable && s.note && (
          <Typography variant="body2" color="text.secondary">
            版本说明：{s.note}
          </Typography>
        )}
        <ProblemList
          problems={ed.problems}
          onPick={(p) => {
            const k = p.target?.kind;
            setTab(k === 'bonus' || k === 'veto' ? 'rules' : k === 'band' || k === 'ranking' || k === 'rollUp' ? 'grading' : 'items');
            const el = p.target?.code
              ? document.querySelector(`[data-testid="item-${p.target.code}"], [data-testid="category-${p.target.code}"]`)
              : null;
            el?.scrollIntoView({ behavior: 'smooth', block: 'center' });
          }}
        />
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Tabs value={tab} onChange={(_, v: TabKey) => setTab(v)} sx={{ mb: 2 }}>
          {TABS.map((t) => (
            <Tab key={t.key} value={t.key} label={t.label} data-testid={`tab-${t.key}`} />
          ))}
        </Tabs>
        {tab === 'items' && <ItemTree standard={s} problems={ed.problems} editable={ed.editable} update={ed.update} />}
        {tab === 'rules' && <BonusVetoEditor standard={s} editable={ed.editable} update={ed.update} />}
        {tab === 'grading' && <GradingEditor standard={s} editable={ed.editable} update={ed.update} />}
        {tab === 'preview' && <FormPreview standard={s} />}
      </Paper>
      <Dialog open={confirm !== null} onClose={() => setConfirm(null)}>
        <DialogTitle>{confirm === 'publish' ? `发布第${version}版？` : `删除第${version}版草稿？`}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {confirm === 'publish'
              ? '发布后该版本不能再修改，可用于新的季度考评；需要调整时请“复制为新版本”。'
              : '草稿中的全部修改将被删除，已发布的版本不受影响。'}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(null)}>取消</Button>
          <Button
            variant="contained"
            color={confirm === 'delete' ? 'error' : 'primary'}
            onClick={confirm === 'publish' ? publish : remove}
            data-testid="confirm"
          >
            {confirm === 'publish' ? '发布' : '删除'}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
