/**
 * What a form accepts, checked before anything is written: a value must fit its item's scoring
 * method, a deduction its item's rules and a bonus its definition. Each refusal is a
 * VALIDATION_FAILED naming the item, which the form shows on the spot.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { checkDeduction, checkManualValue } from '../../../../shared/domain/scoring/index';
import type { PreparedStandard } from '../../../../shared/domain/scoring/prepared-standard';
import type { ItemValue } from '../../../../shared/domain/scoring/score-entry.schema';
import { formatTenths } from '../../../../shared/domain/standard/standard.schema';
import { itemOf } from './round-guards';

/** Refuses a value that does not fit the item's method, with the reason. */
export function checkValue(ps: PreparedStandard, code: string, value: ItemValue): void {
  const { item } = itemOf(ps, code);
  const m = item.method;
  if (m.kind === 'computed')
    throw new AppError('VALIDATION_FAILED', `${code}由名册数据自动计算，不能直接打分。如数据有误，请“调整得分”并填写理由。`);
  // 核查无扣分 is an empty ledger; deductions themselves are recorded one by one.
  if (m.kind === 'deduct' && !(value.kind === 'deduct' && value.deductions.length === 0))
    throw new AppError('VALIDATION_FAILED', `${code}为扣分制，请逐条记录扣分。`);
  if (value.kind !== m.kind) throw new AppError('VALIDATION_FAILED', `${code}的录入方式与评分方法不符。`);
  if (value.kind === 'manual') {
    const problem = checkManualValue(item, value.tenths);
    if (problem) throw new AppError('VALIDATION_FAILED', `${code}：${problem}。`);
  }
  if (value.kind === 'tiers' && m.kind === 'tiers') {
    if (new Set(value.met).size !== value.met.length || value.met.some((i) => i >= m.criteria.length))
      throw new AppError('VALIDATION_FAILED', `${code}：勾选的分档条件不正确。`);
  }
}

/** An adjusted score stays within the item's full marks. */
export function checkOverride(ps: PreparedStandard, code: string, tenths: number): void {
  const { item } = itemOf(ps, code);
  if (tenths > item.maxTenths) throw new AppError('VALIDATION_FAILED', `${code}调整后的得分不能超过${formatTenths(item.maxTenths)}分。`);
}

/** The item's 扣分制 method; other items take no deductions. */
export function deductMethodOf(ps: PreparedStandard, code: string) {
  const m = itemOf(ps, code).item.method;
  if (m.kind !== 'deduct') throw new AppError('VALIDATION_FAILED', `${code}不是扣分制指标，不能记录扣分。`);
  return m;
}

/**
 * A deduction fits its item: a 扣分制 item, a known reason or a text, an amount within the rules and
 * the item's value. Returns the text to record (a standard reason's own text when none was given).
 */
export function checkDeductionInput(
  ps: PreparedStandard,
  input: { itemCode: string; reasonCode: string | null; text: string; amountTenths: number },
): string {
  const { item } = itemOf(ps, input.itemCode);
  const m = deductMethodOf(ps, input.itemCode);
  let text = input.text.trim();
  if (input.reasonCode !== null) {
    const std = m.reasons.find((r) => r.code === input.reasonCode);
    if (std && !text) text = std.text;
  }
  const problem = checkDeduction(m, { reasonCode: input.reasonCode, text, amountTenths: input.amountTenths });
  if (problem) throw new AppError('VALIDATION_FAILED', `${input.itemCode}：${problem}。`);
  if (input.amountTenths > item.maxTenths)
    throw new AppError('VALIDATION_FAILED', `${input.itemCode}单条扣分不能超过该项分值${formatTenths(item.maxTenths)}分。`);
  return text;
}

/** Whether a bonus input clears the entry (no awards, no points). */
export function clearsBonus(input: { awards: readonly unknown[] | null; tenths: number | null }): boolean {
  return (input.awards === null || input.awards.length === 0) && (input.tenths === null || input.tenths === 0);
}

/** A bonus fits its definition: levels by their labels, points within the cap and in steps. */
export function checkBonus(
  ps: PreparedStandard,
  input: { code: string; awards: readonly { level: string; note: string }[] | null; tenths: number | null },
): void {
  const def = ps.bonusByCode.get(input.code);
  if (!def) throw new AppError('VALIDATION_FAILED', `考核标准中没有加分项“${input.code}”。`);
  if (clearsBonus(input)) return;
  if (def.method.kind === 'levels') {
    const levels = def.method.levels;
    if (input.tenths !== null) throw new AppError('VALIDATION_FAILED', `${input.code}按级别加分，请选择级别。`);
    const bad = (input.awards ?? []).find((a) => !levels.some((l) => l.label === a.level));
    if (bad)
      throw new AppError('VALIDATION_FAILED', `${input.code}没有“${bad.level}”这一级别，可选：${levels.map((l) => l.label).join('、')}。`);
  } else {
    const t = input.tenths ?? 0;
    if (input.awards !== null && input.awards.length) throw new AppError('VALIDATION_FAILED', `${input.code}直接填写加分。`);
    if (t > def.capTenths || t % def.method.stepTenths !== 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `${input.code}加分应在0至${formatTenths(def.capTenths)}分之间，按${formatTenths(def.method.stepTenths)}分递增。`,
      );
    }
  }
}

/** A veto the standard defines. */
export function checkVeto(ps: PreparedStandard, code: string): void {
  if (!ps.vetoByCode.has(code)) throw new AppError('VALIDATION_FAILED', `考核标准中没有否决项“${code}”。`);
}
