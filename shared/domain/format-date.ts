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

/** 2021年9月30日 from an ISO day or instant (the day as written, no time-zone shift). */
export function formatDateLong(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : isoDay;
}
