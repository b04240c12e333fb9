import { AppError } from '../../shared/ipc/errors';
import { canonicalRoundId } from '../../shared/domain/round/round-workflow';
import type { CliIo } from './cli-command';

/**
 * The round named by the first positional argument, canonical: 2021Q3, or 2021Q3-成员单位 for the
 * second kind a 市 appraises in a quarter.
 */
export function roundArg(io: CliIo, usage: string): string {
  const raw = io.args.positionals[0];
  const id = raw ? canonicalRoundId(raw) : undefined;
  if (!id)
    throw new AppError('INVALID_INPUT', `请指定考评轮次，如 2021Q3（市的成员单位考评如 2021Q3-成员单位）。用法：npm run cli -- ${usage}`);
  return id;
}
