/**
 * Validation of a roster sheet: every data row parsed column by column, then the roster's
 * cross-field rules, duplicate identities within the file, references (社区, 网格 must exist) and
 * community-level warnings. Pure: existing data comes in as {@link ReferenceData}.
 */
import { addMonths, ageAt, compareIsoLoose } from './date.parser';
import { parseField, type FieldValue } from './field-parse';
import type { HeaderDetection } from './header-detect';
import { checkGradeInPost, type PostGradeTable } from './post-grade';
import type { ColumnDef, RosterType, SheetDef } from './roster-columns';
import { isCpcMember, matchEnum, POST_CATEGORY } from './roster-enums';
import { isUnder35 } from './roster-metrics';
import { compareProblems, type ImportProblem } from '../problems';
import { classifyRow, type RowKind } from './row-classify';
import { cellDisplay, type PlainSheet, type SheetCell, type SheetRow } from './sheet-cell';
import { compactText } from './text-normalize';

export interface CommunityRef {
  readonly name: string;
  readonly street?: string | null;
  readonly households?: number | null;
}

export interface GridRef {
  readonly code: string;
  readonly name: string;
  readonly community: string;
}

/** Existing data the rules refer to (from the database, plus earlier sheets of the same file). */
export interface ReferenceData {
  readonly communities: readonly CommunityRef[];
  readonly grids: readonly GridRef[];
  /** IDs in the 社区工作者 roster (网格员 "是否社区工作者" check). */
  readonly workerIds?: ReadonlySet<string>;
}

export interface RosterValidationContext {
  /** ISO date used for "not in the future" and age rules (quarter end or today). */
  readonly today: string;
  readonly date1904: boolean;
  readonly postGrades: PostGradeTable;
  readonly references: ReferenceData;
  /** The 街道 configured in settings; communities of other 街道 are rejected when set. */
  readonly configuredStreet?: string | null;
  /** Cap on listed problems (counts stay exact). */
  readonly maxProblems?: number;
}

export type RecordValues = Record<string, FieldValue>;

export interface ValidatedRecord {
  readonly rowNumber: number;
  readonly values: RecordValues;
  /** False when the row has at least one error. */
  valid: boolean;
}

export interface SheetValidation {
  readonly sheet: string;
  readonly sheetKey: SheetDef['key'];
  readonly records: ValidatedRecord[];
  readonly problems: ImportProblem[];
  readonly rowCounts: Record<RowKind, number>;
  readonly errorCount: number;
  readonly warningCount: number;
  /** Problems not listed because of maxProblems. */
  readonly omittedProblems: number;
}

const DEFAULT_MAX_PROBLEMS = 20_000;

/** Lookup of communities and grids by normalised name/code. */
export interface ReferenceIndex {
  community(name: string): CommunityRef | null;
  grid(code: string): GridRef | null;
  gridsOfCommunity(name: string): number;
  readonly workerIds: ReadonlySet<string>;
}

/** Key of a community name for matching: compact, without a trailing 社区/居委会. */
export function communityKey(name: string): string {
  return compactText(name).replace(/(社区居民委员会|社区居委会|居民委员会|居委会|社区)$/, '');
}

/** Builds the reference lookups once per validation run. */
export function buildReferenceIndex(ref: ReferenceData): ReferenceIndex {
  const communities = new Map<string, CommunityRef | null>();
  for (const c of ref.communities) {
    const key = communityKey(c.name);
    // The same short name in two streets is ambiguous: resolve nothing rather than guess.
    communities.set(key, communities.has(key) ? null : c);
  }
  const grids = new Map<string, GridRef>();
  const perCommunity = new Map<string, number>();
  for (const g of ref.grids) {
    grids.set(compactText(g.code).toUpperCase(), g);
    const k = communityKey(g.community);
    perCommunity.set(k, (perCommunity.get(k) ?? 0) + 1);
  }
  return {
    community: (name) => communities.get(communityKey(name)) ?? null,
    grid: (code) => grids.get(compactText(code).toUpperCase()) ?? null,
    gridsOfCommunity: (name) => perCommunity.get(communityKey(name)) ?? 0,
    workerIds: ref.workerIds ?? new Set(),
  };
}

interface RowReporter {
  error(key: string | null, message: string, value?: string): void;
  warning(key: string | null, message: string, value?: string): void;
}

/**
 * Validates the data rows of one sheet. `detection` gives the header row and the (possibly
 * user-adjusted) mapping of column keys to column indexes.
 */
export function validateSheet(
  rosterType: RosterType,
  def: SheetDef,
  sheet: PlainSheet,
  detection: HeaderDetection,
  ctx: RosterValidationContext,
  index: ReferenceIndex = buildReferenceIndex(ctx.references),
): SheetValidation {
  const validator = createSheetValidator(rosterType, def, sheet.name, detection, ctx, index);
  for (let r = detection.dataStartIndex; r < sheet.rows.length; r += 1) {
    const row = sheet.rows[r];
    if (row) validator.add(row);
  }
  return validator.finish();
}

/** Validates rows one at a time (rows streamed from a file are never all held in memory). */
export interface SheetValidator {
  /** Adds one row below the header. */
  add(row: SheetRow): void;
  /** File-level rules, sorted problems and counts. Call once, after the last row. */
  finish(): SheetValidation;
}

/** A validator for the data rows of one sheet (see {@link validateSheet}). */
export function createSheetValidator(
  rosterType: RosterType,
  def: SheetDef,
  sheetName: string,
  detection: HeaderDetection,
  ctx: RosterValidationContext,
  index: ReferenceIndex = buildReferenceIndex(ctx.references),
): SheetValidator {
  const sheet = { name: sheetName };
  const maxProblems = ctx.maxProblems ?? DEFAULT_MAX_PROBLEMS;
  const problems: ImportProblem[] = [];
  let omitted = 0;
  let errorCount = 0;
  let warningCount = 0;
  const push = (p: ImportProblem) => {
    if (p.severity === 'error') errorCount += 1;
    else warningCount += 1;
    if (problems.length < maxProblems) problems.push(p);
    else omitted += 1;
  };
  const headerOf = (key: string): string => {
    const i = detection.mapping[key];
    const found = i === undefined ? undefined : detection.columns.find((c) => c.index === i);
    return found?.header ?? def.columns.find((c) => c.key === key)?.label ?? key;
  };

  const rowCounts: Record<RowKind, number> = { data: 0, blank: 0, total: 0, note: 0, header: 0 };
  const records: ValidatedRecord[] = [];
  const mapped = def.columns.filter((c) => detection.mapping[c.key] !== undefined);
  const missingRequired = def.columns.filter((c) => c.required && detection.mapping[c.key] === undefined);
  for (const c of missingRequired) {
    push({
      severity: 'error',
      sheet: sheet.name,
      row: detection.headerRowNumber,
      column: c.label,
      value: '',
      message: `缺少必填列“${c.label}”，请在列对应中指定该列，或在文件中补充后重新导入`,
    });
  }
  const options = { today: ctx.today, date1904: ctx.date1904 };
  const rules = ROW_RULES[rosterType]?.[def.key];
  const seen = new Map<string, number>();

  // Per-row state read by one reporter object: no closures are allocated per row (100,000 rows).
  let currentRecord: ValidatedRecord | null = null;
  let currentCells: readonly SheetCell[] = [];
  let currentRow = 0;
  const headers = new Map(def.columns.map((c) => [c.key, headerOf(c.key)]));
  const rawOf = (key: string): string => {
    const i = detection.mapping[key];
    return i === undefined ? '' : cellDisplay(currentCells[i]).trim();
  };
  const reporter: RowReporter = {
    error(key, message, value) {
      if (currentRecord) currentRecord.valid = false;
      push({
        severity: 'error',
        sheet: sheet.name,
        row: currentRow,
        column: key ? (headers.get(key) ?? key) : null,
        value: value ?? (key ? rawOf(key) : ''),
        message,
      });
    },
    warning(key, message, value) {
      push({
        severity: 'warning',
        sheet: sheet.name,
        row: currentRow,
        column: key ? (headers.get(key) ?? key) : null,
        value: value ?? (key ? rawOf(key) : ''),
        message,
      });
    },
  };
  const mappedCells = mapped.map((col) => ({ col, index: detection.mapping[col.key] ?? -1, isPost: col.key === 'postCategory' }));
  const referenceColumns = def.columns.filter((c) => c.type === 'community' || c.type === 'grid' || c.type === 'grids');
  const headerTexts = new Set(detection.columns.map((c) => c.header));
  const duplicateLabel = def.identity.map((k) => def.columns.find((c) => c.key === k)?.label ?? k).join('+');
  const allValid = missingRequired.length === 0;
  // Reused per row: rules read it during the row only.
  const failed = new Set<string>();

  const add = (row: SheetRow): void => {
    const kind = classifyRow(row, detection.mapping, def, headerTexts);
    rowCounts[kind] += 1;
    if (kind !== 'data') return;

    const values: RecordValues = {};
    const record: ValidatedRecord = { rowNumber: row.rowNumber, values, valid: allValid };
    currentRecord = record;
    currentCells = row.cells;
    currentRow = row.rowNumber;

    failed.clear();
    for (const { col, index: cellIndex, isPost } of mappedCells) {
      const cell: SheetCell | undefined = row.cells[cellIndex];
      const result = isPost ? parsePost(cell, ctx.postGrades) : parseField(col, cell, options);
      if (!result.ok) {
        failed.add(col.key);
        reporter.error(col.key, result.message);
        continue;
      }
      if (result.warning) reporter.warning(col.key, result.warning);
      values[col.key] = result.value;
      if (result.value === null && col.required) {
        failed.add(col.key);
        reporter.error(col.key, `${col.label}为必填项，请填写`);
      }
    }

    if (referenceColumns.length > 0) resolveReferences(referenceColumns, values, failed, index, reporter);
    rules?.(values, { ctx, index, failed, report: reporter, today: ctx.today });

    const identity = identityOf(rosterType, def, values);
    if (identity !== null) {
      const first = seen.get(identity);
      if (first !== undefined) {
        reporter.error(
          def.identity[0] ?? null,
          `与第 ${first} 行的${duplicateLabel}重复，同一记录只能出现一次；请删除重复行或核对后重新导入`,
        );
      } else {
        seen.set(identity, row.rowNumber);
      }
    }
    records.push(record);
  };

  const finish = (): SheetValidation => {
    const fileRules = FILE_RULES[rosterType]?.[def.key];
    fileRules?.(records, { ctx, index, sheet: sheet.name, push });
    problems.sort(compareProblems);
    return { sheet: sheet.name, sheetKey: def.key, records, problems, rowCounts, errorCount, warningCount, omittedProblems: omitted };
  };
  return { add, finish };
}

function parsePost(cell: SheetCell | undefined, table: PostGradeTable): ReturnType<typeof parseField> {
  const text = cellDisplay(cell ?? null);
  const key = compactText(text);
  if (key === '') return { ok: true, value: null };
  const direct = table.posts.find((p) => compactText(p.post) === key);
  if (direct) return { ok: true, value: direct.post };
  const viaEnum = matchEnum(POST_CATEGORY, text);
  if (viaEnum && table.posts.some((p) => p.post === viaEnum)) return { ok: true, value: viaEnum };
  return { ok: false, message: `岗位类别“${text.trim()}”不是可选值，请填写：${table.posts.map((p) => p.post).join('、')}` };
}

/** The identity of a record within a file (null when it has none, e.g. a 下沉干部 without ID and phone). */
export function identityOf(rosterType: RosterType, def: SheetDef, values: RecordValues): string | null {
  if (rosterType === 'cadres' && def.key === 'main') {
    const id = values.idNumber;
    if (typeof id === 'string') return `id:${id}`;
    const name = values.name;
    const phone = values.phone;
    return typeof name === 'string' && typeof phone === 'string' ? `np:${name}|${phone}` : null;
  }
  const parts: string[] = [];
  for (const key of def.identity) {
    const v = values[key];
    if (v === null || v === undefined) {
      if (key === 'courtyardName') {
        parts.push('');
        continue;
      }
      return null;
    }
    parts.push(typeof v === 'string' ? (key === 'name' ? compactText(v) : v.toUpperCase()) : String(v));
  }
  return parts.join('|');
}

function resolveReferences(
  columns: readonly ColumnDef[],
  values: RecordValues,
  failed: Set<string>,
  index: ReferenceIndex,
  report: RowReporter,
): void {
  for (const col of columns) {
    const v = values[col.key];
    if (v === null || v === undefined) continue;
    if (col.type === 'community' && typeof v === 'string') {
      const c = index.community(v);
      if (!c) {
        failed.add(col.key);
        report.error(col.key, `社区“${v}”不存在，请先导入社区基本情况，或核对社区名称`);
      } else {
        values[col.key] = c.name;
      }
    } else if (col.type === 'grid' && typeof v === 'string') {
      const g = index.grid(v);
      if (!g) {
        failed.add(col.key);
        report.error(col.key, `网格编号“${v}”不存在，请先导入网格名册，或核对网格编号`);
      } else {
        values[col.key] = g.code;
      }
    } else if (col.type === 'grids' && Array.isArray(v)) {
      const codes: string[] = [];
      for (const code of v as readonly string[]) {
        const g = index.grid(code);
        if (!g) {
          failed.add(col.key);
          report.error(col.key, `网格编号“${code}”不存在，请先导入网格名册，或核对网格编号（多个网格用“、”分隔）`);
        } else {
          codes.push(g.code);
        }
      }
      values[col.key] = codes;
    }
  }
}

interface RuleArgs {
  readonly ctx: RosterValidationContext;
  readonly index: ReferenceIndex;
  readonly failed: ReadonlySet<string>;
  readonly report: RowReporter;
  readonly today: string;
}

type RowRule = (values: RecordValues, args: RuleArgs) => void;

function str(v: FieldValue | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

function num(v: FieldValue | undefined): number | null {
  return typeof v === 'number' ? v : null;
}

/** 身份证号 -> 性别/出生年月: derive when empty, error when the typed value disagrees. */
function personRule(values: RecordValues, { report, failed }: RuleArgs): void {
  const id = str(values.idNumber);
  if (!id || failed.has('idNumber')) return;
  // The ID passed validation (check digit, real birth date): derive sex and birth date from it.
  const derivedSex = Number(id.charAt(16)) % 2 === 1 ? '男' : '女';
  const derivedBirth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const sex = str(values.sex);
  if (sex && sex !== derivedSex) {
    report.error('sex', `性别“${sex}”与身份证号不一致（按身份证号为${derivedSex}），请核对性别或身份证号`);
  } else {
    values.sex = derivedSex;
  }
  const birth = str(values.birthDate);
  if (birth && !failed.has('birthDate') && compareIsoLoose(birth, derivedBirth) !== 0) {
    report.error('birthDate', `出生年月 ${birth} 与身份证号中的出生日期 ${derivedBirth} 不一致，请核对`);
  } else {
    values.birthDate = derivedBirth;
  }
}

function linkedCommunityGrid(values: RecordValues, gridKey: string, { index, report }: RuleArgs): void {
  const community = str(values.community);
  if (!community) return;
  const codes = values[gridKey];
  const list = Array.isArray(codes) ? (codes as readonly string[]) : typeof codes === 'string' ? [codes] : [];
  for (const code of list) {
    const g = index.grid(code);
    if (g && index.community(g.community)?.name !== community) {
      report.error(gridKey, `网格“${code}”属于“${g.community}”，与本行的社区“${community}”不一致，请核对`, code);
    }
  }
}

const workerRules: RowRule = (values, args) => {
  personRule(values, args);
  const { report, ctx, today, failed } = args;
  const birth = str(values.birthDate);
  if (birth) {
    const age = ageAt(birth, today);
    if (age < 18 || age >= 60) report.warning('birthDate', `按出生日期计算年龄为 ${age} 岁（不满 18 岁或已满 60 岁），请核对`, birth);
  }
  const political = str(values.political);
  const joined = str(values.partyJoinDate);
  if (isCpcMember(political) && !joined && !failed.has('partyJoinDate')) {
    report.warning('partyJoinDate', '政治面貌为党员，但入党时间为空，请补充');
  }
  // Date inconsistencies below are warnings: the worker still counts (社区工作者人数 and the items
  // built on it); rejecting the row would take them out of the formulas.
  if (joined && birth && compareIsoLoose(joined, addMonths(fullDate(birth), 18 * 12)) < 0) {
    report.warning('partyJoinDate', `入党时间 ${joined} 早于年满 18 周岁，请核对入党时间或身份证号`);
  }
  const start = str(values.workStartDate);
  if (start) {
    if (compareIsoLoose(start, today) > 0) report.warning('workStartDate', `参加社区工作时间 ${start} 晚于今天，请核对`);
    if (birth && compareIsoLoose(start, addMonths(fullDate(birth), 16 * 12)) < 0) {
      report.warning('workStartDate', `参加社区工作时间 ${start} 早于年满 16 周岁，请核对`);
    }
  }
  const current = str(values.currentPostDate);
  if (current && start && compareIsoLoose(current, start) < 0) {
    report.warning('currentPostDate', `现岗位任职时间 ${current} 早于参加社区工作时间 ${start}，请核对`);
  }
  const period = values.contractPeriod;
  if (Array.isArray(period)) {
    const [ps, pe] = period as readonly string[];
    if (values.contractStart == null && ps) values.contractStart = ps;
    if (values.contractEnd == null && pe) values.contractEnd = pe;
  }
  delete values.contractPeriod;
  const cs = str(values.contractStart);
  const ce = str(values.contractEnd);
  if (cs && ce && compareIsoLoose(ce, cs) < 0) report.warning('contractEnd', `合同终止日期 ${ce} 早于起始日期 ${cs}，请核对`);

  const post = str(values.postCategory);
  const grade = num(values.postGrade);
  if (post && grade !== null) {
    const check = checkGradeInPost(ctx.postGrades, post, grade);
    if (!check.ok) {
      // Kept, not rejected: E2 (四岗十八级) deducts for exactly these people, so they must reach the metric.
      report.warning('postGrade', `${check.message}（已导入，计入“岗位等级不符人数”）`, String(grade));
    } else if (start) {
      const range = ctx.postGrades.posts.find((p) => p.post === post);
      const education = str(values.education);
      const credit = education === '研究生' ? 5 : education === '大学本科' ? 3 : 0;
      const years = Math.max(0, ageAt(fullDate(start), today));
      if (range) {
        const expected = Math.min(range.max, range.min + Math.floor((years + credit) / 3));
        if (Math.abs(expected - grade) > 1) {
          report.warning(
            'postGrade',
            `按社区工作年限 ${years} 年${credit ? `（含学历折算 ${credit} 年）` : ''}推算应约为 ${expected} 级，填写为 ${grade} 级，请核对`,
            String(grade),
          );
        }
      }
    }
  }
};

const gridStaffRules: RowRule = (values, args) => {
  personRule(values, args);
  linkedCommunityGrid(values, 'grids', args);
  const { report, index } = args;
  const grids = values.grids;
  if (values.staffType === '专职' && Array.isArray(grids) && grids.length > 1) {
    report.warning('grids', `专职网格员负责了 ${grids.length} 个网格，请确认是否属实`);
  }
  const id = str(values.idNumber);
  if (values.isWorker === true && id && !index.workerIds.has(id)) {
    report.warning('isWorker', '填写为社区工作者，但社区工作者名册中没有此身份证号，请先导入社区工作者名册或核对', '是');
  }
};

const committeeRules: RowRule = (values, args) => {
  personRule(values, args);
  const { report } = args;
  const party = str(values.partyPost);
  const committee = str(values.committeePost);
  const political = str(values.political);
  const hasParty = party !== null && party !== '无';
  const hasCommittee = committee !== null && committee !== '无';
  if (hasParty && political !== '中共党员') {
    if (political === '中共预备党员') report.warning('partyPost', `预备党员担任党组织${party}，请核对`);
    // A warning: the member still counts in the 两委 figures the standard scores.
    else report.warning('partyPost', `担任党组织职务“${party}”须为中共党员，政治面貌为“${political ?? '空'}”，请核对`);
  }
  if (!hasParty && !hasCommittee) report.warning('partyPost', '未填写党组织职务或居委会职务，“两委”成员应至少担任其中一项');
  const oneShoulder = party === '书记' && committee === '主任';
  const cross = hasParty && hasCommittee;
  if (typeof values.oneShoulder === 'boolean' && values.oneShoulder !== oneShoulder) {
    report.warning('oneShoulder', `按职务判断${oneShoulder ? '是' : '不是'}“一肩挑”，已按职务计算`);
  }
  if (typeof values.cross === 'boolean' && values.cross !== cross) {
    report.warning('cross', `按职务判断${cross ? '是' : '不是'}交叉任职，已按职务计算`);
  }
  values.oneShoulder = oneShoulder;
  values.cross = cross;
};

const cadreRules: RowRule = (values, args) => {
  linkedCommunityGrid(values, 'grid', args);
  const { report, today } = args;
  const first = str(values.firstReportDate);
  const last = str(values.lastReportDate);
  // Warnings: the cadre is still registered (登记下沉干部数); a future date never counts as reported.
  if (first && compareIsoLoose(first, today) > 0) report.warning('firstReportDate', `首次报到日期 ${first} 晚于今天，请核对`);
  if (last && compareIsoLoose(last, today) > 0) report.warning('lastReportDate', `最近报到日期 ${last} 晚于今天，请核对`);
  if (first && last && compareIsoLoose(last, first) < 0)
    report.warning('lastReportDate', `最近报到日期 ${last} 早于首次报到日期 ${first}，请核对`);
  const latest = last ?? first;
  if (latest && compareIsoLoose(latest, addMonths(today, -6)) < 0) {
    report.warning(last ? 'lastReportDate' : 'firstReportDate', `最近一次报到是 ${latest}，已超过半年未报到`);
  }
};

const communityRules: RowRule = (values, { report, ctx, index }) => {
  const name = str(values.name);
  if (name && !/(社区|居委会|居民委员会)$/.test(name)) report.warning('name', `社区名称“${name}”一般以“社区”或“居委会”结尾，请核对`);
  const street = str(values.street);
  if (street && ctx.configuredStreet && compactText(street) !== compactText(ctx.configuredStreet)) {
    report.error('street', `所属街道“${street}”与系统设置的街道“${ctx.configuredStreet}”不一致，请核对，或在设置中修改本单位名称`);
  }
  const households = num(values.households);
  const residents = num(values.residents);
  if (households !== null && residents !== null) {
    if (residents < households) report.error('residents', `常住人口 ${residents} 少于户数 ${households}，请核对（是否两列填反）`);
    else if (households > 0 && residents / households > 6)
      report.warning('residents', `平均每户 ${(residents / households).toFixed(1)} 人，超过 6 人，请核对`);
  }
  if (households !== null && households > 3000) report.warning('households', `户数 ${households} 超过 3000 户的规模标准`);
  if (residents !== null && residents > 10000) report.warning('residents', `常住人口 ${residents} 超过 10000 人的规模标准`);
  const facility = num(values.facilityArea);
  if (facility !== null && households !== null && households > 0) {
    const per100 = facility / (households / 100);
    if (per100 < 30) report.warning('facilityArea', `每百户服务设施面积 ${per100.toFixed(1)} 平方米，低于 30 平方米的底线`);
    else if (per100 < 50) report.warning('facilityArea', `每百户服务设施面积 ${per100.toFixed(1)} 平方米，低于 50 平方米的市定标准`);
  }
  if (facility !== null && facility < 300) report.warning('facilityArea', `综合服务设施总面积 ${facility} 平方米，低于 300 平方米`);
  const hall = num(values.hallArea);
  if (hall !== null && hall < 40) report.warning('hallArea', `一站式大厅面积 ${hall} 平方米，低于 40 平方米`);
  const orgType = str(values.partyOrgType);
  const members = num(values.partyMembers);
  if (orgType && members !== null) {
    if (orgType === '党支部' && members < 3) report.warning('partyOrgType', `党员 ${members} 人，不足成立党支部所需的 3 名正式党员`);
    if (orgType === '党总支' && members < 50) report.warning('partyOrgType', `党员 ${members} 人，设党总支一般需要 50 人以上`);
    if (orgType === '党委' && members < 100) report.warning('partyOrgType', `党员 ${members} 人，设党委一般需要 100 人以上`);
  }
  const declared = num(values.gridCount);
  if (name && declared !== null) {
    const actual = index.gridsOfCommunity(name);
    if (actual > 0 && actual !== declared) report.warning('gridCount', `网格数填写 ${declared} 个，网格名册中有 ${actual} 个，请核对`);
  }
};

const gridRules: RowRule = (values, { report }) => {
  const households = num(values.households);
  if (households !== null && (households < 300 || households > 500)) {
    report.warning('households', `网格户数 ${households} 不在 300–500 户之间，请核对或调整网格划分`);
  }
};

const ROW_RULES: Partial<Record<RosterType, Partial<Record<SheetDef['key'], RowRule>>>> = {
  communities: { main: communityRules },
  grids: { main: gridRules },
  workers: { main: workerRules },
  'grid-staff': { main: gridStaffRules },
  committee: { main: committeeRules },
  cadres: { main: cadreRules },
};

interface FileRuleArgs {
  readonly ctx: RosterValidationContext;
  readonly index: ReferenceIndex;
  readonly sheet: string;
  readonly push: (p: ImportProblem) => void;
}

type FileRule = (records: readonly ValidatedRecord[], args: FileRuleArgs) => void;

const committeeFileRule: FileRule = (records, { sheet, push, ctx }) => {
  const byCommunity = new Map<string, ValidatedRecord[]>();
  for (const r of records) {
    const c = str(r.values.community);
    if (!r.valid || !c) continue;
    const list = byCommunity.get(c) ?? [];
    list.push(r);
    byCommunity.set(c, list);
  }
  const warn = (message: string, row: number | null) => push({ severity: 'warning', sheet, row, column: null, value: '', message });
  for (const [community, list] of byCommunity) {
    const secretaries = list.filter((r) => r.values.partyPost === '书记');
    const directors = list.filter((r) => r.values.committeePost === '主任');
    if (secretaries.length !== 1)
      warn(`${community}有 ${secretaries.length} 名党组织书记，应为 1 名，请核对`, secretaries[1]?.rowNumber ?? null);
    if (directors.length !== 1) warn(`${community}有 ${directors.length} 名居委会主任，应为 1 名，请核对`, directors[1]?.rowNumber ?? null);
    const members = list.filter((r) => typeof r.values.committeePost === 'string' && r.values.committeePost !== '无').length;
    if (members < 5 || members > 9) warn(`${community}居委会成员 ${members} 人，依法应为 5–9 人，请核对`, null);
    const young = list.some((r) => typeof r.values.birthDate === 'string' && isUnder35(r.values.birthDate, ctx.today));
    if (!young) warn(`${community}“两委”成员中没有 35 岁以下的成员`, null);
  }
};

const gridFileRule: FileRule = (records, { sheet, push, index }) => {
  const sums = new Map<string, number>();
  for (const r of records) {
    const c = str(r.values.community);
    const h = num(r.values.households);
    if (!r.valid || !c || h === null) continue;
    sums.set(c, (sums.get(c) ?? 0) + h);
  }
  for (const [community, sum] of sums) {
    const declared = index.community(community)?.households;
    if (declared && Math.abs(sum - declared) > declared * 0.05) {
      push({
        severity: 'warning',
        sheet,
        row: null,
        column: null,
        value: '',
        message: `${community}各网格户数合计 ${sum} 户，与社区基本情况的 ${declared} 户相差超过 5%，请核对`,
      });
    }
  }
};

const FILE_RULES: Partial<Record<RosterType, Partial<Record<SheetDef['key'], FileRule>>>> = {
  committee: { main: committeeFileRule },
  grids: { main: gridFileRule },
};

function fullDate(iso: string): string {
  return iso.length === 7 ? `${iso}-01` : iso;
}

/** Column definitions that a validation mapped (for previews). */
export function mappedColumns(def: SheetDef, detection: HeaderDetection): ColumnDef[] {
  return def.columns.filter((c) => detection.mapping[c.key] !== undefined);
}
