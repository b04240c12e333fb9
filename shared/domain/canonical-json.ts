/**
 * The one canonical JSON behind every hash (the audit chain, the 通报's 校验码, change detection):
 * object keys sorted at every level, `undefined` members left out (in arrays: null), values with a
 * `toJSON` (dates) as JSON writes them. The same content always gives the same bytes, so a hash
 * computed today matches one computed on another PC or in a later version.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}
