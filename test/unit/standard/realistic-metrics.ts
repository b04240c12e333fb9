/**
 * Roster metrics of a plausible community (about 2,900 households, 7 grids, 14 workers), matching
 * the figures in the seed report (grids of 300–500 households, ≥50 m² per 100 households target).
 */
export const REALISTIC_METRICS = {
  households: 2860,
  residents: 8120,
  facilityArea: 1180,
  hasPartyOrganization: 1,
  committeeCount: 7,
  residentsCommitteeCount: 7,
  committeeUnder35: 1,
  secretaryIsDirector: 1,
  crossServingCount: 2,
  cadresRegistered: 12,
  cadresReported: 11,
  groupCount: 18,
  groupsWithLeader: 17,
  yardCount: 42,
  yardsWithLeader: 38,
  gridCount: 7,
  gridsFiveLevel: 6,
  gridsWithin300to500: 5,
  gridsWithLeader: 7,
  gridsWithFullTimeWorker: 6,
  gridsWithPartTimeWorker: 5,
  workerCount: 14,
  workersGradeInvalid: 1,
  workersCollegeOrAbove: 11,
  workersCertified: 3,
} satisfies Record<string, number>;
