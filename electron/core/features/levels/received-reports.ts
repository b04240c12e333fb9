/**
 * The reports this database received for a round (the packages in force), as the levels feature
 * reads them. The exchange feature stores them; until its branch is merged this seam returns none.
 */
import type { ReceivedUnitFacts } from '../../../../shared/domain/levels/level-metrics';
import type { DbOrTrx } from '../../platform/db/schema';

export interface ReceivedReportRow {
  sourceCode: string;
  sourceName: string;
  sourceLevel: string;
  revision: number;
  receivedAt: string;
  units: (ReceivedUnitFacts & { name: string })[];
}

export async function receivedReports(_db: DbOrTrx, _roundId: string): Promise<ReceivedReportRow[]> {
  return [];
}

/** The senders this database trusts (name, code, level). */
export async function trustedSenders(_db: DbOrTrx): Promise<{ name: string; code: string; level: string }[]> {
  return [];
}
