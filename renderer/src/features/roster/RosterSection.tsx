import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, MenuItem, Snackbar, Tab, Tabs, TextField, Typography } from '@mui/material';
import type { RosterListDto, RosterOverviewDto, RosterRecordDto } from '../../../../shared/ipc/channels/roster.channels';
import { stagedOutputSchema } from '../../../../shared/ipc/channels/roster.channels';
import { call, saveStagedFile, errorText } from '../../api/client';
import { navigate, useRoute } from '../../app/router';
import { useAuth } from '../auth/auth-context';
import { CommunityDetailPage } from './CommunityDetailPage';
import { ImportBatchesPanel } from './ImportBatchesPanel';
import { ImportWizard } from './ImportWizard';
import { PostGradesDialog } from './PostGradesDialog';
import { RecordEditDialog } from './RecordEditDialog';
import { RosterTable, type RosterQuery } from './RosterTable';
import { awaitJob, ROSTER_TABS, tabById } from './roster-ui';

const BATCHES = 'batches';

/** 组织与名册: a tab per roster (virtualized table, search, 社区/网格 filters), import, export, templates. */
export function RosterSection() {
  const { segments } = useRoute();
  if (segments[1] === 'community' && segments[2]) return <CommunityDetailPage communityId={Number(segments[2])} />;
  return <RosterPage tabId={segments[1]} />;
}

function RosterPage({ tabId }: { tabId: string | undefined }) {
  const { user } = useAuth();
  const canWrite = user?.role === 'admin';
  const showBatches = tabId === BATCHES;
  const tab = tabById(showBatches ? undefined : tabId);
  const [overview, setOverview] = useState<RosterOverviewDto | null>(null);
  const [query, setQuery] = useState<RosterQuery>({ communityId: null, gridId: null, search: '' });
  const [searchText, setSearchText] = useState('');
  const [counts, setCounts] = useState<Pick<RosterListDto, 'total' | 'perCommunity' | 'masked'> | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [editing, setEditing] = useState<RosterRecordDto | null>(null);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [postGrades, setPostGrades] = useState(false);

  const refresh = useCallback(() => {
    setRefreshKey((k) => k + 1);
    call('roster:overview', {}).then(setOverview, (e: Error) => setError(e.message));
  }, []);
  useEffect(refresh, [refresh]);

  // Debounced search: the table re-queries 300 ms after typing stops.
  useEffect(() => {
    const timer = setTimeout(() => setQuery((q) => (q.search === searchText ? q : { ...q, search: searchText })), 300);
    return () => clearTimeout(timer);
  }, [searchText]);
  useEffect(() => setQuery((q) => ({ ...q, gridId: null })), [tab.id]);

  const communityCount = (id: number) => counts?.perCommunity.find((c) => c.communityId === id)?.count ?? 0;
  const allCount = counts ? counts.perCommunity.reduce((n, c) => n + c.count, 0) : 0;
  const grids = (overview?.grids ?? []).filter((g) => query.communityId === null || g.communityId === query.communityId);

  function open(record: RosterRecordDto) {
    if (tab.roster === 'communities') navigate(`/roster/community/${record.id}`);
    else if (canWrite) setEditing(record);
  }

  async function exportRoster() {
    setExporting(true);
    setError(null);
    try {
      const { jobId } = await call('roster:export', { roster: tab.roster, communityId: query.communityId });
      const job = await awaitJob(jobId, () => undefined);
      if (job.state !== 'done') throw new Error(job.error?.message ?? '导出失败，请重试。');
      const out = stagedOutputSchema.parse(job.result);
      await saveStagedFile(out.fileId, out.name);
      setNotice(`已导出 ${out.rows} 条记录`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setExporting(false);
    }
  }

  async function downloadTemplate() {
    setError(null);
    try {
      const out = await call('roster:template', { roster: tab.roster });
      await saveStagedFile(out.fileId, out.name);
    } catch (e) {
      setError(errorText(e));
    }
  }

  const tabCount = (id: string): number | null => {
    if (!overview) return null;
    if (id === 'groups') return overview.groupRows;
    const t = ROSTER_TABS.find((x) => x.id === id);
    return t ? overview.counts[t.roster] : null;
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="roster-page" data-state={overview ? 'ready' : 'loading'}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h5" sx={{ flex: 1 }}>
          组织与名册
        </Typography>
        {canWrite && (
          <Button variant="contained" onClick={() => setImporting(true)} data-testid="import-open">
            导入名册…
          </Button>
        )}
        {!showBatches && (
          <>
            <Button variant="outlined" onClick={() => void exportRoster()} disabled={exporting} data-testid="roster-export">
              {exporting ? '正在导出…' : `导出${query.communityId !== null ? '本社区' : ''}`}
            </Button>
            <Button onClick={() => void downloadTemplate()} data-testid="roster-template">
              下载导入模板
            </Button>
          </>
        )}
        <Button onClick={() => setPostGrades(true)} data-testid="roster-post-grades">
          岗位等级表
        </Button>
      </Box>
      <Tabs
        value={showBatches ? BATCHES : tab.id}
        onChange={(_, v: string) => navigate(`/roster/${v}`)}
        variant="scrollable"
        aria-label="名册"
      >
        {ROSTER_TABS.map((t) => (
          <Tab
            key={t.id}
            value={t.id}
            label={`${t.label}${tabCount(t.id) !== null ? `（${tabCount(t.id)}）` : ''}`}
            data-testid={`roster-tab-${t.id}`}
          />
        ))}
        <Tab value={BATCHES} label="导入记录" data-testid="roster-tab-batches" />
      </Tabs>
      {error && (
        <Alert severity="error" onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {showBatches ? (
        <ImportBatchesPanel refreshKey={refreshKey} onChanged={refresh} canWrite={canWrite} />
      ) : (
        <>
          <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
            <TextField
              size="small"
              label="搜索"
              placeholder={
                tab.roster === 'communities'
                  ? '社区名称、书记、主任'
                  : tab.roster === 'grids'
                    ? '网格编号、名称、网格长'
                    : '姓名、身份证号、电话'
              }
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
              autoFocus
              sx={{ width: 260 }}
              slotProps={{ htmlInput: { 'data-testid': 'roster-search' } }}
            />
            {tab.roster !== 'communities' && (
              <TextField
                select
                size="small"
                label="社区"
                value={query.communityId === null ? '' : String(query.communityId)}
                onChange={(e) => setQuery({ ...query, communityId: e.target.value === '' ? null : Number(e.target.value), gridId: null })}
                sx={{ width: 220 }}
                slotProps={{
                  htmlInput: { 'data-testid': 'roster-community-filter' },
                  select: { displayEmpty: true },
                  inputLabel: { shrink: true },
                }}
              >
                <MenuItem value="">全部社区（{allCount}）</MenuItem>
                {(overview?.communities ?? []).map((c) => (
                  <MenuItem key={c.id} value={String(c.id)}>
                    {c.name}（{communityCount(c.id)}）
                  </MenuItem>
                ))}
              </TextField>
            )}
            {tab.gridFilter && (
              <TextField
                select
                size="small"
                label="网格"
                value={query.gridId === null ? '' : String(query.gridId)}
                onChange={(e) => setQuery({ ...query, gridId: e.target.value === '' ? null : Number(e.target.value) })}
                sx={{ width: 200 }}
                slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
              >
                <MenuItem value="">全部网格</MenuItem>
                {grids.map((g) => (
                  <MenuItem key={g.id} value={String(g.id)}>
                    {g.code} {g.name}
                  </MenuItem>
                ))}
              </TextField>
            )}
            <Typography color="text.secondary" data-testid="roster-count">
              {counts ? `共 ${counts.total} 条` : ''}
              {counts?.masked ? '（身份证号、电话已隐藏部分数字）' : ''}
            </Typography>
            <Typography variant="caption" color="text.secondary" sx={{ ml: 'auto' }}>
              {tab.roster === 'communities' ? '回车或单击打开社区详情' : canWrite ? '回车或单击修改记录；↑↓ 键移动' : ''}
            </Typography>
          </Box>
          <RosterTable tab={tab} query={query} refreshKey={refreshKey} onOpen={open} onCounts={setCounts} />
        </>
      )}
      {editing && (
        <RecordEditDialog
          tab={tab}
          recordId={editing.id}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice('已保存');
            refresh();
          }}
        />
      )}
      {postGrades && <PostGradesDialog canWrite={canWrite} onClose={() => setPostGrades(false)} />}
      {importing && <ImportWizard initialRoster={tab.roster} onClose={() => setImporting(false)} onImported={refresh} />}
      <Snackbar open={notice !== null} autoHideDuration={2500} onClose={() => setNotice(null)} message={notice ?? ''} />
    </Box>
  );
}
