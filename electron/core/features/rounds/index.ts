/** What the rounds feature offers the other features and the doors; everything else is private to it. */
export { annualResults, getRoundResults, roundInputs, roundRectifications } from './round-results.service';
export { exportScoringSheets } from './round-sheets.service';
export { loadStandardVersion, snapshotCommunities } from './round-sources';
export { roundsHandlers } from './rounds.handlers';
export { findRound, getRound, loadEntries, loadLedger, roundCommunities, snapshotOf, titleOf, type RoundRow } from './rounds.repository';
export { getRoundDetail, preparedFor } from './rounds.service';
