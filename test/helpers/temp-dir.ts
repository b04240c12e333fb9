import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A fresh temp folder whose name has Chinese characters, spaces and full-width brackets, the way
 * office folders are named (e.g. 「考评 2021（终稿）」): every path-handling code path meets it in tests.
 */
export function makeTempDir(label = '考评 2021（终稿）'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
