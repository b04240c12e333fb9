/**
 * Levels of the cascade (issue #15): a database belongs to one unit of a level, and what its rounds
 * appraise follows from that level. Today's product is the 街道 level appraising its 社区.
 *
 *   街道 (9-digit 统计用区划代码) appraises 社区;
 *   县区 (6 digits)               appraises its 街道 (from the packages they report);
 *   市   (6 digits, ending 00)    appraises its 县区 and the 成员单位 of the 领导小组.
 */
import { z } from 'zod';

export const LEVELS = ['街道', '县区', '市'] as const;
export type Level = (typeof LEVELS)[number];

/** What a round can appraise. 社区 are the roster's communities; the others are appraised units. */
export const UNIT_KINDS = ['社区', '街道', '县区', '成员单位'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Kinds a database of each level appraises, the first being its main kind. */
export const KINDS_OF_LEVEL: Record<Level, readonly UnitKind[]> = {
  街道: ['社区'],
  县区: ['街道'],
  市: ['县区', '成员单位'],
};

/** The level a unit of a kind reports from (成员单位 do not report packages). */
export const LEVEL_OF_KIND: Partial<Record<UnitKind, Level>> = { 街道: '街道', 县区: '县区' };

export const levelSchema = z.enum(LEVELS, { message: '层级只能是“街道”“县区”或“市”' });
export const unitKindSchema = z.enum(UNIT_KINDS, { message: '考评对象类别只能是“社区”“街道”“县区”或“成员单位”' });

/** The main kind of a level: what `round create` appraises when no standard says otherwise. */
export function mainKind(level: Level): UnitKind {
  return KINDS_OF_LEVEL[level][0] ?? '社区';
}

/** Whether a database of `level` appraises units of `kind`. */
export function levelAppraises(level: Level, kind: UnitKind): boolean {
  return KINDS_OF_LEVEL[level].includes(kind);
}

/** Digits of the 统计用区划代码 of a unit of each level. */
export const CODE_LENGTH: Record<Level, number> = { 街道: 9, 县区: 6, 市: 6 };

/**
 * Why `code` is not a 统计用区划代码 of a unit of `level`, or undefined when it is. A 市's code ends
 * in 00 (e.g. 411100), a 县区's does not (411102), a 街道's is its 县区's plus three digits.
 */
export function unitCodeProblem(level: Level, code: string): string | undefined {
  const n = CODE_LENGTH[level];
  if (!new RegExp(`^\\d{${n}}$`).test(code)) {
    return `${level}的统计用区划代码应为 ${n} 位数字（如 ${EXAMPLE_CODE[level]}），现为“${code}”`;
  }
  if (level === '市' && !code.endsWith('00')) return `市的统计用区划代码以 00 结尾（如 411100），现为“${code}”`;
  if (level === '县区' && code.endsWith('00')) return `县区的统计用区划代码不以 00 结尾（如 411102），“${code}”是市的代码`;
  if (level === '街道' && code.slice(4, 6) === '00') return `街道的统计用区划代码前 6 位是所属县区的代码（如 411102001），现为“${code}”`;
  return undefined;
}

/**
 * The level of a unit that reports packages, read from its 统计用区划代码: 9 digits a 街道, 6 digits
 * not ending in 00 a 县区; undefined otherwise (a 市 reports to nobody).
 */
export function reportingLevelOfCode(code: string): Level | undefined {
  if (!unitCodeProblem('街道', code)) return '街道';
  if (!unitCodeProblem('县区', code)) return '县区';
  return undefined;
}

const EXAMPLE_CODE: Record<Level, string> = { 街道: '411102001', 县区: '411102', 市: '411100' };

/**
 * Whether the unit `childCode` lies within `parentCode` (a 街道 in its 县区, a 县区 in its 市).
 * Empty codes are not checked (a sender that has not set its code yet).
 */
export function codeWithin(parentLevel: Level, parentCode: string, childCode: string): boolean {
  if (!parentCode || !childCode) return true;
  if (parentLevel === '市') return childCode.slice(0, 4) === parentCode.slice(0, 4);
  if (parentLevel === '县区') return childCode.slice(0, 6) === parentCode;
  return childCode.slice(0, 9) === parentCode;
}

/** The unit's own name from the unit settings: the 街道, 县区 or 市 it is. */
export function unitNameOf(level: Level, settings: { city: string; county: string; street: string }): string {
  return level === '街道' ? settings.street : level === '县区' ? settings.county : settings.city;
}
