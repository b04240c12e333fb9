import { useCallback, useMemo } from 'react';
import type { PersonDto } from '../../../shared/ipc/channels/desk.channels';
import type { Role } from '../../../shared/ipc/channel';
import { useChannel } from '../hooks/useChannel';

/**
 * The people of the app (active accounts) and `nameOf(login name)` → 姓名, so screens people read
 * name officials by 姓名. A name without an account (old data) is shown as recorded.
 */
export function usePeople(role?: Role): { people: PersonDto[] | null; nameOf: (username: string) => string } {
  const directory = useChannel('people:directory', role ? { role } : {});
  // Without the directory (refused, unreachable) names show as recorded.
  const people = useMemo(() => (directory.error ? [] : directory.data), [directory.error, directory.data]);
  const nameOf = useCallback(
    (username: string) => people?.find((p) => p.username.toLowerCase() === username.toLowerCase())?.displayName ?? username,
    [people],
  );
  return { people, nameOf };
}
