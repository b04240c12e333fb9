/**
 * Helpers for the PostgreSQL concurrency tests: empty databases on the test server, an in-process
 * context shaped like the app fixture's, and second programs (channel-worker.ts) to race it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createAppContext } from '../../../electron/core/app-context';
import { dispatch } from '../../../electron/core/dispatch';
import { LOCAL_ADMIN } from '../../../electron/core/platform/security/local-actor';
import { AppError } from '../../../shared/ipc/errors';
import type { TestApp } from '../../helpers/app-fixture';
import { ROOT } from '../../helpers/run-cli';
import { pgDatabaseUrl, psql } from '../../helpers/test-db';

const created: string[] = [];

/** A new, empty database on the test server (migrated by whoever opens it first). */
export function emptyDatabase(): string {
  const name = `pgtest_${Math.random().toString(36).slice(2, 10)}`;
  psql(`create database ${name}`);
  created.push(name);
  return pgDatabaseUrl(name);
}

export function dropCreatedDatabases(): void {
  for (const name of created.splice(0)) psql(`drop database if exists ${name} with (force)`);
}

/** A real app context on `url`, with the app fixture's `call` (for the round-seed helpers). */
export async function contextOn(url: string, dir: string): Promise<TestApp> {
  const app = await createAppContext({ dbFile: url, door: 'cli' });
  const t: TestApp = {
    app,
    dir,
    dbFile: url,
    ctx: (actor = LOCAL_ADMIN) => ({ app, actor }),
    async call(channel, input, actor = LOCAL_ADMIN) {
      const envelope = await dispatch({ app, actor }, channel, input);
      if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
      return envelope.value as never;
    },
    dispose: () => app.close(),
  };
  return t;
}

export interface WorkerLine {
  ready?: boolean;
  result?: { ok: boolean; code?: string; message?: string };
  batch?: { ok: boolean; code?: string; message?: string }[];
  loop?: number;
  ok?: boolean;
  code?: string;
  message?: string;
  loopDone?: boolean;
}

/** Another program on the same database (its own process, its own connection). */
export class Worker {
  readonly lines: WorkerLine[] = [];
  private stderr = '';
  private exited: Promise<number | null>;
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    let pending = '';
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const p of parts) if (p.trim()) this.lines.push(JSON.parse(p) as WorkerLine);
    });
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.on('exit', resolve));
  }

  static async start(url: string): Promise<Worker> {
    const script = path.join(ROOT, 'test/db/postgres/channel-worker.ts');
    const worker = new Worker(spawn(process.execPath, ['--import', 'tsx', script, url], { cwd: ROOT }));
    await worker.waitFor((l) => l.ready === true);
    return worker;
  }

  send(command: unknown): void {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** The first line from `from` on that satisfies `pred` (polls; fails with the worker's stderr). */
  async waitFor(pred: (line: WorkerLine) => boolean, from = 0, timeoutMs = 120_000): Promise<WorkerLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.slice(from).find(pred);
      if (found) return found;
      if (Date.now() > deadline || this.child.exitCode !== null)
        throw new Error(`worker: no expected line (exit ${this.child.exitCode})\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** How many loop calls so far answered ok / refused. */
  count(ok: boolean): number {
    return this.lines.filter((l) => l.loop !== undefined && l.ok === ok).length;
  }

  async call(channel: string, input: unknown): Promise<NonNullable<WorkerLine['result']>> {
    const from = this.lines.length;
    this.send({ call: channel, input });
    return (await this.waitFor((l) => l.result !== undefined, from)).result!;
  }

  async exit(): Promise<{ code: number | null; stderr: string }> {
    this.send({ exit: true });
    this.child.stdin.end();
    return { code: await this.exited, stderr: this.stderr };
  }
}
