/**
 * A second program on the shared database, for the concurrency tests (pg-concurrency.test.ts):
 * opens the database given as its argument and answers commands read from stdin, one JSON per line,
 * through the real dispatcher as the local administrator.
 *   {"call": channel, "input": {...}}             → {"result": {ok, code?, message?}}
 *   {"batch": [{channel, input}, ...]}            → {"batch": [result, ...]} (one after another)
 *   {"loop": {channel, inputs: [...]}}            → a line per call, cycling through inputs, until
 *   {"stop": true}                                → {"loopDone": true}
 *   {"exit": true}                                  closes the database and ends the program.
 * Run with `node --import tsx channel-worker.ts URL`.
 */
import readline from 'node:readline';
import { createAppContext } from '../../../electron/core/app-context';
import { dispatch } from '../../../electron/core/dispatch';
import { LOCAL_ADMIN } from '../../../electron/core/platform/security/local-actor';

interface CallResult {
  ok: boolean;
  code?: string;
  message?: string;
}

const url = process.argv[2];
if (!url) throw new Error('usage: channel-worker.ts DATABASE_URL');
const app = await createAppContext({ dbFile: url, door: 'cli' });
const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

async function call(channel: string, input: unknown): Promise<CallResult> {
  const envelope = await dispatch({ app, actor: LOCAL_ADMIN }, channel, input);
  return envelope.ok ? { ok: true } : { ok: false, code: envelope.error.code, message: envelope.error.message };
}

let looping = false;
let loopDone: Promise<void> = Promise.resolve();
out({ ready: true });
for await (const line of readline.createInterface({ input: process.stdin })) {
  const cmd = JSON.parse(line) as {
    call?: string;
    input?: unknown;
    batch?: { channel: string; input: unknown }[];
    loop?: { channel: string; inputs: unknown[] };
    stop?: boolean;
    exit?: boolean;
  };
  if (cmd.call) out({ result: await call(cmd.call, cmd.input) });
  if (cmd.batch) {
    const results: CallResult[] = [];
    for (const c of cmd.batch) results.push(await call(c.channel, c.input));
    out({ batch: results });
  }
  if (cmd.loop) {
    const { channel, inputs } = cmd.loop;
    looping = true;
    loopDone = (async () => {
      for (let i = 0; looping; i++) out({ loop: i, ...(await call(channel, inputs[i % inputs.length])) });
      out({ loopDone: true });
    })();
  }
  if (cmd.stop) {
    looping = false;
    await loopDone;
  }
  if (cmd.exit) break;
}
await app.close();
