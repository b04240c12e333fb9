import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobSnapshot } from '../../../shared/ipc/channels/jobs.channels';
import { call } from '../api/client';

/**
 * Follow a background job: polls its progress until it ends. `cancel` asks it to stop (a cancelled
 * job writes nothing).
 */
export function useJob(jobId: string | null, intervalMs = 300): { job: JobSnapshot | null; cancel: () => Promise<void> } {
  const [job, setJob] = useState<JobSnapshot | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    setJob(null);
    if (!jobId) return undefined;
    let stopped = false;
    const poll = async () => {
      try {
        const snapshot = await call('jobs:get', { jobId });
        if (stopped) return;
        setJob(snapshot);
        if (snapshot.state === 'running') timer.current = setTimeout(() => void poll(), intervalMs);
      } catch {
        if (!stopped) timer.current = setTimeout(() => void poll(), intervalMs * 3);
      }
    };
    void poll();
    return () => {
      stopped = true;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [jobId, intervalMs]);

  const cancel = useCallback(async () => {
    if (jobId) setJob(await call('jobs:cancel', { jobId }));
  }, [jobId]);

  return { job, cancel };
}
