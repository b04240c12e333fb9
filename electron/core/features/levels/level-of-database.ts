import { mainKind, type Level, type UnitKind } from '../../../../shared/domain/levels/levels';
import type { DbOrTrx } from '../../platform/db/schema';
import { getUnitSettings } from '../settings/index';

/** The level this database's unit belongs to (街道 by default). */
export async function unitLevel(db: DbOrTrx): Promise<Level> {
  return (await getUnitSettings(db)).level;
}

/** The kind this database's level appraises first (社区 for a 街道, 街道 for a 县区, 县区 for a 市). */
export async function appraisedMainKind(db: DbOrTrx): Promise<UnitKind> {
  return mainKind(await unitLevel(db));
}
