import { z } from 'zod';
import { defineChannel } from '../channel';

/** Which database this PC uses (系统设置 → 数据库). The URL never carries the password. */
export const databaseInfoSchema = z.object({
  kind: z.enum(['sqlite', 'postgres']),
  /** The SQLite file, or the PostgreSQL URL with the password masked. */
  target: z.string(),
  /** Where a server password is kept: Electron's safeStorage, or only in memory (browser host). */
  passwordStorage: z.enum(['safeStorage', 'memory']),
  /** false where this program cannot reopen itself on another database (CLI). */
  canSwitch: z.boolean(),
});
export type DatabaseInfo = z.infer<typeof databaseInfoSchema>;

export const databaseTestResultSchema = z.object({
  serverVersion: z.string(),
  /** ours: this system's data; empty: a new database, set up on switching; newer: needs a newer program. */
  schema: z.enum(['ours', 'empty', 'newer']),
  schemaVersion: z.number().int(),
  message: z.string(),
});
export type DatabaseTestResult = z.infer<typeof databaseTestResultSchema>;

const postgresUrl = z
  .string()
  .trim()
  .regex(/^postgres(ql)?:\/\/.+/i, '请填写 postgres://用户名:密码@服务器:端口/数据库名 形式的地址');

export const databaseChannels = {
  'database:info': defineChannel({
    input: z.object({}).strict(),
    output: databaseInfoSchema,
    roles: ['admin'],
    writes: false,
    summary: '查看本机使用的数据库',
  }),
  /** Connects without switching: server version and whether the schema is ours, empty or newer. */
  'database:test': defineChannel({
    input: z.object({ url: postgresUrl }).strict(),
    output: databaseTestResultSchema,
    roles: ['admin'],
    writes: false,
    summary: '测试数据库连接',
  }),
  /** Store the choice outside the database and reopen the program on it. */
  'database:switch': defineChannel({
    input: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('sqlite') }).strict(),
      z.object({ kind: z.literal('postgres'), url: postgresUrl }).strict(),
    ]),
    output: z.object({ message: z.string() }),
    roles: ['admin'],
    writes: false,
    summary: '切换数据库',
  }),
};
