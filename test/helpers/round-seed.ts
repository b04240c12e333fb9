/**
 * Seeding for round tests: communities through the roster feature's tables, metrics as the roster
 * snapshot gives them, and a complete form typed through the contract.
 */
import type { TestApp } from './app-fixture';

export const COMMUNITY_NAMES = ['龙塔社区', '沙北社区', '受降社区'];

/** Inserts a street and communities (the roster import's result) and returns their ids. */
export async function seedCommunities(t: TestApp, names: readonly string[] = COMMUNITY_NAMES): Promise<number[]> {
  const db = t.app.db;
  const now = new Date().toISOString();
  const street = await db.insertInto('streets').values({ name: '龙塔街道', district_id: null }).returning('id').executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (const [i, name] of names.entries()) {
    const row = await db
      .insertInto('communities')
      .values({
        street_id: street.id,
        name,
        name_key: name,
        code: `C${i + 1}`,
        households: 2400 + i * 100,
        residents: 7200 + i * 300,
        facility_area: 1300,
        created_batch_id: null,
        updated_batch_id: null,
        created_at: now,
        updated_at: now,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

/** Manual items of the default standard and a valid score for each (points → tenths). */
export const MANUAL_SCORES: Record<string, number> = { B6: 15, C5: 20, D5: 24, F4: 18, F5: 10, G1: 50 };

/** Types every manual item of a community's form through the contract. */
export async function scoreManualItems(
  t: TestApp,
  roundId: string,
  communityId: number,
  scores: Record<string, number> = MANUAL_SCORES,
): Promise<void> {
  for (const [itemCode, tenths] of Object.entries(scores)) {
    await t.call('rounds:setItem', { roundId, communityId, itemCode, value: { kind: 'manual', tenths } });
  }
}

/**
 * Makes every form of the round complete: manual items typed, deduction items without deductions
 * confirmed 核查无扣分, and computed items the snapshot
 * cannot compute (a community without that roster) adjusted with a reason, as an assessor would.
 */
export async function completeForms(t: TestApp, roundId: string, communityIds: readonly number[]): Promise<void> {
  for (const communityId of communityIds) {
    await scoreManualItems(t, roundId, communityId);
    const form = await t.call('rounds:form', { roundId, communityId });
    const deductItems = new Set(
      form.standard.categories.flatMap((c) => c.items.filter((i) => i.method.kind === 'deduct').map((i) => i.code)),
    );
    for (const item of form.score.items) {
      if (item.status === 'missing' && deductItems.has(item.code)) {
        await t.call('rounds:setItem', { roundId, communityId, itemCode: item.code, value: { kind: 'deduct', deductions: [] } });
      } else if (item.status === 'invalid' || item.status === 'missing') {
        await t.call('rounds:setItem', {
          roundId,
          communityId,
          itemCode: item.code,
          override: { tenths: item.maxTenths, reason: '名册暂缺，按现场核实结果' },
        });
      }
    }
  }
}

/** Moves a round through the workflow up to `last` (every form must be complete for 'submitted'). */
export async function advanceTo(t: TestApp, roundId: string, last: 'published' | 'finalized'): Promise<void> {
  const steps = ['submitted', 'reviewed', 'published', 'finalized'] as const;
  for (const to of steps.slice(0, steps.indexOf(last) + 1)) await t.call('rounds:advance', { roundId, to });
}
