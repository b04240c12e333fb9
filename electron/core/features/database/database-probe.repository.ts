/**
 * 测试连接: reach a PostgreSQL server without opening (or migrating) anything, and say in Chinese
 * what is wrong when it cannot be reached, and whose data the database holds when it can.
 */
import pg from 'pg';
import { AppError } from '../../../../shared/ipc/errors';
import type { DatabaseTestResult } from '../../../../shared/ipc/channels/database.channels';
import { connectionConfig, redactUrl } from '../../platform/db/postgres';
import { APP_ID } from '../../platform/db/database-probe';
import { LATEST_SCHEMA_VERSION } from '../../platform/db/migrations/index';

/** Why a connection failed, in words an administrator can act on. */
export function explainConnectionFailure(url: string, err: unknown): AppError {
  const e = err as { code?: string; message?: string };
  const where = redactUrl(url);
  const detail = e?.message ?? String(err);
  switch (e?.code) {
    case 'ECONNREFUSED':
      return new AppError('DB_INVALID', `服务器拒绝连接（${where}）。请确认 PostgreSQL 已启动、端口正确，并允许本机访问。`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AppError('DB_INVALID', `找不到服务器（${where}）。请检查服务器名称或 IP 地址是否填写正确、网络是否畅通。`);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return new AppError('DB_INVALID', `连接服务器超时（${where}）。请检查网络和防火墙设置。`);
    case '28P01':
      return new AppError('DB_INVALID', `用户名或密码不正确（${where}）。请核对后重试。`);
    case '28000':
      return new AppError('DB_INVALID', `服务器不允许该用户从本机登录（${where}）。请联系信息技术人员检查 pg_hba.conf。`);
    case '3D000':
      return new AppError('DB_INVALID', `服务器上没有该数据库（${where}）。请先由信息技术人员创建数据库（见说明文档）。`);
  }
  if (/timeout/i.test(detail)) {
    return new AppError('DB_INVALID', `连接服务器超时（${where}）。请检查网络和防火墙设置。`);
  }
  return new AppError('DB_INVALID', `无法连接到数据库（${where}）。请检查地址、用户名和密码。（${detail}）`);
}

export async function testPostgresConnection(url: string): Promise<DatabaseTestResult> {
  const client = new pg.Client({ ...connectionConfig(url), connectionTimeoutMillis: 8_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    throw explainConnectionFailure(url, err);
  }
  try {
    const version = await client.query<{ v: string }>(`select current_setting('server_version') as v`);
    const serverVersion = version.rows[0]?.v ?? '';
    const tables = await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = current_schema()`,
    );
    const names = new Set(tables.rows.map((r) => r.name));
    if (names.size === 0) {
      return {
        serverVersion,
        schema: 'empty',
        schemaVersion: 0,
        message: `连接成功（PostgreSQL ${serverVersion}）。这是一个空数据库，切换后将自动建立本系统的数据表。`,
      };
    }
    const foreign = new AppError(
      'DB_INVALID',
      `连接成功，但数据库 ${redactUrl(url)} 中已有其他程序的数据表，不是本系统的数据库。请使用本系统的数据库或一个新建的空数据库。`,
    );
    if (!names.has('app_meta') || !names.has('schema_migrations')) throw foreign;
    const meta = await client.query<{ value: string }>(`select value from app_meta where key = 'app_id'`);
    if (meta.rows[0]?.value !== APP_ID) throw foreign;
    const max = await client.query<{ v: number | null }>(`select max(version) as v from schema_migrations`);
    const schemaVersion = Number(max.rows[0]?.v ?? 0);
    if (schemaVersion > LATEST_SCHEMA_VERSION) {
      return {
        serverVersion,
        schema: 'newer',
        schemaVersion,
        message: `连接成功（PostgreSQL ${serverVersion}），但该数据库由更新版本的考评系统使用（数据库版本 ${schemaVersion}）。请先安装最新版本，再切换。`,
      };
    }
    return {
      serverVersion,
      schema: 'ours',
      schemaVersion,
      message: `连接成功（PostgreSQL ${serverVersion}）。这是本系统的数据库（数据库版本 ${schemaVersion}），可以切换。`,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
