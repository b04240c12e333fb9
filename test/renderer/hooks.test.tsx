import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { useAutosave } from '../../renderer/src/hooks/useAutosave';
import { useChannel } from '../../renderer/src/hooks/useChannel';
import { installFakeApi, Refused, removeFakeApi } from './fake-api';

afterEach(() => {
  cleanup();
  removeFakeApi();
});

/** A save job that records what it sent, refusing while `refuse` holds a message. */
function recorder() {
  const sent: string[] = [];
  const state = { refuse: null as string | null };
  const job = (value: string) => async () => {
    sent.push(value);
    await Promise.resolve();
    if (state.refuse) throw new Refused('LOCKED', state.refuse);
  };
  return { sent, state, job };
}

describe('useAutosave', () => {
  it('keeps only the newest waiting value per key and sends it after the delay', async () => {
    const { sent, job } = recorder();
    const { result } = renderHook(() => useAutosave({ delayMs: 50 }));
    expect(result.current.state).toBe('idle');
    act(() => {
      result.current.schedule('a', job('a1'));
      result.current.schedule('a', job('a2'));
      result.current.schedule('b', job('b1'));
    });
    expect(result.current.state).toBe('saving');
    expect(sent).toEqual([]);
    await waitFor(() => expect(result.current.state).toBe('saved'));
    expect(sent.sort()).toEqual(['a2', 'b1']);
    expect(result.current.message).toMatch(/^已自动保存 /);
  });

  it('flush sends at once; cancel drops; unmount sends what waits', () => {
    const { sent, job } = recorder();
    const { result, unmount } = renderHook(() => useAutosave({ delayMs: 10_000 }));
    act(() => {
      result.current.schedule('a', job('a'));
      result.current.schedule('b', job('b'));
      result.current.schedule('c', job('c'));
      result.current.flush('a');
      result.current.cancel('b');
    });
    expect(sent).toEqual(['a']);
    unmount();
    expect(sent).toEqual(['a', 'c']);
  });

  it('a failure shows its message, calls onFailure, and retry sends the failed values again', async () => {
    const { sent, state, job } = recorder();
    let failures = 0;
    const { result } = renderHook(() =>
      useAutosave({
        delayMs: 10,
        onFailure: () => {
          failures += 1;
        },
      }),
    );
    state.refuse = '已定稿，不能修改。';
    act(() => result.current.schedule('a', job('a')));
    await waitFor(() => expect(result.current.state).toBe('error'));
    expect(result.current.message).toBe('未保存：已定稿，不能修改。');
    expect(result.current.canRetry).toBe(true);
    expect(failures).toBe(1);

    state.refuse = null;
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.state).toBe('saved'));
    expect(sent).toEqual(['a', 'a']);
    expect(result.current.canRetry).toBe(false);
  });

  it('run sends waiting values before the action, and reports the action’s failure without throwing', async () => {
    const { sent, job } = recorder();
    const { result } = renderHook(() => useAutosave({ delayMs: 10_000 }));
    act(() => result.current.schedule('a', job('a')));
    await act(() =>
      result.current.run(async () => {
        sent.push('action');
        await Promise.resolve();
        throw new Refused('CONFLICT', '该扣分记录已被删除。');
      }),
    );
    expect(sent).toEqual(['a', 'action']);
    expect(result.current.state).toBe('error');
    expect(result.current.message).toBe('未保存：该扣分记录已被删除。');
    // An action is not retried by 重试: the user repeats it.
    expect(result.current.canRetry).toBe(false);
  });
});

describe('useChannel', () => {
  it('loads, reports a refusal with its message, and reloads on demand', async () => {
    let people = [{ username: 'li', displayName: '李娜', role: 'assessor' as const }];
    let refuse = true;
    const api = installFakeApi({
      'people:directory': () => {
        if (refuse) throw new Refused('FORBIDDEN', '您没有查看人员名单的权限。');
        return people;
      },
    });
    const { result } = renderHook(() => useChannel('people:directory', { role: 'assessor' }));
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.error).toBe('您没有查看人员名单的权限。');
    expect(result.current.data).toBeNull();

    refuse = false;
    await act(() => result.current.reload());
    expect(result.current.error).toBeNull();
    expect(result.current.data).toEqual(people);

    people = [...people, { username: 'wang', displayName: '王强', role: 'assessor' }];
    await act(() => result.current.reload());
    expect(result.current.data).toHaveLength(2);
    expect(api.callsTo('people:directory')).toEqual([{ role: 'assessor' }, { role: 'assessor' }, { role: 'assessor' }]);
  });

  it('loads again when the input changes (by value, not by identity) and waits on null', async () => {
    const api = installFakeApi({ 'rounds:annual': (input) => ({ year: input.year }) as never });
    const { result, rerender } = renderHook(
      ({ year }: { year: number | null }) => useChannel('rounds:annual', year === null ? null : { year }),
      {
        initialProps: { year: null as number | null },
      },
    );
    expect(result.current.loading).toBe(false);
    expect(api.calls).toEqual([]);
    rerender({ year: 2021 });
    await waitFor(() => expect(result.current.data).toEqual({ year: 2021 }));
    rerender({ year: 2021 });
    rerender({ year: 2022 });
    await waitFor(() => expect(result.current.data).toEqual({ year: 2022 }));
    expect(api.callsTo('rounds:annual')).toEqual([{ year: 2021 }, { year: 2022 }]);
  });

  it('when loads overlap, the latest answer wins', async () => {
    const answers: ((value: never) => void)[] = [];
    installFakeApi({ 'rounds:annual': () => new Promise((resolve) => answers.push(resolve)) });
    const { result, rerender } = renderHook(({ year }: { year: number }) => useChannel('rounds:annual', { year }), {
      initialProps: { year: 2021 },
    });
    rerender({ year: 2022 });
    await waitFor(() => expect(answers).toHaveLength(2));
    await act(async () => {
      answers[1]?.({ year: 2022 } as never);
      await Promise.resolve();
      answers[0]?.({ year: 2021 } as never);
      await Promise.resolve();
    });
    expect(result.current.data).toEqual({ year: 2022 });
    expect(result.current.loading).toBe(false);
  });
});
