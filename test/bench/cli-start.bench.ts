/**
 * Benchmark: how fast the command line starts. `node dist/cli/cli.mjs --help` (what
 * `npm run -s cli -- --help` runs) against `node -e 0` measured in the same run, as a ratio: the
 * help path loads the small entry chunk only (no database layer, no ExcelJS, pdfmake or fontkit).
 * Also timed: `info` on a fresh database (the door chunk and the database opened). Target: help
 * under 4× a bare `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../helpers/run-cli';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const RUNS = 9;
const TARGET_RATIO = 4;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function time(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

// Build the bundle from the current sources first (as `npm run build` does).
spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-node.mjs'), 'cli'], { cwd: ROOT, stdio: 'inherit' });
const cli = path.join(ROOT, 'dist/cli/cli.mjs');
const dir = makeTempDir();
try {
  const db = path.join(dir, 'bench.sqlite');
  time([cli, 'info', '--db', db]); // creates the database; warms the file cache
  const bare: number[] = [];
  const help: number[] = [];
  const info: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(time(['-e', '0']));
    help.push(time([cli, '--help']));
    info.push(time([cli, 'info', '--db', db]));
  }
  const ratio = median(help) / median(bare);
  process.stdout.write(
    [
      `node -e 0            ${median(bare).toFixed(0)} ms (median of ${RUNS})`,
      `cli --help           ${median(help).toFixed(0)} ms  ratio ${ratio.toFixed(2)} (target < ${TARGET_RATIO})`,
      `cli info (database)  ${median(info).toFixed(0)} ms  ratio ${(median(info) / median(bare)).toFixed(2)}`,
      ratio < TARGET_RATIO ? 'OK' : 'SLOWER THAN TARGET',
      '',
    ].join('\n'),
  );
  process.exitCode = ratio < TARGET_RATIO ? 0 : 1;
} finally {
  removeDir(dir);
}
