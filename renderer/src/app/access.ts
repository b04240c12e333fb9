import { useCallback } from 'react';
import { roleMayCall } from '../../../shared/ipc/access';
import type { ChannelName } from '../../../shared/ipc/contract';
import { useAuth } from '../features/auth/auth-context';

/** `can('rounds:create')`: whether the logged-in user's role may take that action (same rule as the main side). */
export function useCan(): (channel: ChannelName) => boolean {
  const role = useAuth().user?.role ?? 'viewer';
  return useCallback((channel: ChannelName) => roleMayCall(role, channel), [role]);
}
