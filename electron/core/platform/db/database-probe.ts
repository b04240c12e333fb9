/**
 * The one look at a database file before anything trusts it (opening it, restoring from it):
 * opened read-only, so a refused file is never modified. Callers turn the verdict into their own
 * message (a database being opened and a backup being restored are refused in different words).
 */
import { openSqlite3, sqlite3 } from './sqlite3-driver';

/** app_meta's app_id: what marks a database as this program's. */
export const APP_ID = 'community-appraisal-desk';

export type RawQuery = <T>(text: string) => Promise<T[]>;

export type DatabaseFileVerdict =
  /** The file cannot be opened at all (missing, no permission). */
  | { kind: 'cannot-open'; detail: string }
  /** Not a database, or damaged past reading its tables. */
  | { kind: 'unreadable'; detail: string }
  /** A database without a single table (a new, empty file). */
  | { kind: 'empty' }
  /** A database of another program. */
  | { kind: 'foreign' }
  /** Ours, at this schema version. */
  | { kind: 'ours'; version: number };

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Look at `file`; for a database of ours, `inspect` runs on the same read-only handle (an
 * integrity or schema check) and whatever it throws is thrown.
 */
export async function probeDatabaseFile<T = undefined>(
  file: string,
  inspect?: (query: RawQuery, version: number) => Promise<T>,
): Promise<{ verdict: DatabaseFileVerdict; inspected?: T }> {
  let handle: sqlite3.Database;
  try {
    handle = await openSqlite3(file, sqlite3.OPEN_READONLY);
  } catch (err) {
    return { verdict: { kind: 'cannot-open', detail: message(err) } };
  }
  const query: RawQuery = <R>(text: string) =>
    new Promise<R[]>((resolve, reject) => handle.all(text, [], (err: Error | null, rows: R[]) => (err ? reject(err) : resolve(rows))));
  try {
    let version: number;
    try {
      const names = new Set((await query<{ name: string }>(`select name from sqlite_master where type = 'table'`)).map((t) => t.name));
      if (names.size === 0) return { verdict: { kind: 'empty' } };
      if (!names.has('app_meta') || !names.has('schema_migrations')) return { verdict: { kind: 'foreign' } };
      const meta = await query<{ value: string }>(`select value from app_meta where key = 'app_id'`);
      if (meta[0]?.value !== APP_ID) return { verdict: { kind: 'foreign' } };
      version = (await query<{ v: number | null }>(`select max(version) as v from schema_migrations`))[0]?.v ?? 0;
    } catch (err) {
      return { verdict: { kind: 'unreadable', detail: message(err) } };
    }
    const verdict: DatabaseFileVerdict = { kind: 'ours', version };
    return inspect ? { verdict, inspected: await inspect(query, version) } : { verdict };
  } finally {
    await new Promise<void>((resolve) => handle.close(() => resolve()));
  }
}
