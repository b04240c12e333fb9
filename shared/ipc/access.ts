/**
 * Whether a role may use a channel: the rule the dispatcher enforces in the main process, shared
 * so the UI offers exactly the actions a role can take (and no button leads to a refusal).
 */
import type { Role } from './channel';
import { contract, type ChannelName } from './contract';

export function roleMayCall(role: Role, channel: ChannelName): boolean {
  const def = contract[channel];
  // 查看 is read-only whatever a channel declares: a mistake in one declaration cannot open a write.
  if (def.writes && role === 'viewer') return false;
  return def.roles === 'public' || def.roles.includes(role);
}
