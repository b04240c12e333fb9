/**
 * Keeps a long streaming read within bounded memory. While a 100,000-row file streams through,
 * the parser's short-lived objects outlive the young generation and V8 lets them pile up in the
 * old generation until the heap has grown several times the live data (measured: ~80 MB live,
 * ~300 MB heap). A full collection whenever the heap passes a limit keeps the peak near the live
 * size for a small cost (tens of milliseconds each, a handful per 100,000 rows).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { RowSink } from '../../../../shared/domain/roster/sheet-cell';

let collect: (() => void) | null | undefined;

/** V8's full garbage collection, made available at run time; null where that is not possible. */
function fullCollection(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const fn: unknown = vm.runInNewContext('gc');
      collect = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** One full collection now (e.g. between reading a large file and writing it); no-op where unavailable. */
export function collectGarbageNow(): void {
  fullCollection()?.();
}

/**
 * Wraps a row sink so that, every `checkEvery` rows, a full collection runs if the heap has grown
 * past `heapLimitMb` (small files never pay for it).
 */
export function pacedSink(sink: RowSink, heapLimitMb = 160, checkEvery = 5_000): RowSink {
  const gc = fullCollection();
  if (!gc) return sink;
  const limit = heapLimitMb * 1024 * 1024;
  let rows = 0;
  return {
    startSheet: (info) => sink.startSheet(info),
    endSheet: () => sink.endSheet(),
    row(row) {
      sink.row(row);
      rows += 1;
      if (rows % checkEvery === 0 && process.memoryUsage().heapUsed > limit) gc();
    },
  };
}
