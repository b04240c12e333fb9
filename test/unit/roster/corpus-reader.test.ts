import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CORPUS = process.env.CORPUS_DIR ?? '/work/shared/corpus';

interface ProbeLine {
  start?: string;
  file?: string;
  status?: 'read' | 'refused' | 'crash';
  code?: string;
  message?: string;
  rosters?: Record<string, string>;
  done?: number;
  fatal?: string;
}

describe.skipIf(!fs.existsSync(CORPUS))('real-world spreadsheet corpus', () => {
  it('reads or refuses every file with a Chinese INVALID_FILE message, within bounded time and memory', () => {
    // A child process with a small heap: a hang is killed by the timeout, a memory blow-up by the heap limit.
    const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'test/helpers/corpus-probe.ts'), CORPUS], {
      cwd: root,
      encoding: 'utf8',
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=400' },
    });
    const lines = result.stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as ProbeLine);
    const started = lines.filter((l) => l.start).map((l) => l.start);
    const finished = lines.filter((l) => l.file);
    const last = started[started.length - 1];
    expect(result.status, `probe stopped (signal ${result.signal}) while reading ${last}: ${result.stderr.slice(-2000)}`).toBe(0);
    expect(lines.some((l) => l.fatal)).toBe(false);
    expect(finished.length).toBe(started.length);
    expect(finished.length).toBeGreaterThan(200);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const crashes = finished.filter((l) => l.status === 'crash');
    expect(crashes, JSON.stringify(crashes, null, 1)).toEqual([]);
    for (const l of finished.filter((x) => x.status === 'refused')) {
      expect(l.code, l.file).toBe('INVALID_FILE');
      expect(l.message, l.file).toMatch(/[\u4e00-\u9fff]/);
    }
    const byName = new Map(finished.map((l) => [l.file, l]));
    // Legacy .xls is refused with the save-as advice; ordinary .xlsx files are read.
    expect(byName.get('sheetjs-test-files/AutoFilter.xls')?.message).toContain('另存为 .xlsx');
    expect(byName.get('sheetjs-test-files/AutoFilter.xlsx')?.status).toBe('read');
    expect(finished.filter((l) => l.status === 'read').length).toBeGreaterThan(80);
  });
});
