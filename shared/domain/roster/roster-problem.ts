/** A problem found in an imported roster file, shown to the user and printed by the CLI. */
export interface RosterProblem {
  /** Errors reject the row; warnings are shown but the row is imported. */
  readonly severity: 'error' | 'warning';
  readonly sheet: string;
  /** Excel row number; null for a problem about the whole file or a whole community. */
  readonly row: number | null;
  /** Column header as written in the file (or the canonical name); null for row-level problems. */
  readonly column: string | null;
  /** The cell value as the user typed it (text); '' when not about one cell. */
  readonly value: string;
  /** Chinese, says what is wrong and what to do. */
  readonly message: string;
}

/** Orders problems by sheet order of appearance, row, then errors before warnings. */
export function compareProblems(a: RosterProblem, b: RosterProblem): number {
  const ra = a.row ?? Number.MAX_SAFE_INTEGER;
  const rb = b.row ?? Number.MAX_SAFE_INTEGER;
  if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
  if (ra !== rb) return ra - rb;
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return 0;
}
