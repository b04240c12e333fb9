/**
 * The app's own choice of database, kept in a small JSON file beside (not inside) the database so it
 * survives switching. The PostgreSQL password never reaches the file in plain text: the URL is
 * stored without it and the password only as the encryptor's output (Electron's safeStorage).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/ipc/errors';

/** Electron's safeStorage, or a stand-in in tests. */
export interface PasswordEncryptor {
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

export type DatabaseChoice = { kind: 'sqlite' } | { kind: 'postgres'; url: string };

interface StoredConfig {
  database: 'sqlite' | 'postgres';
  /** The URL without its password. */
  url?: string;
  /** base64 of the encryptor's output. */
  encryptedPassword?: string;
}

export const DATABASE_CONFIG_FILE = 'database-config.json';

export function writeDatabaseConfig(file: string, choice: DatabaseChoice, encryptor: PasswordEncryptor): void {
  let stored: StoredConfig = { database: 'sqlite' };
  if (choice.kind === 'postgres') {
    const url = new URL(choice.url);
    const password = decodeURIComponent(url.password);
    url.password = '';
    stored = { database: 'postgres', url: url.toString() };
    if (password) stored.encryptedPassword = encryptor.encrypt(password).toString('base64');
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole then renamed: a crash leaves the old choice, never half a file.
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(partial, file);
}

/** The chosen database's URL (password restored), or null for the local SQLite file. */
export function readDatabaseConfig(file: string, encryptor: PasswordEncryptor): string | null {
  if (!fs.existsSync(file)) return null;
  let stored: StoredConfig;
  try {
    stored = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredConfig;
  } catch {
    throw new AppError(
      'DB_INVALID',
      `数据库设置文件 ${file} 已损坏。请删除该文件（将改用本机数据库），再在“系统设置 → 数据库”中重新选择。`,
    );
  }
  if (stored.database !== 'postgres' || !stored.url) return null;
  const url = new URL(stored.url);
  if (stored.encryptedPassword) {
    try {
      url.password = encodeURIComponent(encryptor.decrypt(Buffer.from(stored.encryptedPassword, 'base64')));
    } catch {
      throw new AppError('DB_INVALID', '无法解密已保存的数据库密码（可能更换了 Windows 用户）。请删除数据库设置文件后重新选择数据库。');
    }
  }
  return url.toString();
}
