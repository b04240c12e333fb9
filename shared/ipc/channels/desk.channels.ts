/**
 * Each role's desk: the home dashboard in one call, and the directory of people (login name → 姓名)
 * that user pickers and every screen people read use, so one person has one identity everywhere.
 */
import { z } from 'zod';
import { ALL_ROLES, ROLES, defineChannel } from '../channel';
import { ROUND_STATES, FORM_STATUSES } from '../../domain/round/round-workflow';
import { unitKindSchema } from '../../domain/levels/levels';

export const personSchema = z.object({ username: z.string(), displayName: z.string(), role: z.enum(ROLES) });
export type PersonDto = z.infer<typeof personSchema>;

const roundHeadSchema = z.object({
  id: z.string(),
  title: z.string(),
  state: z.enum(ROUND_STATES),
  stateLabel: z.string(),
  standardVersion: z.number().int(),
  /** What the round appraises: 社区, or 街道 / 县区 / 成员单位 at a 县区 or 市. */
  kind: unitKindSchema,
  communityCount: z.number().int(),
  completeCount: z.number().int(),
  /** Last day of the quarter (ISO day): the scoring is due by then. */
  dueDate: z.string(),
  finalizedAt: z.string().nullable(),
});
export type RoundHeadDto = z.infer<typeof roundHeadSchema>;

const myCommunitySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(FORM_STATUSES),
  statusLabel: z.string(),
  /** Categories assigned to me (codes with titles); empty = the whole form. */
  categories: z.array(z.object({ code: z.string(), title: z.string() })),
  scored: z.number().int(),
  total: z.number().int(),
  /** Deduction items with neither a recorded 扣分 nor a confirmed score yet. */
  unconfirmedDeductions: z.number().int(),
  editable: z.boolean(),
});

const rectificationDueSchema = z.object({
  communityName: z.string(),
  itemCode: z.string(),
  text: z.string(),
  fromRound: z.string(),
  dueDate: z.string(),
});

export const dashboardSchema = z.object({
  role: z.enum(ROLES),
  /** The round being worked on (newest not finalized), or null. */
  round: roundHeadSchema.nullable(),
  assessor: z.object({ communities: z.array(myCommunitySchema), assignedEverything: z.boolean() }).nullable(),
  reviewer: z
    .object({
      /** Communities whose forms wait for review. */
      toReview: z.array(z.object({ id: z.number().int(), name: z.string() })),
      readyToPublish: z.boolean(),
      openAppeals: z.array(
        z.object({ id: z.number().int(), communityName: z.string(), itemCode: z.string().nullable(), claim: z.string() }),
      ),
      overdueRectifications: z.array(rectificationDueSchema),
    })
    .nullable(),
  admin: z
    .object({
      matrix: z.array(
        z.object({
          id: z.number().int(),
          name: z.string(),
          statusLabel: z.string(),
          scored: z.number().int(),
          total: z.number().int(),
          assessors: z.array(z.string()),
        }),
      ),
      roster: z.object({
        communities: z.number().int(),
        /** Communities lacking a roster (names of the missing rosters). */
        missing: z.array(z.object({ name: z.string(), rosters: z.array(z.string()) })),
        /** Communities whose rosters were last changed before the open quarter began. */
        stale: z.array(z.object({ name: z.string(), updatedAt: z.string() })),
        lastImports: z.array(
          z.object({
            id: z.number().int(),
            rosterLabel: z.string(),
            fileName: z.string(),
            createdAt: z.string(),
            rejected: z.number().int(),
            warnings: z.number().int(),
            undone: z.boolean(),
          }),
        ),
      }),
      backup: z.object({ name: z.string(), createdAt: z.string(), ageDays: z.number().int() }).nullable(),
      audit: z.object({ ok: z.boolean(), entries: z.number().int(), message: z.string() }),
      assessorsWithoutAssignment: z.boolean(),
    })
    .nullable(),
  /** Published and finalized rounds, newest first (everyone sees these; 查看 mainly these). */
  published: z.array(roundHeadSchema),
});
export type DashboardDto = z.infer<typeof dashboardSchema>;

export const auditNamesSchema = z.object({
  communities: z.array(z.object({ id: z.number().int(), name: z.string() })),
  items: z.array(z.object({ code: z.string(), title: z.string() })),
  people: z.array(personSchema),
});
export type AuditNamesDto = z.infer<typeof auditNamesSchema>;

export const deskChannels = {
  /** Everything the logged-in user's home page shows, for their role. */
  'home:dashboard': defineChannel({
    input: z.object({}).strict(),
    output: dashboardSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '首页待办',
  }),
  /** Active accounts with their 姓名 (optionally of one role): for pickers and for showing names. */
  'people:directory': defineChannel({
    input: z.object({ role: z.enum(ROLES).optional() }).strict(),
    output: z.array(personSchema),
    roles: ALL_ROLES,
    writes: false,
    summary: '人员名单',
  }),
  /** Names for reading the 操作日志 in plain Chinese (communities, items, people's 姓名). */
  'audit:names': defineChannel({
    input: z.object({}).strict(),
    output: auditNamesSchema,
    roles: ['admin', 'reviewer'],
    writes: false,
    summary: '操作日志名称',
  }),
};
