/** What the planner feature offers the other features and the doors; everything else is private to it. */
export { plannerHandlers } from './planner.handlers';
export { listLineage, readNorms } from './planner.repository';
