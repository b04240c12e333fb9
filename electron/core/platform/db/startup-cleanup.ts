/**
 * Leftovers of killed work: a backup or upload interrupted by a crash leaves a `.partial` file
 * (never a complete-looking one). They are removed at start — only when no other program has the
 * database open, since another window's backup in progress writes one too.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Removes `*.partial` files (and a stale `.restoring` copy) in the given folders; returns their names. */
export function removeLeftoverPartials(dbFile: string, folders: readonly string[]): string[] {
  const removed: string[] = [];
  const remove = (file: string) => {
    try {
      fs.rmSync(file, { force: true });
      removed.push(path.basename(file));
    } catch {
      // Locked by the OS right now: next start.
    }
  };
  for (const dir of [path.dirname(dbFile), ...folders]) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) if (name.endsWith('.partial')) remove(path.join(dir, name));
  }
  if (fs.existsSync(`${dbFile}.restoring`)) remove(`${dbFile}.restoring`);
  return removed;
}
