import type { ChannelName, ChannelOutput, ChannelInput } from '../../shared/ipc/contract';
import type { ParsedArgs } from '../core/platform/cli-args';
import type { StagedFile } from '../../shared/ipc/channels/files.channels';

export interface CliIo {
  /** Positionals after the command words, and the options. */
  args: ParsedArgs;
  json: boolean;
  /** Print a result: JSON with --json, the text otherwise. */
  print(value: unknown, text: string): void;
  /** Call a contract channel; throws AppError on failure (the CLI prints it and sets the exit code). */
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** A string option, or undefined. */
  option(name: string): string | undefined;
  /** The door's way in for a file named on the command line: stage it (a handler then reads it by id). */
  stage(file: string): StagedFile;
  /**
   * The door's way out for a handler's staged output: copy it to `out` (its folder is created) and
   * release the staged copy. With `overwrite: false` an existing file is refused (CONFLICT).
   */
  deliver(fileId: string, out: string, options?: { overwrite?: boolean }): void;
  /** Wait for a background job a channel started; its result, or its error rethrown with its code. */
  finish(jobId: string): Promise<unknown>;
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
