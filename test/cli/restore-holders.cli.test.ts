import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

/** A restore from the command line while the browser host (another process) has the file open. */
const dir = makeTempDir();
const db = path.join(dir, '数据', 'appraisal.sqlite');
let host: ChildProcess | null = null;
afterAll(() => {
  if (host && host.exitCode === null) host.kill('SIGKILL');
  removeDir(dir);
});

function startHost(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/host/host.mjs'), '--db', db], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error('host did not start')), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/token=\w+/.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`host exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('restore and other processes', { timeout: 240_000 }, () => {
  it('refuses while the browser host has the database open, naming it, and restores after it stopped', async () => {
    const backup = path.join(dir, '备份', '考评.sqlite');
    expect(runCli(['settings', 'set', '--street', '龙塔街道', '--db', db]).code).toBe(0);
    expect(runCli(['backup', '--out', backup, '--db', db]).code).toBe(0);
    host = await startHost();
    const refused = runCli(['restore', backup, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`浏览器模式（npm run host）（进程 ${host.pid}`);
    await stop(host);
    const restored = runCli(['restore', backup, '--db', db]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
  });
});
