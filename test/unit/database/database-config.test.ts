import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDatabaseConfig, writeDatabaseConfig, type PasswordEncryptor } from '../../../electron/core/features/database/index';

/** A stand-in for Electron's safeStorage: reversible, and its output never contains the input. */
const stand: PasswordEncryptor = {
  encrypt: (plain) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a)),
  decrypt: (enc) => Buffer.from([...enc].map((b) => b ^ 0x5a)).toString('utf8'),
};

describe('database config file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbcfg-'));
  const file = path.join(dir, 'database-config.json');

  it('stores the PostgreSQL choice without the plain password and reads it back whole', () => {
    const url = 'postgres://kaoping:S3cret%40pw@db.example:5432/appraisal';
    writeDatabaseConfig(file, { kind: 'postgres', url }, stand);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('S3cret');
    expect(text).not.toContain('S3cret%40pw');
    expect(text).toContain('db.example:5432/appraisal');
    expect(JSON.parse(text)).toMatchObject({ database: 'postgres', url: 'postgres://kaoping@db.example:5432/appraisal' });
    expect(readDatabaseConfig(file, stand)).toBe(url);
  });

  it('switching back to 本机 forgets the server and its password', () => {
    writeDatabaseConfig(file, { kind: 'sqlite' }, stand);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('encryptedPassword');
    expect(readDatabaseConfig(file, stand)).toBeNull();
  });

  it('no file means the local SQLite file; a broken file is a clear error', () => {
    expect(readDatabaseConfig(path.join(dir, 'none.json'), stand)).toBeNull();
    fs.writeFileSync(file, '{oops');
    expect(() => readDatabaseConfig(file, stand)).toThrow(/数据库设置文件/);
  });
});
