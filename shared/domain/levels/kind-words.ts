/**
 * The words a round's texts use for what it appraises (issue #15). Free of zod so the CLI's
 * commands can import it eagerly.
 */
import type { Level, UnitKind } from './levels';

/**
 * The unit noun (「本季度共考评社区12个」 → 「…街道5个」) and the work being appraised, which follows the kind's default standard
 * (「社区规范化创建考评情况通报」 → 「街道社区规范化创建工作考评情况通报」). A 社区 round keeps
 * exactly today's wording; every report, sheet and page takes its words from here.
 */
export interface KindWords {
  /** The appraised units: 社区 / 街道 / 县区 / 成员单位. */
  noun: UnitKind;
  /** What is appraised, before 考评: 社区规范化创建 / 街道社区规范化创建工作 / … */
  work: string;
  /** The units' own work after their noun: 「12个社区…规范化创建工作」, 「5个街道…社区规范化创建工作」. */
  duty: string;
  /** Where the units are, before the count: 辖区 (12个社区), 领导小组 (8个成员单位). */
  among: string;
  /** Who appraises them: 街道 appraises 社区, 县区 its 街道, 市 its 县区 and 成员单位. */
  appraiser: Level;
  /** Whom a 通报 is addressed to (主送) when the office has not set its own. */
  recipients: string;
}

const KIND_WORDS: Record<UnitKind, KindWords> = {
  社区: {
    noun: '社区',
    work: '社区规范化创建',
    duty: '规范化创建工作',
    among: '辖区',
    appraiser: '街道',
    recipients: '各社区党组织、居民委员会',
  },
  街道: {
    noun: '街道',
    work: '街道社区规范化创建工作',
    duty: '社区规范化创建工作',
    among: '辖区',
    appraiser: '县区',
    recipients: '各街道党工委、办事处',
  },
  县区: {
    noun: '县区',
    work: '县区社区规范化创建工作',
    duty: '社区规范化创建工作',
    among: '辖区',
    appraiser: '市',
    recipients: '各县区党委、政府',
  },
  成员单位: {
    noun: '成员单位',
    work: '成员单位社区建设工作',
    duty: '社区建设工作',
    among: '领导小组',
    appraiser: '市',
    recipients: '市社区建设工作领导小组各成员单位',
  },
};

/** The words for rounds of `kind` (社区 when the kind is unknown: today's rounds). */
export function kindWords(kind: UnitKind | undefined | null): KindWords {
  return KIND_WORDS[kind ?? '社区'];
}

/** The noun for a round's appraised units: 社区, 街道, 县区 or 成员单位. */
export function unitNoun(kind: UnitKind | undefined | null): UnitKind {
  return kindWords(kind).noun;
}

/** Whether `text` names a kind of appraised unit (社区, 街道, 县区, 成员单位). */
export function isUnitKind(text: string): text is UnitKind {
  return Object.hasOwn(KIND_WORDS, text);
}
