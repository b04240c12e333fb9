import { z } from 'zod';
import { defineChannel, ALL_ROLES } from '../channel';

export const stagedFileSchema = z.object({ fileId: z.string(), name: z.string(), size: z.number().int() });
export type StagedFile = z.infer<typeof stagedFileSchema>;

const fileFilter = z.object({ name: z.string().max(60), extensions: z.array(z.string().regex(/^[a-z0-9*]{1,8}$/)).max(10) });

/**
 * Files cross the boundary as staged file ids, never as paths typed by the renderer.
 * Electron: the main process shows the dialogs. Browser host: the page uploads to /upload and
 * downloads from /files/<id>, so the dialog channels answer UNSUPPORTED there.
 */
export const filesChannels = {
  /** Show an open-file dialog and stage the chosen file (Electron only). */
  'files:pickOpen': defineChannel({
    input: z.object({ title: z.string().max(60), filters: z.array(fileFilter).max(5) }).strict(),
    output: stagedFileSchema.nullable(),
    roles: ALL_ROLES,
    writes: false,
    summary: '选择文件',
  }),
  /** Show a save dialog and copy a staged output file there (Electron only). */
  'files:saveAs': defineChannel({
    input: z.object({ fileId: z.string().min(1).max(80), suggestedName: z.string().min(1).max(120) }).strict(),
    output: z.object({ path: z.string() }).nullable(),
    roles: ALL_ROLES,
    writes: false,
    summary: '保存文件',
  }),
  /** Stage bytes produced in the renderer (e.g. a PDF from the report worker) so they can be saved. */
  'files:stageBytes': defineChannel({
    input: z.object({ name: z.string().min(1).max(120), base64: z.string().max(200_000_000) }).strict(),
    output: stagedFileSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '暂存文件',
  }),
};
