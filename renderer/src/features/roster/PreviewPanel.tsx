import { SEVERITY_LABELS } from '../../../../shared/domain/problems';
import { useState } from 'react';
import { Box, Chip, Tab, Tabs, Typography } from '@mui/material';
import type { RosterPreviewDto } from '../../../../shared/ipc/channels/roster.channels';
import { MONO_FONT } from '../../theme/theme';

/** Rows listed at most per view (the rest are counted). */
const MAX_SHOWN = 1000;

/** 校验与比对: the rows' problems and what the import would change, before anything is written. */
export function PreviewPanel({ preview }: { preview: RosterPreviewDto }) {
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
