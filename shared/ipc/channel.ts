import type { z } from 'zod';

/** Roles of the product. 管理员 / 考评员 / 审核人 / 查看. */
export const ROLES = ['admin', 'assessor', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  assessor: '考评员',
  reviewer: '审核人',
  viewer: '查看',
};

/** Everyone who is logged in. */
export const ALL_ROLES: readonly Role[] = ROLES;

/**
 * A channel of the one contract. `roles` is who may call it once logged in;
 * `'public'` channels (login, first-run setup, app info) need no session.
 * `writes` marks channels that change data (read-only roles are refused them).
 */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  roles: readonly Role[] | 'public';
  writes: boolean;
  summary: string;
}

export function defineChannel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}
