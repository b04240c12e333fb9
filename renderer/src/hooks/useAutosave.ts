import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../api/client';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

export interface Autosave {
  /** saving while anything waits or runs; error while a failure is unresolved; else saved/idle. */
  state: SaveState;
  /** The line shown next to the state: when it was last saved, or why it was not. */
  message: string;
  /** True when a failed typed value can be sent again with `retry`. */
  canRetry: boolean;
  /** Save `key`'s value `delayMs` after the last call for that key (a newer value replaces a waiting one). */
  schedule: (key: string, job: () => Promise<void>) => void;
  /** Drop what waits (or failed) for `key`: its value was refused before being sent. */
  cancel: (key: string) => void;
  /** Send `key`'s waiting value now (leaving the field, moving to the next one). */
  flush: (key: string) => void;
  /** An explicit action: waiting values go first, then `job` runs. Never throws; failures show in `message`. */
  run: (job: () => Promise<unknown>) => Promise<void>;
  /** Send the values whose save failed again. */
  retry: () => void;
}

export interface AutosaveOptions {
  delayMs?: number;
  /** After a failure, e.g. to show what is really stored (the round may have been locked elsewhere). */
  onFailure?: () => Promise<void> | void;
}

const timeText = () => new Date().toLocaleTimeString('zh-CN', { hour12: false });

/**
 * Debounced saving for a form that saves as the user types: one waiting save per key, saved when
 * typing stops, when the field is left, and when the component or page goes away. A failed save
 * keeps its job so that `retry` can send it again; the form keeps the typed text.
 */
export function useAutosave({ delayMs = 300, onFailure }: AutosaveOptions = {}): Autosave {
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const waiting = useRef(new Map<string, () => Promise<void>>());
  const failed = useRef(new Map<string, () => Promise<void>>());
  const running = useRef(0);
  const lastError = useRef<string | null>(null);
  const savedAt = useRef<string | null>(null);
  const [view, setView] = useState<{ state: SaveState; message: string; canRetry: boolean }>({
    state: 'idle',
    message: '',
    canRetry: false,
  });
  const failureHook = useRef(onFailure);
  useEffect(() => {
    failureHook.current = onFailure;
  }, [onFailure]);

  const show = useCallback(() => {
    const canRetry = failed.current.size > 0;
    if (waiting.current.size > 0 || running.current > 0) setView({ state: 'saving', message: '', canRetry });
    else if (lastError.current !== null) setView({ state: 'error', message: `未保存：${lastError.current}`, canRetry });
    else if (savedAt.current !== null) setView({ state: 'saved', message: `已自动保存 ${savedAt.current}`, canRetry });
    else setView({ state: 'idle', message: '', canRetry });
  }, []);

  /** Runs one save; `key` is set for a typed value (kept for retry when it fails). */
  const execute = useCallback(
    async (key: string | null, job: () => Promise<void>) => {
      running.current += 1;
      show();
      let failure = false;
      try {
        await job();
        if (key !== null) failed.current.delete(key);
        if (failed.current.size === 0) lastError.current = null;
        savedAt.current = timeText();
      } catch (e) {
        failure = true;
        if (key !== null) failed.current.set(key, job);
        lastError.current = errorText(e);
      } finally {
        running.current -= 1;
      }
      if (failure) await failureHook.current?.();
      show();
    },
    [show],
  );

  const flush = useCallback(
    (key: string) => {
      const timer = timers.current.get(key);
      if (timer) clearTimeout(timer);
      timers.current.delete(key);
      const job = waiting.current.get(key);
      waiting.current.delete(key);
      if (job) void execute(key, job);
    },
    [execute],
  );

  const flushAll = useCallback(() => [...waiting.current.keys()].forEach(flush), [flush]);

  const schedule = useCallback(
    (key: string, job: () => Promise<void>) => {
      const timer = timers.current.get(key);
      if (timer) clearTimeout(timer);
      waiting.current.set(key, job);
      failed.current.delete(key);
      timers.current.set(
        key,
        setTimeout(() => flush(key), delayMs),
      );
      show();
    },
    [delayMs, flush, show],
  );

  const cancel = useCallback(
    (key: string) => {
      const timer = timers.current.get(key);
      if (timer) clearTimeout(timer);
      timers.current.delete(key);
      waiting.current.delete(key);
      if (failed.current.delete(key) && failed.current.size === 0) lastError.current = null;
      show();
    },
    [show],
  );

  const run = useCallback(
    async (job: () => Promise<unknown>) => {
      // Typed values still waiting go first, so a reload inside `job` includes them.
      flushAll();
      await execute(null, async () => {
        await job();
      });
    },
    [execute, flushAll],
  );

  const retry = useCallback(() => {
    const jobs = [...failed.current.entries()];
    failed.current.clear();
    lastError.current = null;
    for (const [key, job] of jobs) void execute(key, job);
  }, [execute]);

  // Save whatever waits when the page goes away or the form is left.
  useEffect(() => {
    window.addEventListener('pagehide', flushAll);
    return () => {
      window.removeEventListener('pagehide', flushAll);
      flushAll();
    };
  }, [flushAll]);

  return { ...view, schedule, cancel, flush, run, retry };
}
