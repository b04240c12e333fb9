/** What the levels feature offers the other features and the doors; everything else is private to it. */
export { levelsHandlers } from './levels.handlers';
export { listAppraisedUnits, snapshotUnits } from './unit-snapshot.service';
export { appraisedMainKind, unitLevel } from './level-of-database';
export { listUnits, unitsFromSenders } from './units.service';
