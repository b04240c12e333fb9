/**
 * Long work (imports, exports, reports) runs as a job so every door can show progress and cancel:
 * the job function receives a progress reporter and an AbortSignal, and must write nothing when
 * it is aborted (do the writing in one transaction at the end, after checking the signal).
 */
import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../../../../shared/ipc/errors';
import type { JobSnapshot } from '../../../../shared/ipc/channels/jobs.channels';
import { currentOwner } from '../files/file-owner';

export interface JobProgress {
  (done: number, total: number | null, message: string): void;
}

export type JobFn<T> = (progress: JobProgress, signal: AbortSignal) => Promise<T>;

interface JobRecord {
  /** Who started it (see file-owner.ts); a job's result can hold personal data, so it is theirs alone. */
  owner: string | null | undefined;
  snapshot: JobSnapshot;
  controller: AbortController;
  promise: Promise<void>;
}

export interface JobRegistry {
  start<T>(kind: string, fn: JobFn<T>): string;
  get(id: string): JobSnapshot;
  cancel(id: string): JobSnapshot;
  /** Resolves when the job has ended (for the CLI and tests). */
  wait(id: string): Promise<JobSnapshot>;
}

/** Throw this from a job when the signal is aborted. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('CANCELLED', '已取消，未写入任何数据。');
}

export function createJobRegistry(maxKept = 50): JobRegistry {
  const jobs = new Map<string, JobRecord>();

  function prune(): void {
    if (jobs.size <= maxKept) return;
    for (const [id, job] of jobs) {
      if (job.snapshot.state !== 'running') jobs.delete(id);
      if (jobs.size <= maxKept) break;
    }
  }

  function find(id: string): JobRecord {
    const job = jobs.get(id);
    const caller = currentOwner();
    // Another user's job id gets the same answer as an unknown one (like staged files).
    const othersJob = job !== undefined && job.owner != null && caller !== undefined && caller !== job.owner;
    if (!job || othersJob) throw new AppError('NOT_FOUND', '找不到该任务，可能已结束很久。请重新操作。');
    return job;
  }

  return {
    start(kind, fn) {
      prune();
      const id = randomUUID();
      const controller = new AbortController();
      const snapshot: JobSnapshot = { id, kind, state: 'running', progress: { done: 0, total: null, message: '开始' } };
      const progress: JobProgress = (done, total, message) => {
        snapshot.progress = { done, total, message };
      };
      const promise = (async () => {
        try {
          snapshot.result = await fn(progress, controller.signal);
          snapshot.state = controller.signal.aborted ? 'cancelled' : 'done';
        } catch (err) {
          if (controller.signal.aborted || (isAppError(err) && err.code === 'CANCELLED')) {
            snapshot.state = 'cancelled';
            snapshot.error = { code: 'CANCELLED', message: '已取消，未写入任何数据。' };
          } else {
            snapshot.state = 'failed';
            snapshot.error = isAppError(err)
              ? { code: err.code, message: err.message }
              : { code: 'INTERNAL', message: '任务意外失败，数据未改变。请重试；若仍失败，请联系管理员并提供日志。' };
          }
        }
      })();
      jobs.set(id, { owner: currentOwner(), snapshot, controller, promise });
      return id;
    },
    get(id) {
      return structuredClone(find(id).snapshot);
    },
    cancel(id) {
      const job = find(id);
      if (job.snapshot.state === 'running') job.controller.abort();
      return structuredClone(job.snapshot);
    },
    async wait(id) {
      const job = find(id);
      await job.promise;
      return structuredClone(job.snapshot);
    },
  };
}
