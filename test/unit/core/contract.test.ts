import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, CHANNEL_NAMES } from '../../../shared/ipc/contract';
import { ROLES } from '../../../shared/ipc/channel';
import { ERROR_CODES } from '../../../shared/ipc/errors';
import { dispatch } from '../../../electron/core/dispatch';
import { handlers } from '../../../electron/core/handlers';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.dispose());

describe('the contract', () => {
  it('declares schemas, roles and a Chinese summary for every channel, and every channel has a handler', () => {
    expect(CHANNEL_NAMES.length).toBeGreaterThan(0);
    for (const name of CHANNEL_NAMES) {
      const def = contract[name];
      expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
      expect(def.input, name).toBeDefined();
      expect(def.output, name).toBeDefined();
      expect(def.summary, name).toMatch(/[\u4e00-\u9fff]/);
      if (def.roles !== 'public') {
        expect(def.roles.length, name).toBeGreaterThan(0);
        for (const role of def.roles) expect(ROLES).toContain(role);
      }
      expect(typeof handlers[name], name).toBe('function');
    }
  });

  it('answers malformed input with INVALID_INPUT and a Chinese message, never an exception', async () => {
    const bad: unknown[] = [null, 42, 'text', [], { city: 5 }, { unknownField: 1 }, { street: 'x'.repeat(1000) }];
    for (const input of bad) {
      const envelope = await dispatch(t.ctx(), 'settings:update', input);
      expect(envelope.ok, JSON.stringify(input)).toBe(false);
      if (!envelope.ok) {
        expect(envelope.error.code).toBe('INVALID_INPUT');
        expect(envelope.error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(envelope.error.message).not.toMatch(/at .*\.ts:\d+/);
      }
    }
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    const envelope = await dispatch(t.ctx(), 'settings:drop', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const proto = await dispatch(t.ctx(), '__proto__', {});
    expect(proto).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses callers without a session, and roles the channel does not allow', async () => {
    expect(await dispatch(t.ctx(null), 'audit:list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const viewer = { userId: 9, username: 'viewer', displayName: '查看员', role: 'viewer' as const };
    expect(await dispatch(t.ctx(viewer), 'settings:update', { city: '漯河市' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await t.call('settings:get', {})).city).toBe('');
  });

  it('uses only known error codes', async () => {
    const envelope = await dispatch(t.ctx(), 'jobs:get', { jobId: 'no-such-job' });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(ERROR_CODES).toContain(envelope.error.code);
  });
});
