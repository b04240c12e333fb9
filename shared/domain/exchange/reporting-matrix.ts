/**
 * Who has reported for which quarter: one row per expected sender (the trusted senders for now),
 * one cell per quarter of the year, and what is missing.
 */
export interface MatrixSender {
  code: string;
  name: string;
  level: string;
}

export interface MatrixPackage {
  code: string;
  quarter: number;
  revision: number;
  receivedAt: string;
  /** A same-revision package with another content waits for an administrator. */
  pendingConflict: boolean;
}

export interface MatrixCell {
  quarter: number;
  reported: boolean;
  revision: number | null;
  receivedAt: string | null;
  pendingConflict: boolean;
}

export interface MatrixRow extends MatrixSender {
  cells: MatrixCell[];
  missingQuarters: number[];
}

/**
 * One row per expected sender in code order (packages are accepted only from trusted senders, so
 * nobody reports unexpected); `quarters` are the quarters that count (e.g. 1–3 while Q4 is not due).
 */
export function reportingMatrix(expected: MatrixSender[], packages: MatrixPackage[], quarters: number[]): MatrixRow[] {
  const senders = new Map(expected.map((s) => [s.code, s]));
  const rows = [...senders.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return rows.map((s) => {
    const cells = quarters.map((q) => {
      const mine = packages.filter((p) => p.code === s.code && p.quarter === q);
      // A conflict waiting for a decision is flagged; only the package in force counts as reported.
      const current = mine
        .filter((p) => !p.pendingConflict)
        .reduce<MatrixPackage | null>((best, p) => (!best || p.revision > best.revision ? p : best), null);
      return {
        quarter: q,
        reported: current !== null,
        revision: current?.revision ?? null,
        receivedAt: current?.receivedAt ?? null,
        pendingConflict: mine.some((p) => p.pendingConflict),
      };
    });
    return { ...s, cells, missingQuarters: cells.filter((c) => !c.reported).map((c) => c.quarter) };
  });
}
