/**
 * The Electron page's preview of a staged report PDF (appfile://staged/<id>): the main process
 * answers only the user whose request staged it, with the file's bytes and type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stagedFileResponder } from '../../../electron/main/staged-file-protocol';
import { LOCAL_ADMIN } from '../../../electron/core/platform/security/local-actor';
import { ownerOf, runAsOwner } from '../../../electron/core/platform/files/file-owner';
import type { Actor } from '../../../electron/core/app-context';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';

let t: TestApp;
let fileId: string;

beforeAll(async () => {
  t = await createTestApp();
  // Staged during the administrator's request, as a PDF channel does.
  fileId = await runAsOwner(ownerOf(LOCAL_ADMIN), () =>
    Promise.resolve(t.app.files.stageBytes('通报.pdf', Buffer.from('%PDF-1.7 test')).fileId),
  );
});
afterAll(async () => t.dispose());

const as = (actor: Actor | null) => stagedFileResponder(() => ({ app: t.app, actor }));

describe('appfile://staged/<id>', () => {
  it('serves the staged PDF to the user who made it', async () => {
    const response = await as(LOCAL_ADMIN)({ url: `appfile://staged/${fileId}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('%PDF-1.7 test');
  });

  it('refuses anyone else, a signed-out page and anything that is not a staged id', async () => {
    const other: Actor = { ...LOCAL_ADMIN, userId: 999, username: 'other' };
    expect((await as(other)({ url: `appfile://staged/${fileId}` })).status).toBe(404);
    expect((await as(null)({ url: `appfile://staged/${fileId}` })).status).toBe(401);
    expect((await as(LOCAL_ADMIN)({ url: 'appfile://staged/../../etc/passwd' })).status).toBe(404);
    expect((await as(LOCAL_ADMIN)({ url: `appfile://other/${fileId}` })).status).toBe(404);
  });
});
