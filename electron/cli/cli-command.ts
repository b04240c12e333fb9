import type { ChannelName, ChannelOutput, ChannelInput } from '../../shared/ipc/contract';
import type { RequestContext } from '../core/app-context';
import type { ParsedArgs } from '../core/platform/cli-args';

export interface CliIo {
  ctx: RequestContext;
  /** Positionals after the command words, and the options. */
  args: ParsedArgs;
  json: boolean;
  /** Print a result: JSON with --json, the text otherwise. */
  print(value: unknown, text: string): void;
  /** Call a contract channel; throws AppError on failure (the CLI prints it and sets the exit code). */
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** A string option, or undefined. */
  option(name: string): string | undefined;
}

export interface CliCommand {
  /** The command words, e.g. ['settings', 'set']. */
  words: string[];
  summary: string;
  /** Shown by --help, after `npm run cli --`. */
  usage: string;
  booleanFlags?: string[];
  /** --user names the command's subject (an account), not the account to act as. */
  ownsUserOption?: boolean;
  /** Returns the exit code. */
  run(io: CliIo): Promise<number>;
}
