import { z } from 'zod';
import { ALL_ROLES, defineChannel } from '../channel';
import { ROSTER_TYPES } from '../../domain/roster/roster-columns';
import { postGradeTableSchema } from '../../domain/roster/post-grade';
import { importProblemSchema, type ImportProblem } from '../../domain/problems';

export const rosterTypeSchema = z.enum(ROSTER_TYPES);
export const sheetKeySchema = z.enum(['main', 'groups']);

/** A roster file's problems are the one import-problem shape (shared/domain/problems.ts). */
export type RosterProblemDto = ImportProblem;

export const cellValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type CellValueDto = z.infer<typeof cellValueSchema>;

export const rosterRecordSchema = z.object({
  id: z.number().int(),
  communityId: z.number().int().nullable(),
  values: z.record(z.string(), cellValueSchema),
});
export type RosterRecordDto = z.infer<typeof rosterRecordSchema>;

export const jobStartedSchema = z.object({ jobId: z.string() });

/** Column key -> 0-based column index, per sheet key. */
export const mappingsSchema = z.object({
  main: z.record(z.string().max(40), z.number().int().min(0).max(16383)).optional(),
  groups: z.record(z.string().max(40), z.number().int().min(0).max(16383)).optional(),
});
export type MappingsDto = z.infer<typeof mappingsSchema>;

export const analyzedSheetSchema = z.object({
  sheetKey: sheetKeySchema,
  sheetLabel: z.string(),
  sheetName: z.string(),
  headerRow: z.number().int(),
  groupRow: z.number().int().nullable(),
  /** Rows below the header (before blank/合计/注 rows are skipped). */
  rowsBelowHeader: z.number().int(),
  columns: z.array(
    z.object({
      index: z.number().int(),
      letter: z.string(),
      header: z.string(),
      key: z.string().nullable(),
      samples: z.array(z.string()),
    }),
  ),
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean(), hint: z.string() })),
  missingRequired: z.array(z.string()),
});
export type AnalyzedSheetDto = z.infer<typeof analyzedSheetSchema>;

/** Result of the analyze job: what was found in the file and the proposed mapping. */
export const rosterAnalysisSchema = z.object({
  analysisId: z.string(),
  roster: rosterTypeSchema,
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  sheetNames: z.array(z.string()),
  sheets: z.array(analyzedSheetSchema),
});
export type RosterAnalysisDto = z.infer<typeof rosterAnalysisSchema>;

export const diffEntrySchema = z.object({
  sheet: z.string(),
  row: z.number().int(),
  label: z.string(),
  kind: z.enum(['new', 'changed']),
  fields: z.array(z.string()),
});

export const missingEntrySchema = z.object({ id: z.number().int(), label: z.string(), community: z.string().nullable() });

/** Result of the preview job: validation and the diff against current data. */
export const rosterPreviewSchema = z.object({
  analysisId: z.string(),
  roster: rosterTypeSchema,
  fileName: z.string(),
  rows: z.number().int(),
  valid: z.number().int(),
  rejected: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  skipped: z.object({ blank: z.number().int(), total: z.number().int(), note: z.number().int(), header: z.number().int() }),
  problems: z.array(importProblemSchema),
  omittedProblems: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  missing: z.number().int(),
  changes: z.array(diffEntrySchema),
  missingList: z.array(missingEntrySchema),
  /** Whether commit would write anything (false in strict mode with errors, or with no valid rows). */
  canCommit: z.boolean(),
  blockedReason: z.string().nullable(),
});
export type RosterPreviewDto = z.infer<typeof rosterPreviewSchema>;

/** Result of an import (the CLI prints exactly these fields, plus batchId). */
export const rosterImportResultSchema = z.object({
  roster: rosterTypeSchema,
  file: z.string(),
  committed: z.boolean(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  problems: z.array(importProblemSchema),
  batchId: z.number().int().nullable(),
  message: z.string(),
});
export type RosterImportResultDto = z.infer<typeof rosterImportResultSchema>;

export const importBatchSchema = z.object({
  id: z.number().int(),
  roster: rosterTypeSchema,
  fileName: z.string(),
  sheets: z.string(),
  actor: z.string(),
  createdAt: z.string(),
  status: z.enum(['committed', 'undone']),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  warnings: z.number().int(),
});
export type ImportBatchDto = z.infer<typeof importBatchSchema>;

export const communityOptionSchema = z.object({ id: z.number().int(), name: z.string(), street: z.string() });
export const gridOptionSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), communityId: z.number().int() });

export const rosterOverviewSchema = z.object({
  counts: z.record(rosterTypeSchema, z.number().int()),
  groupRows: z.number().int(),
  communities: z.array(communityOptionSchema),
  grids: z.array(gridOptionSchema),
});
export type RosterOverviewDto = z.infer<typeof rosterOverviewSchema>;

export const rosterListSchema = z.object({
  total: z.number().int(),
  /** Rows matching the search, per community (for the filter's counts). */
  perCommunity: z.array(z.object({ communityId: z.number().int().nullable(), count: z.number().int() })),
  rows: z.array(rosterRecordSchema),
  masked: z.boolean(),
});
export type RosterListDto = z.infer<typeof rosterListSchema>;

export const metricValueSchema = z.object({ key: z.string(), label: z.string(), unit: z.string(), value: z.number().nullable() });

export const communityDetailSchema = z.object({
  community: rosterRecordSchema,
  asOf: z.string(),
  metrics: z.array(metricValueSchema),
  grids: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      households: z.number().nullable(),
      within: z.boolean().nullable(),
      leader: z.string().nullable(),
    }),
  ),
  warnings: z.array(z.object({ metric: z.string(), message: z.string() })),
});
export type CommunityDetailDto = z.infer<typeof communityDetailSchema>;

export const stagedOutputSchema = z.object({ fileId: z.string(), name: z.string(), rows: z.number().int() });

const recordRef = { roster: rosterTypeSchema, sheet: sheetKeySchema.default('main'), id: z.number().int().min(1) };

export const rosterChannels = {
  /** Counts per roster, and the communities and grids for filters. */
  'roster:overview': defineChannel({
    input: z.object({}).strict(),
    output: rosterOverviewSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '名册概况',
  }),
  /** One page of a roster, with search and 社区/网格 filters. */
  'roster:list': defineChannel({
    input: z
      .object({
        roster: rosterTypeSchema,
        sheet: sheetKeySchema.default('main'),
        communityId: z.number().int().nullable().default(null),
        gridId: z.number().int().nullable().default(null),
        search: z.string().max(60).default(''),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: rosterListSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '查看名册',
  }),
  /** One record, unmasked, for the edit dialog. */
  'roster:get': defineChannel({
    input: z.object(recordRef).strict(),
    output: rosterRecordSchema,
    roles: ['admin'],
    writes: false,
    summary: '查看名册记录',
  }),
  /** Edit one record with the same validation as an import; returns the saved record or the problems. */
  'roster:update': defineChannel({
    input: z.object({ ...recordRef, values: z.record(z.string().max(40), cellValueSchema) }).strict(),
    output: z.object({ saved: z.boolean(), record: rosterRecordSchema.nullable(), problems: z.array(importProblemSchema) }),
    roles: ['admin'],
    writes: true,
    summary: '修改名册记录',
  }),
  /** Remove one record (a person's role, a grid without dependants, ...). */
  'roster:delete': defineChannel({
    input: z.object({ ...recordRef, reason: z.string().max(200).default('') }).strict(),
    output: z.object({ deleted: z.boolean() }),
    roles: ['admin'],
    writes: true,
    summary: '删除名册记录',
  }),
  /** A community with its derived figures and warnings. */
  'roster:community': defineChannel({
    input: z
      .object({
        communityId: z.number().int(),
        asOf: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
      })
      .strict(),
    output: communityDetailSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '社区详情',
  }),
  /** Read a staged file and propose the header and column mapping (background job; result: rosterAnalysisSchema). */
  'roster:analyze': defineChannel({
    input: z
      .object({ roster: rosterTypeSchema, fileId: z.string().min(1).max(80), sheetName: z.string().max(100).nullable().default(null) })
      .strict(),
    output: jobStartedSchema,
    roles: ['admin'],
    writes: false,
    summary: '读取名册文件',
  }),
  /** Validate with a (possibly adjusted) mapping and diff against current data (job; result: rosterPreviewSchema). */
  'roster:preview': defineChannel({
    input: z
      .object({ analysisId: z.string().min(1).max(80), mappings: mappingsSchema.default({}), strict: z.boolean().default(false) })
      .strict(),
    output: jobStartedSchema,
    roles: ['admin'],
    writes: false,
    summary: '校验名册',
  }),
  /** Write all valid rows in one transaction (job; result: rosterImportResultSchema). */
  'roster:commit': defineChannel({
    input: z
      .object({
        analysisId: z.string().min(1).max(80),
        mappings: mappingsSchema.default({}),
        strict: z.boolean().default(false),
        remember: z.boolean().default(true),
      })
      .strict(),
    output: jobStartedSchema,
    roles: ['admin'],
    writes: true,
    summary: '导入名册',
  }),
  /** Read, validate and (unless dryRun) commit in one go, with the automatic mapping (CLI). */
  'roster:import': defineChannel({
    input: z
      .object({
        roster: rosterTypeSchema,
        fileId: z.string().min(1).max(80),
        sheetName: z.string().max(100).nullable().default(null),
        strict: z.boolean().default(false),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    output: jobStartedSchema,
    roles: ['admin'],
    writes: true,
    summary: '导入名册',
  }),
  /** Import batches, newest first. */
  'roster:batches': defineChannel({
    input: z.object({ roster: rosterTypeSchema.nullable().default(null), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.array(importBatchSchema),
    roles: ALL_ROLES,
    writes: false,
    summary: '导入记录',
  }),
  /** Undo an import batch: delete what it created and restore what it changed. */
  'roster:undo': defineChannel({
    input: z.object({ batchId: z.number().int().min(1) }).strict(),
    output: importBatchSchema,
    roles: ['admin'],
    writes: true,
    summary: '撤销导入',
  }),
  /** Export a roster to .xlsx (job; result: stagedOutputSchema). */
  'roster:export': defineChannel({
    input: z.object({ roster: rosterTypeSchema, communityId: z.number().int().nullable().default(null) }).strict(),
    output: jobStartedSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '导出名册',
  }),
  /** The import template of a roster type (.xlsx with instructions and dropdown lists). */
  'roster:template': defineChannel({
    input: z.object({ roster: rosterTypeSchema }).strict(),
    output: stagedOutputSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '下载导入模板',
  }),
  /** The 四岗十八级 post -> grade range table in use. */
  'roster:postGrades': defineChannel({
    input: z.object({}).strict(),
    output: postGradeTableSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '查看岗位等级表',
  }),
  /** Replace the post -> grade range table. */
  'roster:setPostGrades': defineChannel({
    input: postGradeTableSchema,
    output: postGradeTableSchema,
    roles: ['admin'],
    writes: true,
    summary: '修改岗位等级表',
  }),
};
