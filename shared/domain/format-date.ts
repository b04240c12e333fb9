/**
 * Dates as office staff write them, the same on every machine whatever its locale:
 * 2021-09-30 14:05 for instants, 2021年9月30日 for days. Never mm/dd/yyyy.
 */

/** 2021-09-30 14:05 from an ISO instant, in local time, whatever the machine's locale. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** An instant as stored (UTC, `…Z` or with an offset), as opposed to a plain day (2021-09-30). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * The local day of an ISO instant (stored in UTC: 2021-10-11T23:30Z is 2021-10-12 on a PC in
 * China), or a plain day as written.
 */
export function localDay(iso: string): string {
  if (!INSTANT.test(iso)) return iso.slice(0, 10);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** 2021年9月30日 from an ISO day (as written) or instant (its local day). */
export function formatDateLong(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDay(iso));
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
}
