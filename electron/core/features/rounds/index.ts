/** What the rounds feature offers the other features and the doors; everything else is private to it. */
export { annualResults, getRoundResults, roundInputs } from './round-results.service';
export { roundRectifications } from './rectification.service';
export { exportScoringSheets } from './round-sheets.service';
export { loadStandardVersion, roundsOfKind, snapshotCommunities } from './round-sources';
export { roundsHandlers } from './rounds.handlers';
export {
  findRound,
  getRound,
  listRoundRows,
  roundCommunities,
  roundsOfYear,
  snapshotOf,
  titleOf,
  type RoundRow,
} from './rounds.repository';
export { loadEntries } from './scoring.repository';
export { loadLedger } from './deductions.repository';
export { getRoundDetail, preparedFor } from './round-queries.service';
export { adoptAttachmentFolder } from './attachments.service';
