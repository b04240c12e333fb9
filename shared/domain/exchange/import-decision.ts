/**
 * What an incoming package means against what this database already holds from the same sender
 * for the same round. One rule for the dry run, the import and the UI's preview.
 */
import type { PackagePayload, PackageUnit } from './package-format';

export const IMPORT_STATUSES = ['new', 'identical', 'replaces', 'stale', 'conflict'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  new: '新上报',
  identical: '与已接收的相同',
  replaces: '新版本，替换旧版本',
  stale: '旧版本，已拒绝',
  conflict: '同一版本内容不同，待管理员决定',
};

export interface HeldPackage {
  revision: number;
  sha256: string;
}

/**
 * `current` is the package in force for (sender, round), null when none; a higher revision
 * replaces it, a lower one is refused, the same revision is identical or a conflict by its hash.
 */
export function decideImport(current: HeldPackage | null, incoming: HeldPackage): ImportStatus {
  if (!current) return 'new';
  if (incoming.revision > current.revision) return 'replaces';
  if (incoming.revision < current.revision) return 'stale';
  return incoming.sha256 === current.sha256 ? 'identical' : 'conflict';
}

/** Whether an import with this status writes the package as the one in force. */
export function importCommits(status: ImportStatus): boolean {
  return status === 'new' || status === 'replaces';
}

export type UnitChange = 'added' | 'changed' | 'unchanged' | 'removed';

export interface UnitPreview {
  key: string;
  name: string;
  change: UnitChange;
  total: number | null;
  previousTotal: number | null;
  grade: string | null;
  previousGrade: string | null;
  rank: number | null;
  vetoed: boolean;
  /** Short Chinese notes on what differs (总分, 等次, 扣分条数 …). */
  notes: string[];
}

const CHANGE_ORDER: Record<UnitChange, number> = { changed: 0, added: 1, removed: 2, unchanged: 3 };

function differences(before: PackageUnit, after: PackageUnit): string[] {
  const notes: string[] = [];
  if (before.total !== after.total) notes.push(`总分 ${before.total} → ${after.total}`);
  if (before.grade !== after.grade) notes.push(`等次 ${before.grade} → ${after.grade}`);
  if (before.rank !== after.rank) notes.push(`排名 ${before.rank} → ${after.rank}`);
  if (before.deductions.length !== after.deductions.length) notes.push(`扣分 ${before.deductions.length} → ${after.deductions.length} 条`);
  if (before.vetoes.length !== after.vetoes.length) notes.push(`否决 ${before.vetoes.length} → ${after.vetoes.length} 项`);
  if (before.rectifications.length !== after.rectifications.length)
    notes.push(`整改 ${before.rectifications.length} → ${after.rectifications.length} 项`);
  if (notes.length === 0 && JSON.stringify(before) !== JSON.stringify(after)) notes.push('明细有变化');
  return notes;
}

/**
 * Per unit, what importing `incoming` would change against `current` (the payload in force, null
 * when this is the sender's first package for the round). Changed units first, then added, removed.
 */
export function previewUnits(current: PackagePayload | null, incoming: PackagePayload): UnitPreview[] {
  const before = new Map((current?.units ?? []).map((u) => [u.key, u]));
  const out: UnitPreview[] = incoming.units.map((u) => {
    const old = before.get(u.key);
    before.delete(u.key);
    const notes = old ? differences(old, u) : [];
    return {
      key: u.key,
      name: u.name,
      change: !old ? 'added' : notes.length > 0 ? 'changed' : 'unchanged',
      total: u.total,
      previousTotal: old?.total ?? null,
      grade: u.grade,
      previousGrade: old?.grade ?? null,
      rank: u.rank,
      vetoed: u.vetoes.length > 0,
      notes,
    };
  });
  for (const old of before.values())
    out.push({
      key: old.key,
      name: old.name,
      change: 'removed',
      total: null,
      previousTotal: old.total,
      grade: null,
      previousGrade: old.grade,
      rank: null,
      vetoed: false,
      notes: ['新版本中没有该单位'],
    });
  return out.sort((a, b) => CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change]);
}
