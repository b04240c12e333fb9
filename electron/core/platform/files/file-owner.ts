/**
 * Who a staged file belongs to. Every request runs inside `runAsOwner` (the dispatcher sets it),
 * so staging and resolving files inside handlers — and the jobs they start — know the caller
 * without each handler passing it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ChannelName } from '../../../../shared/ipc/contract';
import { contract } from '../../../../shared/ipc/contract';
import type { Role } from '../../../../shared/ipc/channel';
import type { Actor } from '../../app-context';

const scope = new AsyncLocalStorage<string | null>();

/** A stable key for the account (the command line's local administrator has no id). */
export function ownerOf(actor: Actor | null): string | null {
  if (!actor) return null;
  return actor.userId !== null ? `user:${actor.userId}` : `local:${actor.username}`;
}

export function runAsOwner<T>(owner: string | null, fn: () => Promise<T>): Promise<T> {
  return scope.run(owner, fn);
}

/** The caller of the current request; undefined outside any request (in-process code, the CLI). */
export function currentOwner(): string | null | undefined {
  return scope.getStore();
}

/** The channels that read an uploaded file: whoever may use one of them may upload. */
const READS_UPLOADS: readonly ChannelName[] = [
  'roster:analyze',
  'roster:import',
  'rounds:importSheets',
  'standard:import',
  'backup:restore',
  'exchange:import',
];

export function mayUpload(role: Role): boolean {
  return READS_UPLOADS.some((channel) => {
    const def = contract[channel];
    return def.roles !== 'public' && def.roles.includes(role) && !(def.writes && role === 'viewer');
  });
}
