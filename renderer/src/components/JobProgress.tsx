import { Box, Button, LinearProgress, Typography } from '@mui/material';
import type { JobSnapshot } from '../../../shared/ipc/channels/jobs.channels';

/** Progress bar with the job's message and a cancel button while it runs. */
export function JobProgress({ job, onCancel }: { job: JobSnapshot | null; onCancel: () => void }) {
  if (!job) return <LinearProgress aria-label="正在开始" />;
  const { done, total, message } = job.progress;
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : undefined;
  return (
    <Box data-state={job.state} data-testid="job-progress" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <LinearProgress variant={percent === undefined ? 'indeterminate' : 'determinate'} value={percent ?? 0} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="body2" sx={{ flex: 1 }}>
          {message}
          {percent !== undefined ? `（${percent}%）` : ''}
        </Typography>
        {job.state === 'running' && (
          <Button size="small" color="inherit" onClick={onCancel}>
            取消
          </Button>
        )}
      </Box>
      {job.state === 'failed' && job.error && <Typography color="error">{job.error.message}</Typography>}
      {job.state === 'cancelled' && <Typography color="text.secondary">已取消，未写入任何数据。</Typography>}
    </Box>
  );
}
