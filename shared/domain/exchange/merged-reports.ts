/**
 * Who is missing under a sender: a 县区's package lists the 街道 it appraised (its units, with
 * their 统计用区划代码) and the street packages it merged. A unit with no merged package did not
 * report to the 县区 for that quarter, so the city sees it is missing without having to trust it.
 */
import type { PackagePayload } from './package-format';

export interface MergedReports {
  merged: { code: string; name: string; revision: number }[];
  missing: { code: string | null; name: string }[];
}

/** Kinds of units that report packages of their own (a 社区 or 成员单位 never does). */
const REPORTING_KINDS = new Set(['街道', '县区']);

export function mergedReportsOf(payload: Pick<PackagePayload, 'units' | 'merged'>): MergedReports {
  const merged = payload.merged.map((m) => ({ code: m.code, name: m.name, revision: m.revision }));
  const codes = new Set(merged.map((m) => m.code));
  const missing = payload.units
    .filter((u) => REPORTING_KINDS.has(u.kind) && !(u.code && codes.has(u.code)))
    .map((u) => ({ code: u.code, name: u.name }));
  return { merged, missing };
}
