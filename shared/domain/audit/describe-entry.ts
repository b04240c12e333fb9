/**
 * An audit entry in words office staff read: 谁、何时、对哪个社区/指标/名册、把什么从什么改成什么.
 * Pure: the caller supplies the names (community ids → 名称, item codes → 指标名称, login names →
 * 姓名). No JSON and no internal ids reach the reader; unknown shapes fall back to 「字段：旧 → 新」.
 */
import { ROUND_STATE_LABELS, type RoundState } from '../round/round-workflow';
import { formatDateTime } from '../format-date';
import { ROSTER_DEFS, isRosterType } from '../roster/roster-columns';
import { UNIT_SETTING_LABELS } from '../settings/unit-settings';

export { formatDateLong, formatDateTime } from '../format-date';

export interface AuditNames {
  community(id: number): string | undefined;
  item(code: string): string | undefined;
  person(username: string): string | undefined;
}

export interface AuditEntryLike {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface DescribedEntry {
  /** 姓名 (login name kept only when no account has it). */
  who: string;
  /** 2021-09-30 14:05 in the machine-independent form. */
  when: string;
  /** What kind of change (Chinese). */
  what: string;
  /** Which round/community/item/roster record. */
  target: string;
  /** The change itself: 「G1 居民满意度测评：1.5 分 → 4 分」. */
  change: string;
  reason: string;
}

const ROLE_WORDS: Record<string, string> = { admin: '管理员', assessor: '考评员', reviewer: '审核人', viewer: '查看' };
const APPEAL_STATUS: Record<string, string> = { open: '待处理', accepted: '采纳', rejected: '不予采纳' };
const RECT_STATUS: Record<string, string> = { open: '待核实', verified: '已销号', unresolved: '未整改到位' };
const SETTLE_METHODS: Record<string, string> = { mean: '平均分', median: '中位数', trimmedMean: '去掉最高最低后平均', chosen: '合议选定' };
const ROSTER_WORDS: Record<string, string> = {
  communities: '社区基本情况',
  grids: '网格',
  'grids:groups': '网格小组/楼院',
  workers: '社区工作者',
  'grid-staff': '网格员',
  committee: '“两委”成员',
  cadres: '下沉干部',
};

/** Common field names of before/after values. */
const FIELD_WORDS: Record<string, string> = {
  ...UNIT_SETTING_LABELS,
  state: '状态',
  status: '状态',
  total: '总分',
  score: '得分',
  points: '扣分',
  keep: '备份保留份数',
  snapshotAt: '名册快照时间',
  displayName: '姓名',
  username: '用户名',
  role: '角色',
  disabled: '停用',
  fact: '否决事实',
  claim: '申诉内容',
  text: '内容',
  method: '方式',
  standardVersion: '标准版本',
  standardName: '标准名称',
  communities: '社区',
  community: '社区',
  item: '指标',
  evidence: '核查方式',
  usedBy: '使用的考评',
};

function pts(tenths: number): string {
  return `${Number((tenths / 10).toFixed(1))} 分`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Any value as plain words: no braces, quotes or ids. */
function plain(v: unknown, key = ''): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') {
    if ((key === 'state' || key === 'status') && v in ROUND_STATE_LABELS) return ROUND_STATE_LABELS[v as RoundState];
    if (key === 'status' && v in APPEAL_STATUS) return APPEAL_STATUS[v] as string;
    if (key === 'role' && v in ROLE_WORDS) return ROLE_WORDS[v] as string;
    if (key === 'method' && v in SETTLE_METHODS) return SETTLE_METHODS[v] as string;
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v);
    return v;
  }
  if (typeof v === 'number') return key === 'total' || key === 'score' || key === 'points' ? `${v} 分` : String(v);
  if (Array.isArray(v)) return v.length === 0 ? '（无）' : v.map((x) => plain(x)).join('、');
  if (isRecord(v)) {
    return Object.entries(v)
      .filter(([, x]) => x !== null && x !== undefined)
      .map(([k, x]) => `${FIELD_WORDS[k] ?? k} ${plain(x, k)}`)
      .join('，');
  }
  return String(v);
}

/** 「字段：旧 → 新」 for every field that differs (`labels` names a feature's own fields). */
function diff(before: unknown, after: unknown, labels: Record<string, string> = {}): string {
  if (!isRecord(before) && !isRecord(after)) {
    if (before === null || before === undefined) return after === null || after === undefined ? '' : plain(after);
    return `${plain(before)} → ${plain(after)}`;
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => {
      const label = labels[k] ?? FIELD_WORDS[k] ?? k;
      if (!(k in b) || b[k] === null || b[k] === undefined) return `${label}：${plain(a[k], k)}`;
      return `${label}：${plain(b[k], k)} → ${plain(a[k], k)}`;
    })
    .join('；');
}

/** An item's value as the form shows it. */
function itemValue(v: unknown): string {
  if (!isRecord(v)) return '未评分';
  if (isRecord(v.override) && typeof v.override.tenths === 'number') return `调整为 ${pts(v.override.tenths)}`;
  if (typeof v.na === 'string' && v.na) return '不适用';
  const value = v.value;
  if (!isRecord(value)) return '未评分';
  switch (value.kind) {
    case 'manual':
      return typeof value.tenths === 'number' ? pts(value.tenths) : '未评分';
    case 'yesno':
      return value.yes ? '达标' : '不达标';
    case 'tiers':
      return Array.isArray(value.met) && value.met.length
        ? `符合第 ${value.met.map((i) => Number(i) + 1).join('、')} 档条件`
        : '未符合任何分档条件';
    case 'deduct':
      return Array.isArray(value.deductions) && value.deductions.length ? `${value.deductions.length} 条扣分` : '核查无扣分';
    default:
      return '已评分';
  }
}

function who(names: AuditNames, username: string): string {
  if (username === 'local-admin') return '本机管理员（命令行）';
  if (username === 'system') return '系统';
  return names.person(username) ?? username;
}

function itemLabel(names: AuditNames, code: string): string {
  const title = names.item(code);
  return title ? `${code} ${title}` : code;
}

function roundTitle(id: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(id);
  return m ? `${m[1]}年第${['一', '二', '三', '四'][Number(m[2]) - 1]}季度` : id;
}

/** `2021Q3/5/G1[/assessor]` → round, community, item, assessor. */
function scoreKey(entityId: string | null): { round: string; community?: number; item?: string; assessor?: string } {
  const [round = '', community, item, assessor] = (entityId ?? '').split('/');
  return { round, ...(community ? { community: Number(community) } : {}), ...(item ? { item } : {}), ...(assessor ? { assessor } : {}) };
}

function communityName(names: AuditNames, id: number | undefined, fallback?: unknown): string {
  if (typeof fallback === 'string' && fallback) return fallback;
  if (id === undefined || Number.isNaN(id)) return '';
  return names.community(id) ?? '（已删除的社区）';
}

function get(v: unknown, key: string): unknown {
  return isRecord(v) ? v[key] : undefined;
}

/** The whole entry in words. `actionLabel` is the action's Chinese name (AUDIT_ACTION_LABELS). */
export function describeAuditEntry(e: AuditEntryLike, names: AuditNames, actionLabel: string): DescribedEntry {
  const base = { who: who(names, e.actor), when: formatDateTime(e.at), what: actionLabel, reason: e.reason ?? '' };
  const out = (target: string, change: string): DescribedEntry => ({ ...base, target, change });
  switch (e.action) {
    case 'score.set':
    case 'score.na':
    case 'score.override': {
      const k = scoreKey(e.entityId);
      const sheet = k.assessor ? `（${who(names, k.assessor)}的背靠背评分表）` : '';
      const target = `${roundTitle(k.round)} ${communityName(names, k.community)}${sheet}`;
      return out(target, `${itemLabel(names, k.item ?? '')}：${itemValue(e.before)} → ${itemValue(e.after)}`);
    }
    case 'score.settle': {
      const k = scoreKey(e.entityId);
      return out(
        `${roundTitle(k.round)} ${communityName(names, k.community)}`,
        `${itemLabel(names, k.item ?? '')}：按${plain(get(e.after, 'method'), 'method')}定为 ${plain(get(e.after, 'score'))} 分`,
      );
    }
    case 'bonus.set':
    case 'veto.set': {
      const k = scoreKey(e.entityId);
      const target = `${roundTitle(k.round)} ${communityName(names, k.community)}`;
      const label = itemLabel(names, k.item ?? '');
      if (e.action === 'veto.set')
        return out(target, e.after ? `${label}：认定否决，事实：${plain(get(e.after, 'fact'))}` : `${label}：取消否决`);
      const tenths = get(e.after, 'tenths');
      const awards = get(e.after, 'awards');
      const now = !e.after
        ? '取消加分'
        : Array.isArray(awards) && awards.length
          ? awards.map((a) => `${plain(get(a, 'level'))}${get(a, 'note') ? `（${plain(get(a, 'note'))}）` : ''}`).join('、')
          : typeof tenths === 'number'
            ? `加 ${pts(tenths)}`
            : '加分';
      return out(target, `${label}：${now}`);
    }
    case 'deduction.add': {
      const round = String(get(e.after, 'round') ?? '');
      const community = communityName(names, Number(get(e.after, 'communityId')));
      const item = itemLabel(names, String(get(e.after, 'item') ?? ''));
      return out(
        `${roundTitle(round)} ${community}`,
        `${item}：扣 ${plain(get(e.after, 'points'))} 分（${plain(get(e.after, 'text'))}，${plain(get(e.after, 'evidence'))}）`,
      );
    }
    case 'deduction.remove':
      return out(
        '扣分记录',
        `删除 ${itemLabel(names, String(get(e.before, 'item') ?? ''))} 的扣分：${plain(get(e.before, 'text'))} ${plain(get(e.before, 'points'))} 分`,
      );
    case 'form.submit': {
      const k = scoreKey(e.entityId);
      return out(
        `${roundTitle(k.round)} ${communityName(names, k.community, get(e.after, 'community'))}`,
        `提交评分表，总分 ${plain(get(e.after, 'total'))} 分`,
      );
    }
    case 'round.create': {
      const list = get(e.after, 'communities');
      const count = Array.isArray(list) ? list.length : 0;
      return out(
        roundTitle(e.entityId ?? ''),
        `使用考核标准第 ${plain(get(e.after, 'standardVersion'))} 版《${plain(get(e.after, 'standardName'))}》，共 ${count} 个社区`,
      );
    }
    case 'round.advance':
    case 'round.unlock': {
      const from = get(e.before, 'state');
      const to = get(e.after, 'state');
      const only = get(e.after, 'communities');
      const scope = Array.isArray(only) && only.length ? `（${plain(only)}）` : '';
      return out(roundTitle(e.entityId ?? ''), `状态：${plain(from, 'state')} → ${plain(to, 'state')}${scope}`);
    }
    case 'round.assign': {
      const list = (x: unknown) =>
        Array.isArray(x) && x.length
          ? x
              .map((a) => {
                const c = get(a, 'communityId') ?? get(a, 'community_id');
                const cat = get(a, 'categoryCode') ?? get(a, 'category_code');
                const where = c === null || c === undefined ? '全部社区' : communityName(names, Number(c));
                return `${who(names, String(get(a, 'assessor') ?? ''))}（${where}${cat ? ` ${String(cat)}类` : ''}）`;
              })
              .join('、')
          : '（无）';
      return out(roundTitle(e.entityId ?? ''), `考评员：${list(e.before)} → ${list(e.after)}`);
    }
    case 'round.refreeze':
      return out(roundTitle(e.entityId ?? ''), `重新冻结名册快照（原快照 ${plain(get(e.before, 'snapshotAt'))}）`);
    case 'appeal.add':
      return out(
        `${roundTitle(String(get(e.after, 'round') ?? ''))} ${plain(get(e.after, 'community'))}`,
        `${get(e.after, 'item') ? `${itemLabel(names, String(get(e.after, 'item')))}：` : ''}${plain(get(e.after, 'claim'))}`,
      );
    case 'appeal.decide': {
      const score = get(e.after, 'score');
      return out(
        '申诉',
        `${plain(get(e.after, 'status'), 'status')}${typeof score === 'number' ? `，该项得分 ${plain(get(e.before, 'score'))} 分 → ${score} 分` : ''}`,
      );
    }
    case 'rectification.verify':
      return out(
        '整改事项',
        `${RECT_STATUS[String(get(e.before, 'status'))] ?? plain(get(e.before, 'status'))} → ${RECT_STATUS[String(get(e.after, 'status'))] ?? plain(get(e.after, 'status'))}`,
      );
    case 'settings.update':
      return out('单位信息', diff(e.before, e.after));
    case 'roster.import': {
      const roster = String(get(e.after, 'roster') ?? '');
      const n = (k: string) => Number(get(e.after, k) ?? 0);
      return out(
        `${ROSTER_WORDS[roster] ?? ''}名册`,
        `导入「${plain(get(e.after, 'file'))}」：新增 ${n('inserted')} 条，更新 ${n('updated')} 条，未变 ${n('unchanged')} 条，未导入 ${n('rejected')} 行`,
      );
    }
    case 'roster.undo':
      return out('名册导入', `撤销该次导入，恢复了 ${plain(get(e.after, 'restored'))} 条记录`);
    default:
      break;
  }
  if (e.entity === 'standard') {
    const v = isRecord(e.after) ? e.after : isRecord(e.before) ? e.before : {};
    const name = typeof v.name === 'string' ? `《${v.name}》` : '';
    const target = `考核标准第 ${e.entityId ?? plain(v.version)} 版${name}`;
    const changes = get(e.after, 'changes');
    if (Array.isArray(changes))
      return out(target, `修改了 ${changes.length} 处：${changes.map((c) => `${plain(get(c, 'code'))}`).join('、')}`);
    if (e.action === 'standard.publish') return out(target, '草稿 → 已发布');
    if (e.action === 'standard.use') return out(target, `用于 ${plain(get(e.after, 'usedBy'))}`);
    if (get(v, 'basedOn')) return out(target, `以第 ${plain(get(v, 'basedOn'))} 版为基础`);
    return out(target, '');
  }
  if (e.entity === 'user') {
    const u = isRecord(e.after) ? e.after : isRecord(e.before) ? e.before : null;
    const target = u ? `账号 ${plain(u.displayName)}（${plain(u.username)}）` : '账号';
    return out(target, e.before && e.after ? diff(e.before, e.after) : u ? `角色 ${plain(u.role, 'role')}` : '');
  }
  if (e.entity.startsWith('roster:')) {
    const key = e.entity.slice('roster:'.length);
    const type = key.split(':')[0] ?? '';
    const labels: Record<string, string> = isRosterType(type)
      ? Object.fromEntries(ROSTER_DEFS[type].sheets.flatMap((s) => s.columns.map((c) => [c.key, c.label])))
      : {};
    const v = isRecord(e.after) ? e.after : isRecord(e.before) ? e.before : {};
    const name = v.name ?? v.groupName ?? v.code ?? '';
    const target = `${ROSTER_WORDS[key] ?? '名册'}名册${name ? ` ${plain(name)}` : ''}`;
    if (e.after) return out(target, diff(e.before, e.after, labels));
    const removed = Object.entries(isRecord(e.before) ? e.before : {})
      .filter(([, x]) => x !== null && x !== '')
      .map(([k, x]) => `${labels[k] ?? k} ${plain(x)}`)
      .join('，');
    return out(target, `删除记录：${removed}`);
  }
  return out(e.entity === 'round' ? roundTitle(e.entityId ?? '') : '', diff(e.before, e.after));
}
