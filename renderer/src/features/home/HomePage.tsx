import type { ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { formatDateLong, formatDateTime } from '../../../../shared/domain/audit/describe-entry';
import { ROLE_LABELS } from '../../../../shared/ipc/channel';
import type { DashboardDto } from '../../../../shared/ipc/channels/desk.channels';
import { useChannel } from '../../hooks/useChannel';
import { navigate } from '../../app/router';
import { usePeople } from '../../app/people';
import { useUnitSettings } from '../../app/unit-settings-context';
import { useAuth } from '../auth/auth-context';
import { stateColor } from '../rounds/round-ui';

function Section({ title, testId, action, children }: { title: string; testId: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }} data-testid={testId}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="h6" sx={{ flex: 1 }}>
          {title}
        </Typography>
        {action}
      </Box>
      {children}
    </Paper>
  );
}

/** 首页: each role's own desk — what to do next, one click into it. */
export function HomePage() {
  const { settings, loaded } = useUnitSettings();
  const { user } = useAuth();
  const { data: desk, error } = useChannel('home:dashboard', {});
  const { nameOf } = usePeople();
  const unitLine = [settings.city, settings.county, settings.street].filter(Boolean).join(' · ');
  const round = desk?.round ?? null;
  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
      data-testid="home-page"
      data-state={desk ? 'ready' : 'loading'}
      data-role={desk?.role}
    >
      <Paper sx={{ p: 2 }}>
        <Typography variant="h5" data-testid="home-unit">
          {settings.street ? `${settings.street}社区规范化创建考评` : '社区规范化创建考评系统'}
        </Typography>
        <Typography color="text.secondary">
          {user ? `${user.displayName}（${ROLE_LABELS[user.role]}），您好。` : ''}
          {unitLine}
        </Typography>
        {loaded && !settings.street && user?.role === 'admin' && (
          <Alert
            severity="warning"
            sx={{ mt: 1 }}
            action={
              <Button color="inherit" size="small" onClick={() => navigate('/settings')}>
                去设置
              </Button>
            }
          >
            请先在“系统设置”中填写所属城市、县区、街道名称和报告落款单位，它们会出现在标题栏和每一份通报上。
          </Alert>
        )}
      </Paper>
      {error && <Alert severity="error">{error}</Alert>}
      {desk && round && desk.role !== 'viewer' && (
        <Paper sx={{ p: 2, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }} data-testid="home-round">
          <Typography variant="h6">{round.title}考评</Typography>
          <Chip size="small" color={stateColor(round.state)} label={round.stateLabel} />
          <Typography variant="body2" color="text.secondary">
            {round.completeCount}/{round.communityCount} 个{round.kind}已评完 · 考评期截至 {formatDateLong(round.dueDate)}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <Button variant="outlined" onClick={() => navigate(`/rounds/${round.id}`)}>
            打开本轮考评
          </Button>
        </Paper>
      )}
      {desk && !round && desk.role !== 'viewer' && (
        <Alert severity="info" data-testid="home-no-round">
          暂无进行中的季度考评。
          {desk.role === 'admin' ? '下一步：在“季度考评”中新建本季度的考评。' : '管理员新建季度考评后，您的工作会显示在这里。'}
        </Alert>
      )}
      {desk?.assessor && round && <AssessorDesk roundId={round.id} desk={desk.assessor} />}
      {desk?.reviewer && (desk.role === 'reviewer' || hasReviewWork(desk.reviewer)) && (
        <ReviewerDesk roundId={round?.id ?? null} noun={round?.kind ?? '社区'} desk={desk.reviewer} />
      )}
      {desk?.admin && <AdminDesk roundId={round?.id ?? null} desk={desk.admin} nameOf={nameOf} />}
      {desk && <PublishedDesk published={desk.published} viewer={desk.role === 'viewer'} />}
    </Box>
  );
}

function AssessorDesk({ roundId, desk }: { roundId: string; desk: NonNullable<DashboardDto['assessor']> }) {
  return (
    <Section title="我的考评" testId="desk-assessor">
      {desk.communities.length === 0 ? (
        <Alert severity="info">暂无分配给您的社区。请联系管理员在“季度考评 → 分配考评员”中为您分配。</Alert>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell sx={{ minWidth: 110 }}>社区</TableCell>
              <TableCell>评分范围</TableCell>
              <TableCell sx={{ minWidth: 160 }}>进度</TableCell>
              <TableCell>待确认扣分项</TableCell>
              <TableCell>状态</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {desk.communities.map((c) => (
              <TableRow key={c.id} data-testid={`my-${c.name}`}>
                <TableCell>{c.name}</TableCell>
                <TableCell>{c.categories.length ? c.categories.map((k) => `${k.code} ${k.title}`).join('、') : '全部指标'}</TableCell>
                <TableCell>
                  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                    <LinearProgress variant="determinate" value={c.total ? (100 * c.scored) / c.total : 0} sx={{ flex: 1, minWidth: 60 }} />
                    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
                      已评 {c.scored}/{c.total} 项
                    </Typography>
                  </Box>
                </TableCell>
                <TableCell>{c.unconfirmedDeductions ? `${c.unconfirmedDeductions} 项` : '—'}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{c.statusLabel}</TableCell>
                <TableCell align="right">
                  <Button
                    size="small"
                    variant={c.editable ? 'contained' : 'text'}
                    onClick={() => navigate(`/rounds/${roundId}/c/${c.id}`)}
                    data-testid={`my-open-${c.name}`}
                  >
                    {c.editable ? '进入评分表' : '查看评分表'}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

function hasReviewWork(d: NonNullable<DashboardDto['reviewer']>): boolean {
  return d.toReview.length > 0 || d.readyToPublish || d.openAppeals.length > 0 || d.overdueRectifications.length > 0;
}

function ReviewerDesk({ roundId, noun, desk }: { roundId: string | null; noun: string; desk: NonNullable<DashboardDto['reviewer']> }) {
  const nothing = !hasReviewWork(desk);
  return (
    <Section title="待我审核" testId="desk-reviewer">
      {nothing && <Typography color="text.secondary">暂无待审核、待公示或待处理的申诉。评分表提交后会显示在这里。</Typography>}
      {roundId && desk.toReview.length > 0 && (
        <Alert
          severity="info"
          data-testid="desk-to-review"
          action={
            <Button color="inherit" size="small" onClick={() => navigate(`/rounds/${roundId}`)}>
              去审核
            </Button>
          }
        >
          {desk.toReview.length} 个{noun}的评分表待审核：{desk.toReview.map((c) => c.name).join('、')}
        </Alert>
      )}
      {roundId && desk.readyToPublish && (
        <Alert
          severity="info"
          action={
            <Button color="inherit" size="small" onClick={() => navigate(`/rounds/${roundId}/results`)}>
              去公示
            </Button>
          }
        >
          本轮已审核，待公示。
        </Alert>
      )}
      {roundId && desk.openAppeals.length > 0 && (
        <Alert
          severity="warning"
          data-testid="desk-appeals"
          action={
            <Button color="inherit" size="small" onClick={() => navigate(`/rounds/${roundId}/appeals`)}>
              处理申诉
            </Button>
          }
        >
          {desk.openAppeals.length} 件申诉待处理：
          {desk.openAppeals.map((a) => `${a.communityName}${a.itemCode ? ` ${a.itemCode}` : ''}（${a.claim}）`).join('；')}
        </Alert>
      )}
      {desk.overdueRectifications.length > 0 && (
        <Alert severity="error" data-testid="desk-overdue">
          整改逾期 {desk.overdueRectifications.length} 项：
          {desk.overdueRectifications
            .slice(0, 10)
            .map((r) => `${r.communityName} ${r.itemCode}（${r.fromRound}，应于${formatDateLong(r.dueDate)}前核实）`)
            .join('；')}
          {desk.overdueRectifications.length > 10 ? ' …' : ''}
        </Alert>
      )}
    </Section>
  );
}

function AdminDesk({
  roundId,
  desk,
  nameOf,
}: {
  roundId: string | null;
  desk: NonNullable<DashboardDto['admin']>;
  nameOf: (u: string) => string;
}) {
  const r = desk.roster;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 2 }}>
      <Section
        title="评分进度"
        testId="desk-matrix"
        action={
          roundId && (
            <Button size="small" onClick={() => navigate(`/rounds/${roundId}`)}>
              打开进度矩阵
            </Button>
          )
        }
      >
        {desk.assessorsWithoutAssignment && roundId && (
          <Alert severity="info">
            本轮还没有分配考评员（未分配时所有考评员都可为全部社区评分）。下一步：打开本轮考评，点“分配考评员”。
          </Alert>
        )}
        {desk.matrix.length === 0 ? (
          <Typography color="text.secondary">暂无进行中的考评。</Typography>
        ) : (
          <Box sx={{ maxHeight: 320, overflowY: 'auto' }}>
            <Table size="small" stickyHeader>
              <TableHead>
                <TableRow>
                  <TableCell>社区</TableCell>
                  <TableCell>状态</TableCell>
                  <TableCell>已评项目</TableCell>
                  <TableCell>考评员</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {desk.matrix.map((c) => (
                  <TableRow key={c.id} hover sx={{ cursor: 'pointer' }} onClick={() => roundId && navigate(`/rounds/${roundId}/c/${c.id}`)}>
                    <TableCell>{c.name}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{c.statusLabel}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {c.scored}/{c.total}
                    </TableCell>
                    <TableCell>{c.assessors.map(nameOf).join('、') || '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </Section>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Section
          title="名册状况"
          testId="desk-roster"
          action={
            <Button size="small" onClick={() => navigate('/roster')}>
              组织与名册
            </Button>
          }
        >
          {r.communities === 0 ? (
            <Alert severity="warning">还没有社区名单。下一步：在“组织与名册”中导入社区基本情况。</Alert>
          ) : (
            <>
              <Typography variant="body2">共 {r.communities} 个社区。</Typography>
              {r.missing.length > 0 && (
                <Typography variant="body2" color="warning.main" data-testid="desk-roster-missing">
                  {r.missing.length} 个社区缺少名册：
                  {r.missing
                    .slice(0, 6)
                    .map((m) => `${m.name}（缺${m.rosters.join('、')}）`)
                    .join('；')}
                  {r.missing.length > 6 ? ' …' : ''}
                </Typography>
              )}
              {r.stale.length > 0 && (
                <Typography variant="body2" color="warning.main">
                  {r.stale.length} 个社区的名册本季度未更新：
                  {r.stale
                    .slice(0, 6)
                    .map((s) => s.name)
                    .join('、')}
                  {r.stale.length > 6 ? ' …' : ''}
                </Typography>
              )}
              {r.missing.length === 0 && r.stale.length === 0 && <Typography variant="body2">各社区名册齐全。</Typography>}
            </>
          )}
          {r.lastImports.length > 0 && (
            <Box>
              <Typography variant="subtitle2">最近导入</Typography>
              {r.lastImports.map((b) => (
                <Typography key={b.id} variant="body2" color={b.rejected ? 'error.main' : 'text.primary'}>
                  {formatDateTime(b.createdAt)} {b.rosterLabel}「{b.fileName}」{b.undone ? '（已撤销）' : ''}
                  {b.rejected ? `：${b.rejected} 行未导入` : ''}
                  {b.warnings ? `，${b.warnings} 条提示` : ''}
                </Typography>
              ))}
            </Box>
          )}
        </Section>
        <Section title="数据安全" testId="desk-safety">
          {desk.backup ? (
            <Typography variant="body2" color={desk.backup.ageDays > 7 ? 'warning.main' : 'text.primary'} data-testid="desk-backup">
              最近备份：{formatDateTime(desk.backup.createdAt)}（{desk.backup.ageDays === 0 ? '今天' : `${desk.backup.ageDays} 天前`}）
            </Typography>
          ) : (
            <Alert
              severity="warning"
              data-testid="desk-backup"
              action={
                <Button color="inherit" size="small" onClick={() => navigate('/settings')}>
                  去备份
                </Button>
              }
            >
              还没有备份。下一步：在“系统设置 → 备份与恢复”中点“立即备份”。
            </Alert>
          )}
          <Typography variant="body2" color={desk.audit.ok ? 'success.main' : 'error.main'} data-testid="desk-audit">
            操作日志：{desk.audit.message}
          </Typography>
        </Section>
      </Box>
    </Box>
  );
}

function PublishedDesk({ published, viewer }: { published: DashboardDto['published']; viewer: boolean }) {
  return (
    <Section
      title="最新结果与报告"
      testId="desk-published"
      action={
        <Button size="small" onClick={() => navigate('/reports')}>
          结果与报告
        </Button>
      }
    >
      {published.length === 0 ? (
        <Typography color="text.secondary">
          {viewer ? '暂无已公示的考评结果。结果公示后会显示在这里。' : '暂无已公示的考评结果。'}
        </Typography>
      ) : (
        published.map((p) => (
          <Box key={p.id} sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid={`published-${p.id}`}>
            <Typography sx={{ minWidth: 160 }}>{p.title}</Typography>
            <Chip size="small" color={stateColor(p.state)} label={p.stateLabel} />
            <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
              {p.finalizedAt ? `定稿于 ${formatDateLong(p.finalizedAt)}` : '结果公示中，尚未定稿'}
            </Typography>
            <Button size="small" onClick={() => navigate(`/rounds/${p.id}/results`)}>
              查看结果
            </Button>
          </Box>
        ))
      )}
    </Section>
  );
}
