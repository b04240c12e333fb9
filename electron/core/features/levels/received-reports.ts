/**
 * The reports this database received for a round (the packages in force, stored by the exchange
 * feature) and the senders it trusts, as the levels feature reads them.
 */
import type { ReceivedUnitFacts } from '../../../../shared/domain/levels/level-metrics';
import type { DbOrTrx } from '../../platform/db/schema';
import { receivedPayloads, senders } from '../exchange/index';

export interface ReceivedReportRow {
  sourceCode: string;
  sourceName: string;
  sourceLevel: string;
  revision: number;
  receivedAt: string;
  units: (ReceivedUnitFacts & { name: string })[];
}

export async function receivedReports(db: DbOrTrx, roundId: string): Promise<ReceivedReportRow[]> {
  const rows = await receivedPayloads(db, roundId);
  return rows.map((r) => ({
    sourceCode: r.sourceCode,
    sourceName: r.sourceName,
    sourceLevel: r.sourceLevel,
    revision: r.revision,
    receivedAt: r.receivedAt,
    units: r.payload.units,
  }));
}

/** The senders this database trusts (name, code, level). */
export async function trustedSenders(db: DbOrTrx): Promise<{ name: string; code: string; level: string }[]> {
  return (await senders(db)).map((s) => ({ name: s.name, code: s.code, level: s.level }));
}
