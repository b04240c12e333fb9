/** What was received: the package list and the reporting matrix (who reported which quarter). */
import { reportingMatrix } from '../../../../shared/domain/exchange/reporting-matrix';
import { mergedReportsOf } from '../../../../shared/domain/exchange/merged-reports';
import { packagePayloadSchema } from '../../../../shared/domain/exchange/package-format';
import type { ReceivedPackageDto, ReportingMatrixDto } from '../../../../shared/ipc/channels/exchange.channels';
import type { AppContext } from '../../app-context';
import type { DbOrTrx } from '../../platform/db/schema';
import { listPackages, listSenders, unitCounts, type PackageRow } from './exchange.repository';

export function toPackageDto(r: PackageRow, units: number): ReceivedPackageDto {
  return {
    id: r.id,
    sourceLevel: r.source_level,
    sourceCode: r.source_code,
    sourceName: r.source_name,
    round: r.round_id,
    revision: r.revision,
    sha256: r.sha256,
    status: r.status as ReceivedPackageDto['status'],
    units,
    finalizedAt: r.finalized_at,
    receivedAt: r.received_at,
    receivedBy: r.received_by,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    ...mergedReportsOf(packagePayloadSchema.parse(JSON.parse(r.payload_json))),
  };
}

export async function receivedPackages(db: DbOrTrx, filter: { roundId?: string; year?: number }): Promise<ReceivedPackageDto[]> {
  const rows = await listPackages(db, filter);
  const counts = await unitCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toPackageDto(r, counts.get(r.id) ?? 0));
}

/**
 * The year's matrix: the trusted senders (expected) by quarter. Quarters count up to the current
 * one for the current year, all four for past years.
 */
export async function reportingMatrixOf(app: AppContext, year: number): Promise<ReportingMatrixDto> {
  const now = app.now();
  const lastQuarter = year < now.getFullYear() ? 4 : year > now.getFullYear() ? 0 : Math.floor(now.getMonth() / 3) + 1;
  const quarters = [1, 2, 3, 4].filter((q) => q <= Math.max(lastQuarter, 1));
  const [senders, packages] = await Promise.all([listSenders(app.db), listPackages(app.db, { year })]);
  // A sender trusted under several keys (a reinstall) is one expected row.
  const expected = [...new Map(senders.map((s) => [s.code, { code: s.code, name: s.name, level: s.level }])).values()];
  const rows = reportingMatrix(
    expected,
    packages
      .filter((p) => p.status === 'current' || p.status === 'conflict')
      .map((p) => ({
        code: p.source_code,
        quarter: p.quarter,
        revision: p.revision,
        receivedAt: p.received_at,
        pendingConflict: p.status === 'conflict',
      })),
    quarters,
  );
  return { year, quarters, rows };
}
