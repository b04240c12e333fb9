import fs from 'node:fs';
import { AppError } from '../../../../shared/ipc/errors';
import type { HandlerMap } from '../../handler';
import { actorName } from '../../app-context';
import { ensureKeyPair, senders, sourceIdentity, trustSender, untrustSender } from './exchange-identity.service';
import { exportRoundPackage } from './exchange-export.service';
import { importPackage, resolveConflict } from './exchange-import.service';
import { receivedPackages, reportingMatrixOf, toPackageDto } from './exchange-status.service';
import { MAX_PACKAGE_BYTES } from './package-zip';
import { unitCounts } from './exchange.repository';

/** The staged package's bytes; an oversized file is refused before it is read. */
function readStagedPackage(path: string): Buffer {
  const size = fs.statSync(path).size;
  if (size > MAX_PACKAGE_BYTES) throw new AppError('INVALID_FILE', '该文件过大，不是有效的考评数据包（.cadx）。');
  return fs.readFileSync(path);
}

export const exchangeHandlers: HandlerMap<
  | 'exchange:key'
  | 'exchange:senders'
  | 'exchange:trust'
  | 'exchange:untrust'
  | 'exchange:export'
  | 'exchange:import'
  | 'exchange:packages'
  | 'exchange:resolveConflict'
  | 'exchange:matrix'
> = {
  'exchange:key': async ({ app, actor }) => {
    const key = await ensureKeyPair(app, actorName(actor));
    const source = await sourceIdentity(app.db).catch(() => null);
    return { fingerprint: key.fingerprint, createdAt: key.createdAt, source };
  },
  'exchange:senders': async ({ app }) => senders(app.db),
  'exchange:trust': async ({ app, actor }, input) => trustSender(app, actorName(actor), input),
  'exchange:untrust': async ({ app, actor }, { fingerprint }) => untrustSender(app, actorName(actor), fingerprint),
  'exchange:export': async ({ app, actor }, { roundId }) => {
    const pkg = await exportRoundPackage(app, actorName(actor), roundId);
    const out = app.files.createOutput(pkg.name);
    fs.writeFileSync(out.path, pkg.bytes);
    return { fileId: out.fileId, name: pkg.name, round: pkg.round, revision: pkg.revision, sha256: pkg.sha256, units: pkg.units };
  },
  'exchange:import': async ({ app, actor }, { fileId, dryRun }) =>
    importPackage(app, actorName(actor), readStagedPackage(app.files.resolve(fileId).path), { dryRun }),
  'exchange:packages': async ({ app }, filter) => receivedPackages(app.db, filter),
  'exchange:resolveConflict': async ({ app, actor }, { packageId, decision, reason }) => {
    const row = await resolveConflict(app, actorName(actor), packageId, decision, reason);
    return toPackageDto(row, (await unitCounts(app.db, [row.id])).get(row.id) ?? 0);
  },
  'exchange:matrix': async ({ app }, { year }) => reportingMatrixOf(app, year),
};
