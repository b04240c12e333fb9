/**
 * Number, date and label formatting shared by the report builders and the workbook layout.
 * Scores arrive as numbers with one decimal and are turned into integer tenths before any sum,
 * so totals and averages are exact (no binary-float drift).
 */
import { formatDateLong, formatDateTime } from '../domain/format-date';

/** Points (one decimal) -> integer tenths: 87.5 -> 875. */
export function toTenths(points: number): number {
  return Math.round(points * 10);
}

/** Integer tenths -> points as a number: 875 -> 87.5. */
export function tenthsToPoints(tenths: number): number {
  return tenths / 10;
}

/** Integer tenths -> text with exactly one decimal: 875 -> 「87.5」, 900 -> 「90.0」, -5 -> 「-0.5」. */
export function formatTenths(tenths: number): string {
  const t = Math.round(tenths);
  const sign = t < 0 ? '-' : '';
  const abs = Math.abs(t);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}`;
}

/** A score in points printed to the tenth: 87.5 -> 「87.5」, 90 -> 「90.0」. */
export function formatScore(points: number): string {
  return formatTenths(toTenths(points));
}

/** A change with its sign: 2.5 -> 「+2.5」, -1 -> 「-1.0」, 0 -> 「0.0」, null -> 「—」. */
export function formatDelta(points: number | null): string {
  if (points === null) return '—';
  const t = toTenths(points);
  return t > 0 ? `+${formatTenths(t)}` : formatTenths(t);
}

/** Mean of integer tenths rounded half up to a tenth (ties away from zero for negatives). */
export function meanTenths(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  const n = values.length;
  // Exact half-up on integers: floor((2*sum + n) / (2n)) for sum >= 0.
  return sum >= 0 ? Math.floor((2 * sum + n) / (2 * n)) : -Math.floor((-2 * sum + n) / (2 * n));
}

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;

/** 3 -> 「第三季度」 */
export function quarterName(quarter: number): string {
  return QUARTER_NAMES[quarter - 1] ?? `第${quarter}季度`;
}

/** 2021, 3 -> 「2021年第三季度」 */
export function roundLabel(year: number, quarter: number): string {
  return `${year}年${quarterName(quarter)}`;
}

/** ISO date (or date-time) -> 「2021年10月15日」 as on official documents (Arabic numerals, GB/T 9704). */
export function chineseDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return formatDateLong(iso);
}

/**
 * ISO date-time -> 「2021-10-15 14:30」. Stored instants are UTC: they print in the PC's local time
 * (Beijing time in the offices), never as the UTC wall time.
 */
export function shortDateTime(iso: string): string {
  const local = formatDateTime(iso);
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(local)) return local;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso.slice(0, 16);
}

/** A long hash broken into groups of 8 so it can be read aloud and compared by eye. */
export function groupHash(hash: string, size = 8): string {
  const groups: string[] = [];
  for (let i = 0; i < hash.length; i += size) groups.push(hash.slice(i, i + size));
  return groups.join(' ');
}

/**
 * The text encoded in the QR code of a finalized report: what a checker compares with the archive.
 * ASCII only, because many phone scanners read QR byte mode as Latin-1.
 */
export function verificationPayload(roundCode: string, contentHash: string): string {
  return `KPTB:${roundCode}:${contentHash}`;
}
