/**
 * `npm run bench`: runs every test/bench/*.bench.ts in its own process (so peak-memory readings are
 * its own) and prints what each one prints: its times, the baseline measured in the same run, and the
 * ratio against its target. Benchmarks never run in `npm test`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const only = process.argv.slice(2);
const benches = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n== ${bench}\n`);
  const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['--expose-gc', path.join(here, bench)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.stdout.write(`\n${benches.length - failed} benchmarks ran, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
