/**
 * The one contract: every channel of every feature, with input/output schemas and roles.
 * Electron main, the browser host and the CLI all dispatch through it.
 * Each feature keeps its channels in channels/<feature>.channels.ts; add one spread line here.
 */
import type { z } from 'zod';
import type { ChannelDef } from './channel';
import { settingsChannels } from './channels/settings.channels';
import { jobsChannels } from './channels/jobs.channels';
import { filesChannels } from './channels/files.channels';
import { auditChannels } from './channels/audit.channels';
import { authChannels } from './channels/auth.channels';
import { backupChannels } from './channels/backup.channels';
import { standardChannels } from './channels/standard.channels';
import { roundsChannels } from './channels/rounds.channels';
import { auditTrailChannels } from './channels/audit-trail.channels';
import { reportChannels } from './channels/report.channels';
import { rosterChannels } from './channels/roster.channels';
import { plannerChannels } from './channels/planner.channels';
import { deskChannels } from './channels/desk.channels';
import { levelsChannels } from './channels/levels.channels';
import { exchangeChannels } from './channels/exchange.channels';
import { databaseChannels } from './channels/database.channels';

export const contract = {
  ...rosterChannels,
  ...settingsChannels,
  ...jobsChannels,
  ...filesChannels,
  ...auditChannels,
  ...authChannels,
  ...backupChannels,
  ...standardChannels,
  ...roundsChannels,
  ...auditTrailChannels,
  ...reportChannels,
  ...plannerChannels,
  ...deskChannels,
  ...levelsChannels,
  ...exchangeChannels,
  ...databaseChannels,
} satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
