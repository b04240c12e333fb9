/**
 * How a staged output (a report PDF) reaches the Electron page for its preview: the page fetches
 * `appfile://staged/<fileId>` and the main process answers with the file — only to the user whose
 * request staged it, as the browser host's /files/<id> does. Kept free of `import 'electron'` so it
 * is tested without Electron; main.ts registers it with `protocol.handle`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RequestContext } from '../core/app-context';
import { ownerOf } from '../core/platform/files/file-owner';

export const STAGED_FILE_SCHEME = 'appfile';

const TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function stagedFileResponder(getContext: () => RequestContext | Promise<RequestContext>) {
  return async (request: { url: string }): Promise<Response> => {
    const url = new URL(request.url);
    const fileId = url.pathname.replace(/^\//, '');
    if (url.hostname !== 'staged' || !/^[0-9a-f-]{36}$/.test(fileId)) return new Response('not found', { status: 404 });
    const ctx = await getContext();
    if (!ctx.actor) return new Response('unauthenticated', { status: 401 });
    let file: string;
    try {
      file = ctx.app.files.resolve(fileId, ownerOf(ctx.actor)).path;
    } catch {
      return new Response('not found', { status: 404 });
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(await fs.promises.readFile(file), { status: 200, headers: { 'content-type': type } });
  };
}
