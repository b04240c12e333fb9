import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface HostHandle {
  url: string;
  dbFile: string;
  dir: string;
  restart(): Promise<string>;
}

/** Start `electron/host/main.ts` on a fresh temp database and wait for its printed address. */
function launch(dbFile: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'electron/host/main.ts'), '--db', dbFile], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${err}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[0] });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}: ${err}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Each test gets its own browser host on its own temp database (in a Chinese-named folder). */
export const test = base.extend<{ host: HostHandle }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  host: async ({}, use) => {
    const dir = makeTempDir();
    const dbFile = path.join(dir, 'appraisal.sqlite');
    let current = await launch(dbFile);
    const handle: HostHandle = {
      url: current.url,
      dbFile,
      dir,
      async restart() {
        await stop(current.child);
        current = await launch(dbFile);
        handle.url = current.url;
        return current.url;
      },
    };
    await use(handle);
    await stop(current.child);
    removeDir(dir);
  },
});

export { expect } from '@playwright/test';
