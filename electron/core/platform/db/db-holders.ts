/**
 * Which programs have a database file open, across processes: every app context (desktop window,
 * browser host, command line) registers a small file in `<db>.holders/` while it is open. A
 * restore replaces the file under everyone's feet, so it refuses while another live holder exists
 * (naming it), and takes `<db>.restore-lock` so two restores never interleave.
 * A holder whose process is gone (killed, crashed) is ignored and removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../../shared/ipc/errors';

export interface Holder {
  id: string;
  pid: number;
  door: string;
  since: string;
}

const DOOR_LABELS: Record<string, string> = { electron: '桌面应用窗口', host: '浏览器模式（npm run host）', cli: '命令行' };

function holdersDir(dbFile: string): string {
  return `${dbFile}.holders`;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Register this context as a holder; returns the function that unregisters it. */
export function registerHolder(dbFile: string, door: string, now: Date): Holder & { release(): void } {
  const dir = holdersDir(dbFile);
  fs.mkdirSync(dir, { recursive: true });
  const holder: Holder = { id: `${process.pid}-${randomBytes(6).toString('hex')}`, pid: process.pid, door, since: now.toISOString() };
  const file = path.join(dir, `${holder.id}.json`);
  fs.writeFileSync(file, JSON.stringify(holder));
  return { ...holder, release: () => fs.rmSync(file, { force: true }) };
}

/** Live holders other than `selfId`; stale entries of dead processes are removed on the way. */
export function otherHolders(dbFile: string, selfId: string | null): Holder[] {
  const dir = holdersDir(dbFile);
  if (!fs.existsSync(dir)) return [];
  const found: Holder[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(dir, name);
    let holder: Holder;
    try {
      holder = JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
    } catch {
      continue;
    }
    if (holder.id === selfId) continue;
    if (!Number.isInteger(holder.pid) || !alive(holder.pid)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    found.push(holder);
  }
  return found;
}

export function describeHolders(holders: readonly Holder[]): string {
  return holders.map((h) => `${DOOR_LABELS[h.door] ?? h.door}（进程 ${h.pid}，${h.since.slice(0, 16).replace('T', ' ')} 起）`).join('、');
}

/**
 * Run `fn` holding the cross-process restore lock, and only when no other program has the file
 * open; otherwise refuse with a message that names who holds it.
 */
export async function withExclusiveDatabase<T>(dbFile: string, selfId: string | null, fn: () => Promise<T>): Promise<T> {
  const lockFile = `${dbFile}.restore-lock`;
  let fd: number;
  try {
    fd = fs.openSync(lockFile, 'wx');
  } catch {
    const owner = Number(readSafe(lockFile));
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      // Left by a killed restore: take it over.
      fs.rmSync(lockFile, { force: true });
      return withExclusiveDatabase(dbFile, selfId, fn);
    }
    throw new AppError('CONFLICT', '另一个程序正在恢复该数据库。请等待其完成后再试。');
  }
  try {
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
    const others = otherHolders(dbFile, selfId);
    if (others.length > 0) {
      throw new AppError(
        'CONFLICT',
        `数据库文件正被其他程序打开：${describeHolders(others)}。恢复会替换整个数据库，它们之后保存的内容将丢失。请先关闭这些窗口或程序，再恢复。`,
        { holders: others },
      );
    }
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

function readSafe(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** True while a restore holds the file (a starting program waits or refuses rather than open it). */
export function restoreInProgress(dbFile: string): boolean {
  const owner = Number(readSafe(`${dbFile}.restore-lock`));
  return Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner);
}
