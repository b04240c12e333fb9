import { z } from 'zod';
import { ALL_ROLES, ROLES, defineChannel } from '../channel';
import { isCommonPassword } from '../../domain/accounts/common-passwords';

/** Login names: letters, digits, 汉字, `_ . -`; compared case-insensitively. */
export const usernameSchema = z
  .string()
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(32, '用户名不能超过 32 个字符')
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fff]+$/, '用户名只能包含字母、数字、汉字和 _ . -');

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, '请填写姓名')
  .max(40, '姓名不能超过 40 个字')
  .refine((v) => !/[\u0000-\u001f<>]/.test(v), '姓名含有不允许的字符');

/** At least 8 characters with a letter and a digit; long passphrases are welcome. */
export const passwordSchema = z
  .string()
  .min(8, '密码至少 8 位')
  .max(128, '密码不能超过 128 位')
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), '密码需同时包含字母和数字')
  .refine((v) => !isCommonPassword(v), '该密码过于常见，很容易被猜中，请换一个不常见的密码');

/** What was typed at login: no policy (old passwords stay valid), only a sane length. */
const typedPassword = z.string().min(1, '请输入密码').max(128, '密码不能超过 128 位');

export const roleSchema = z.enum(ROLES);

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  /** Locked after too many wrong passwords, until this time (ISO), else null. */
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;

export const sessionResultSchema = z.object({ sessionToken: z.string(), user: userSchema });
export type SessionResult = z.infer<typeof sessionResultSchema>;

const userId = z
  .number()
  .int()
  .positive()
  .max(2 ** 31);

/**
 * Accounts and sessions. `writes` marks changes to shared data; logging in, logging out and
 * changing one's own password touch only the caller's own account, so a 查看 user may do them.
 */
export const authChannels = {
  /** Whether the first administrator still has to be created, and who is logged in (if anyone). */
  'auth:status': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ needsSetup: z.boolean(), user: userSchema.nullable() }),
    roles: 'public',
    writes: false,
    summary: '登录状态',
  }),
  /** First run only: create the administrator and log in. Refused once any account exists. */
  'auth:setup': defineChannel({
    input: z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema }).strict(),
    output: sessionResultSchema,
    roles: 'public',
    writes: true,
    summary: '创建管理员',
  }),
  /** Log in; 5 wrong passwords lock the account for 5 minutes. */
  'auth:login': defineChannel({
    input: z
      .object({ username: z.string().trim().min(1, '请输入用户名').max(32, '用户名不能超过 32 个字符'), password: typedPassword })
      .strict(),
    output: sessionResultSchema,
    roles: 'public',
    writes: false,
    summary: '登录',
  }),
  /** End this session. */
  'auth:logout': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ loggedOut: z.boolean() }),
    roles: ALL_ROLES,
    writes: false,
    summary: '退出登录',
  }),
  /** The logged-in user. */
  'auth:me': defineChannel({
    input: z.object({}).strict(),
    output: userSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '当前用户',
  }),
  /** Change one's own password (needs the current one); other sessions of the user end. */
  'auth:changePassword': defineChannel({
    input: z.object({ currentPassword: typedPassword, newPassword: passwordSchema }).strict(),
    output: userSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '修改密码',
  }),
  /** Every account, for 用户管理. */
  'users:list': defineChannel({
    input: z.object({}).strict(),
    output: z.array(userSchema),
    roles: ['admin'],
    writes: false,
    summary: '查看用户',
  }),
  /** A new account with a first password the user must change at first login. */
  'users:create': defineChannel({
    input: z.object({ username: usernameSchema, displayName: displayNameSchema, role: roleSchema, password: passwordSchema }).strict(),
    output: userSchema,
    roles: ['admin'],
    writes: true,
    summary: '新建用户',
  }),
  /** Change a user's name or role. The last active administrator cannot be demoted. */
  'users:update': defineChannel({
    input: z.object({ id: userId, displayName: displayNameSchema.optional(), role: roleSchema.optional() }).strict(),
    output: userSchema,
    roles: ['admin'],
    writes: true,
    summary: '修改用户',
  }),
  /** Set a new password (the user must change it at next login); also unlocks the account. */
  'users:resetPassword': defineChannel({
    input: z.object({ id: userId, newPassword: passwordSchema }).strict(),
    output: userSchema,
    roles: ['admin'],
    writes: true,
    summary: '重置密码',
  }),
  /** Disable (or re-enable) an account; a disabled user's sessions end at once. */
  'users:disable': defineChannel({
    input: z.object({ id: userId, disabled: z.boolean() }).strict(),
    output: userSchema,
    roles: ['admin'],
    writes: true,
    summary: '停用用户',
  }),
};
