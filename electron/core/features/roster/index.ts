/** What the roster feature offers the other features and the doors; everything else is private to it. */
export { displayNames, peopleDirectory } from './people.repository';
export { rosterHandlers } from './roster.handlers';
export { gridCodeKey } from './roster-rows';
export { getRosterMetrics, listCommunities, validationToday } from './roster.service';
