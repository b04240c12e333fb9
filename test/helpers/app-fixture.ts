import path from 'node:path';
import { createAppContext, type Actor, type AppContext, type RequestContext } from '../../electron/core/app-context';
import { dispatch } from '../../electron/core/dispatch';
import { LOCAL_ADMIN } from '../../electron/core/platform/security/local-actor';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/errors';
import { makeTempDir, removeDir } from './temp-dir';
import { dbTarget, dropDbTarget } from './test-db';

export interface TestApp {
  app: AppContext;
  dir: string;
  dbFile: string;
  /** Call a channel through the real dispatcher as `actor` (default: the local administrator). */
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>, actor?: Actor | null): Promise<ChannelOutput<C>>;
  ctx(actor?: Actor | null): RequestContext;
  dispose(): Promise<void>;
}

/**
 * A real app context on a real SQLite file in a Chinese-named temp folder, or in PostgreSQL mode
 * (test-db.ts) on a fresh PostgreSQL database standing for that file.
 */
export async function createTestApp(options: { now?: () => Date } = {}): Promise<TestApp> {
  const dir = makeTempDir();
  const dbFile = path.join(dir, '数据', 'appraisal.sqlite');
  const app = await createAppContext({ dbFile: dbTarget(dbFile), door: 'cli', ...(options.now ? { now: options.now } : {}) });
  const testApp: TestApp = {
    app,
    dir,
    dbFile,
    ctx: (actor: Actor | null = LOCAL_ADMIN): RequestContext => ({ app: testApp.app, actor }),
    async call(channel, input, actor = LOCAL_ADMIN) {
      const envelope = await dispatch(testApp.ctx(actor), channel, input);
      if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
      return envelope.value as never;
    },
    async dispose() {
      await testApp.app.close();
      dropDbTarget(dbFile);
      removeDir(dir);
    },
  };
  return testApp;
}
