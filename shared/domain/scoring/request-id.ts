import { z } from 'zod';

/**
 * Client id of one create action (a UUID in practice): the service stores it with the record and
 * answers a repeated request with the first record instead of creating another.
 */
export const requestIdSchema = z.string().trim().min(8, '请求编号过短').max(64, '请求编号过长');
