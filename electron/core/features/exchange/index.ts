/**
 * What the exchange feature offers the other features and the doors; everything else is private
 * to it. For the levels feature: `currentUnits` (the received units in force for a round, one row
 * each, totals in tenths), `receivedPayloads` (the whole payloads in force, typed), and the
 * repository's design note for the tables (exchange_packages / _units / _deductions / _cadres).
 */
export { exchangeHandlers } from './exchange.handlers';
export { exportRoundPackage, type ExportedPackage } from './exchange-export.service';
export { importPackage, type ImportResult } from './exchange-import.service';
export { ensureKeyPair, senders, sourceIdentity, trustSender } from './exchange-identity.service';
export { receivedPackages, reportingMatrixOf } from './exchange-status.service';
export { currentUnits, receivedPayloads } from './exchange.repository';
