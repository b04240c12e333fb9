import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './run-cli';

/**
 * Test setup (vitest and Playwright): bundle the CLI and the browser host from the current sources,
 * so tests spawn the real entry points without compiling TypeScript in every child process.
 */
export default function buildBundles(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-node.mjs'), 'cli', 'host'], { cwd: ROOT, stdio: 'inherit' });
}
