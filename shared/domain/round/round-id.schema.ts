import { z } from 'zod';
import { ROUND_ID_SOURCE } from './round-workflow';

/**
 * A round id as the channels accept it: 2021Q3, or 2021Q3-成员单位 for the round of a 市's second
 * kind in that quarter (round-workflow.roundId).
 */
export const roundIdSchema = z
  .string()
  .trim()
  .regex(new RegExp(`^${ROUND_ID_SOURCE}$`), '考评轮次编号应形如 2021Q3（市的成员单位考评如 2021Q3-成员单位）');
