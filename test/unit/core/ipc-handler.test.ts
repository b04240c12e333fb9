import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpcHandler } from '../../../electron/main/ipc-handler';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.dispose());

const mainFrame = { name: 'main frame' };
const trusted = { webContentsId: 7, mainFrame };

describe('Electron IPC door', () => {
  const handler = () =>
    createIpcHandler(
      () => trusted,
      () => t.ctx(),
    );

  it('serves our window and answers malformed input with INVALID_INPUT', async () => {
    const ok = await handler()({ sender: { id: 7 }, senderFrame: mainFrame }, 'settings:update', { city: '漯河市' });
    expect(ok).toMatchObject({ ok: true, value: { city: '漯河市' } });
    const bad = await handler()({ sender: { id: 7 }, senderFrame: mainFrame }, 'settings:update', { city: ['x'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const odd = await handler()({ sender: { id: 7 }, senderFrame: mainFrame }, { toString: 1 }, null);
    expect(odd).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses other windows and sub-frames', async () => {
    const otherWindow = await handler()({ sender: { id: 8 }, senderFrame: mainFrame }, 'settings:get', {});
    expect(otherWindow).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const subFrame = await handler()({ sender: { id: 7 }, senderFrame: { name: 'iframe' } }, 'settings:get', {});
    expect(subFrame).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noWindow = await createIpcHandler(
      () => null,
      () => t.ctx(),
    )({ sender: { id: 7 }, senderFrame: mainFrame }, 'settings:get', {});
    expect(noWindow).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
