import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { RoundResultsDto } from '../../../../shared/ipc/channels/rounds.channels';
import { fmtPoints } from './round-ui';

/** Why a community got its score: deductions with reasons, bonus, vetoes, changes, comments. */
export function ResultDetail({ result: c, onClose }: { result: RoundResultsDto['communities'][number] | undefined; onClose: () => void }) {
  if (!c) return null;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>
        {c.name}：{fmtPoints(c.total)}分，第{c.rank}名{c.tied ? '（并列）' : ''}，{c.grade}
      </DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        {c.decidedBy && <Typography variant="body2">同分时按“{c.decidedBy}”排定名次。</Typography>}
        {c.cappedFrom && (
          <Alert severity="warning">
            因否决项，等次由“{c.cappedFrom}”降为“{c.grade}”。
          </Alert>
        )}
        {c.quotaDemotedFrom && (
          <Alert severity="info">
            受“{c.quotaDemotedFrom}”名额限制，等次为“{c.grade}”。
          </Alert>
        )}
        {c.vetoes.map((v) => (
          <Alert key={v.code} severity="error">
            一票否决 {v.code} {v.title}：{v.fact}
          </Alert>
        ))}
        <Typography variant="subtitle2">扣分明细（{c.deductions.length}条）</Typography>
        {c.deductions.length === 0 ? (
          <Typography variant="body2">无扣分。</Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>指标</TableCell>
                <TableCell>扣分原因</TableCell>
                <TableCell>扣分</TableCell>
                <TableCell>考核方式</TableCell>
                <TableCell>考评员</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {c.deductions.map((d, i) => (
                <TableRow key={i}>
                  <TableCell>
                    {d.itemCode} {d.itemTitle}
                  </TableCell>
                  <TableCell>{d.reason}</TableCell>
                  <TableCell>−{fmtPoints(d.points)}</TableCell>
                  <TableCell>
                    {d.evidence}
                    {d.attachments ? `（附件${d.attachments}）` : ''}
                  </TableCell>
                  <TableCell>{d.assessor}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {c.items.some((i) => i.reason) && (
          <>
            <Typography variant="subtitle2">不适用与调整</Typography>
            {c.items
              .filter((i) => i.reason)
              .map((i) => (
                <Typography key={i.code} variant="body2">
                  {i.code} {i.title}：{i.status === 'na' ? '不适用' : `调整为${fmtPoints(i.score)}分`}（{i.reason}）
                </Typography>
              ))}
          </>
        )}
        {c.bonusItems.length > 0 && (
          <Typography variant="body2">加分：{c.bonusItems.map((b) => `${b.code} ${b.title} +${fmtPoints(b.score)}`).join('；')}</Typography>
        )}
        {c.change && (
          <Typography variant="body2">
            较上季度 {c.change.delta >= 0 ? '+' : ''}
            {fmtPoints(c.change.delta)}分（上季度 {fmtPoints(c.change.previousTotal)}分
            {c.change.previousRank !== null ? `，第${c.change.previousRank}名` : ''}）；变化最大的指标：
            {c.change.movers.map((m) => `${m.code} ${fmtPoints(m.previous)}→${fmtPoints(m.current)}`).join('，') || '无'}
          </Typography>
        )}
        {c.comments.length > 0 && <Typography variant="body2">意见：{c.comments.join('；')}</Typography>}
        {c.rectifications.length > 0 && (
          <Typography variant="body2">须整改：{c.rectifications.map((x) => `${x.itemCode} ${x.text}`).join('；')}</Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>关闭</Button>
      </DialogActions>
    </Dialog>
  );
}
