/**
 * `npm run host [-- --db FILE] [--port N]`: the app in the browser. Prints its address on stdout.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAppError } from '../../shared/ipc/errors';
import { createAppContext } from '../core/app-context';
import { parseArgs } from '../core/platform/cli-args';
import { defaultDbFile } from '../core/platform/paths';
import { actorForSession } from '../core/features/auth/index';
import { dailyBackupIfDue } from '../core/features/backup/index';
import { startHost } from './host-server';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), new Set(['help']));
  if (args.options.has('help')) {
    process.stdout.write(
      '用法：npm run host -- [--db 数据库文件或 postgres://用户@主机:端口/库名] [--port 端口]\n在浏览器中打开打印出的地址即可使用本系统。\n',
    );
    return;
  }
  const dbOption = args.options.get('db');
  const portOption = args.options.get('port');
  const dbFile = typeof dbOption === 'string' ? dbOption : defaultDbFile();
  const port = typeof portOption === 'string' ? Number(portOption) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口「${String(portOption)}」无效。`);
  const app = await createAppContext({ dbFile, door: 'host' });
  await dailyBackupIfDue(app).catch((err: unknown) => {
    process.stderr.write(`每日自动备份失败：${err instanceof Error ? err.message : String(err)}\n`);
  });
  const host = await startHost({
    app,
    rendererDir: path.resolve(here, '../../dist/renderer'),
    port,
    resolveActor: (_req, sessionToken) => actorForSession(app, sessionToken),
  });
  process.stdout.write(`${host.url}\n`);
  process.stderr.write(`考评系统已在浏览器模式启动，数据库：${app.paths.databaseLabel}\n按 Ctrl+C 停止。\n`);
  const stop = () => {
    void host
      .close()
      .then(() => app.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`启动失败：${isAppError(err) ? err.message : err instanceof Error ? err.message : String(err)}\n`);
  process.exit(isAppError(err) ? 2 : 1);
});
