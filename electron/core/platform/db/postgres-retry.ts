/**
 * Running a PostgreSQL transaction again after a transient failure: one place for every service.
 *
 * What can fail on a shared server, and what is done about it:
 * - Serialization failures (40001) cannot happen: our transactions run at READ COMMITTED, and each
 *   writing one first waits for the single write lock (postgres.ts), so the statements after it see
 *   everything committed before. Deadlocks (40P01) between two of our transactions cannot happen
 *   either (only the lock holder takes row locks); one with a statement from outside (psql, a
 *   maintenance job) can. Both codes are retried anyway: they say "nothing was done, run it again".
 * - The connection drops in the middle (a restarted server, a network blip, an administrator ending
 *   the session): the server rolls the transaction back, so it runs again on a new connection.
 * - Never retried: the connection lost while COMMIT was on its way. The server may have committed,
 *   and running the work again could record it twice; the user is told to check (commitLost).
 * At most MAX_ATTEMPTS runs in all; then the last error goes to the caller as it is. So a
 * transaction's callback may run more than once: what it counts or collects belongs inside it.
 */
import { AppError } from '../../../../shared/ipc/errors';

export const MAX_ATTEMPTS = 3;

/** SQLSTATEs after which the server has undone the whole transaction and it may simply run again. */
const RETRY_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '57P01', // admin_shutdown (the session was ended)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (the server is starting)
  '08000',
  '08003',
  '08006', // connection exceptions
]);

/** Node's socket errors for a connection that went away. */
const SOCKET_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The connection to the server is gone (pg's own messages for it carry no code). */
export function isConnectionLoss(err: unknown): boolean {
  const code = errorCode(err);
  if (code !== undefined && (SOCKET_ERRORS.has(code) || code.startsWith('08') || code.startsWith('57P'))) return true;
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|not queryable|Client has encountered a connection error/i.test(message);
}

export function isTransient(err: unknown): boolean {
  const code = errorCode(err);
  return (code !== undefined && RETRY_SQLSTATES.has(code)) || isConnectionLoss(err);
}

/** What the user is told when COMMIT's fate is unknown (not retried: see above). */
export function commitLost(err: unknown): AppError {
  const detail = err instanceof Error ? err.message : String(err);
  return new AppError(
    'DB_BUSY',
    `保存时与数据库服务器的连接中断，无法确定这次修改是否已保存。请刷新后核对，如未保存请重新操作。（${detail}）`,
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Run `work` (one whole transaction) again after a transient failure, at most MAX_ATTEMPTS times. */
export async function withTransientRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !isTransient(err)) throw err;
      await pause(50 * attempt);
    }
  }
}
