/**
 * Which kind of unit a new round appraises, with which standard, under which id. A 市 appraises two
 * kinds (县区 and 成员单位) and holds one round of each per quarter: the quarter's first round keeps
 * the plain id (2021Q3, as every round had before rounds had kinds, so existing ids and scripts keep
 * working), the second kind's round is suffixed with its kind (2021Q3-成员单位). */
import { AppError } from '../../../../shared/ipc/errors';
import { KINDS_OF_LEVEL, levelAppraises, mainKind, type UnitKind } from '../../../../shared/domain/levels/levels';
import { roundId } from '../../../../shared/domain/round/round-workflow';
import type { DbOrTrx } from '../../platform/db/schema';
import { unitLevel } from '../levels/index';
import { isPublishedVersion, latestPublishedVersion, roundKind } from './round-sources';
import { findRound, findRoundOfKind } from './rounds.repository';

/** The standard version and kind of a new round: from the version asked for, else the latest of the kind asked for. */
export async function standardForNewRound(
  db: DbOrTrx,
  input: { standardVersion?: number | undefined; kind?: UnitKind | undefined },
): Promise<{ version: number; kind: UnitKind }> {
  if (input.standardVersion !== undefined) {
    const version = input.standardVersion;
    if (!(await isPublishedVersion(db, version))) {
      throw new AppError('VALIDATION_FAILED', `考核标准第${version}版尚未发布（或不存在），不能用于考评。请先发布该版本，或选择其他版本。`);
    }
    const kind = await roundKind(db, version);
    if (input.kind && input.kind !== kind) {
      throw new AppError(
        'VALIDATION_FAILED',
        `考核标准第${version}版的考评对象是${kind}，不是${input.kind}。请选择考评${input.kind}的标准版本，或不指定考评对象。`,
      );
    }
    return { version, kind };
  }
  const level = await unitLevel(db);
  const kind = input.kind ?? mainKind(level);
  if (!levelAppraises(level, kind)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `本单位是${level}，考评${KINDS_OF_LEVEL[level].join('和')}，不考评${kind}。请在“单位设置”中检查层级。`,
    );
  }
  const version = await latestPublishedVersion(db, kind);
  if (version === null) {
    throw new AppError('VALIDATION_FAILED', `还没有已发布的${kind}考核标准。请先在“考核标准”中发布一个版本，再创建考评。`);
  }
  return { version, kind };
}

/** The id of a new round of `kind` in a quarter; CONFLICT when that quarter already has one. */
export async function newRoundId(db: DbOrTrx, year: number, quarter: number, kind: UnitKind): Promise<string> {
  const existing = await findRoundOfKind(db, year, quarter, kind);
  if (existing) throw new AppError('CONFLICT', `${year}年第${quarter}季度的考评（${existing.id}）已经存在。请在列表中打开它。`);
  const plain = roundId(year, quarter);
  if (!(await findRound(db, plain))) return plain;
  const suffixed = roundId(year, quarter, kind);
  if (await findRound(db, suffixed))
    throw new AppError('CONFLICT', `${year}年第${quarter}季度的考评（${suffixed}）已经存在。请在列表中打开它。`);
  return suffixed;
}
