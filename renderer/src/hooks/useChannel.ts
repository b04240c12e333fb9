import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/ipc/contract';
import { call, errorText } from '../api/client';

export interface ChannelState<T> {
  /** The last value the channel returned (kept while a reload runs or after a failed one). */
  data: T | null;
  /** The Chinese message of the last failed load; cleared by the next successful one. */
  error: string | null;
  loading: boolean;
  /** Load again (after a write elsewhere on the page). Resolves once the answer is applied. */
  reload: () => Promise<void>;
  /** Replace the value with one a write returned, without asking again. */
  setData: (value: T) => void;
}

/**
 * A contract channel's value for a component: loaded on mount and whenever the input changes (compared
 * by value, so an inline object literal is fine). `null` as input waits, e.g. until a choice is made.
 * When loads overlap, the answer to the latest one wins.
 */
export function useChannel<C extends ChannelName>(channel: C, input: ChannelInput<C> | null): ChannelState<ChannelOutput<C>> {
  const key = input === null ? null : JSON.stringify(input);
  const [data, setData] = useState<ChannelOutput<C> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(key !== null);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (key === null) return;
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const value = await call(channel, JSON.parse(key) as ChannelInput<C>);
      if (ticket !== latest.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (ticket === latest.current) setError(errorText(e));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [channel, key]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, loading, reload, setData };
}
