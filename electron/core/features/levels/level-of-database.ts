import { mainKind, type UnitKind } from '../../../../shared/domain/levels/levels';
import type { DbOrTrx } from '../../platform/db/schema';
import { getUnitSettings } from '../settings/index';

/** The kind this database's level appraises first (社区 for a 街道, 街道 for a 县区, 县区 for a 市). */
export async function appraisedMainKind(db: DbOrTrx): Promise<UnitKind> {
  return mainKind((await getUnitSettings(db)).level);
}
