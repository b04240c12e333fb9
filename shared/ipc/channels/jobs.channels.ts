import { z } from 'zod';
import { defineChannel, ALL_ROLES } from '../channel';

export const jobStateSchema = z.enum(['running', 'done', 'failed', 'cancelled']);

export const jobSnapshotSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: jobStateSchema,
  progress: z.object({ done: z.number(), total: z.number().nullable(), message: z.string() }),
  result: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type JobSnapshot = z.infer<typeof jobSnapshotSchema>;

const jobRef = z.object({ jobId: z.string().min(1).max(64) }).strict();

/** Long work (imports, exports, reports) runs as a job: the UI polls its progress and may cancel it. */
export const jobsChannels = {
  /** Progress, and the result once done. */
  'jobs:get': defineChannel({ input: jobRef, output: jobSnapshotSchema, roles: ALL_ROLES, writes: false, summary: '查询任务进度' }),
  /** Ask a running job to stop; a cancelled job writes nothing. */
  'jobs:cancel': defineChannel({ input: jobRef, output: jobSnapshotSchema, roles: ALL_ROLES, writes: false, summary: '取消任务' }),
};
