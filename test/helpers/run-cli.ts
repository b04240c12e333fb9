import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapDbArgs } from './test-db';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The command that runs the real CLI: the esbuild bundle the test setup builds from the current
 * sources (test/helpers/build-bundles.ts), so each spawn skips compiling TypeScript.
 */
export function cliCommand(): { command: string; args: string[] } {
  return { command: process.execPath, args: [path.join(ROOT, 'dist/cli/cli.mjs')] };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the real CLI in a child process, as `npm run cli -- ...` does. */
export function runCli(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
  const cli = cliCommand();
  const result = spawnSync(cli.command, [...cli.args, ...mapDbArgs(args)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, ...options.env },
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
