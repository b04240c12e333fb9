import { AppError } from '../../../../shared/ipc/errors';
import type { HandlerMap } from '../../handler';
import { isPostgresUrl, redactUrl } from '../../platform/db/postgres';
import { testPostgresConnection } from './database-probe.repository';

/** 系统设置 → 数据库: which database this PC uses, 测试连接, 切换. */
export const databaseHandlers: HandlerMap<'database:info' | 'database:test' | 'database:switch'> = {
  'database:info': async ({ app }) => {
    const target = app.paths.databaseUrl ?? app.paths.dbFile;
    const switcher = app.abilities.databaseSwitch;
    return {
      kind: isPostgresUrl(target) ? 'postgres' : 'sqlite',
      target: redactUrl(target),
      passwordStorage: switcher?.passwordStorage ?? 'memory',
      canSwitch: Boolean(switcher),
    };
  },
  'database:test': async (_request, { url }) => testPostgresConnection(url),
  'database:switch': async ({ app }, choice) => {
    const switcher = app.abilities.databaseSwitch;
    if (!switcher) throw new AppError('UNSUPPORTED', '只有桌面程序能在这里切换数据库；浏览器模式和命令行请用 --db 参数指定数据库。');
    if (choice.kind === 'postgres') {
      const tested = await testPostgresConnection(choice.url);
      if (tested.schema === 'newer') throw new AppError('DB_NEWER_VERSION', tested.message);
    }
    await switcher.switchTo(choice);
    return { message: choice.kind === 'postgres' ? '已切换到共享数据库，程序正在重新打开。' : '已切换回本机数据库，程序正在重新打开。' };
  },
};
