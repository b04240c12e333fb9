/** Public API of the pure scoring engine (all point amounts are integer tenths). */
export * from './score-entry.schema';
export { prepareStandard, asPrepared, type PreparedStandard, type PreparedItem } from './prepared-standard';
export { scoreItem, checkManualValue, checkDeduction, totalDeducted, type ItemScore, type ItemStatus } from './item-score';
export { scoreCommunity, type CommunityScore, type CategoryScore, type BonusScore, type AppliedVeto } from './community-score';
export {
  rankCommunities,
  gradeCommunities,
  bandIndexFor,
  quotaLimit,
  tieBreakLabel,
  type RankInput,
  type Ranked,
  type GradeInput,
  type Graded,
} from './ranking';
export {
  computeRoundResults,
  rankAndGrade,
  rankInputOf,
  bestAllowedBandForVetoes,
  type CommunityInput,
  type CommunityResult,
} from './round-results';
export { compareWithPrevious, type QuarterChange, type ItemMove } from './quarter-change';
export {
  rollUpAnnual,
  computeAnnualResults,
  type QuarterResult,
  type AnnualInput,
  type AnnualScore,
  type AnnualResult,
} from './annual-rollup';
export { whatIf, type WhatIfResult, type WhatIfRow, type WhatIfSide } from './what-if';
export {
  itemSpread,
  spreadReport,
  settleItem,
  meanTenths,
  medianTenths,
  trimmedMeanTenths,
  SETTLE_METHOD_LABELS,
  type AssessorValue,
  type ItemSpread,
  type SettleMethod,
} from './reconciliation';
export { rectificationsFrom, type RectificationItem } from './rectification';
