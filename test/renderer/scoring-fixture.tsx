/**
 * One community's scoring sheet held in memory behind the fake api: what `rounds:form` returns and
 * what `rounds:setItem` / `rounds:addDeduction` change, scored with the real engine and the default
 * standard (B6 is a manual item 0–2 in steps of 0.5, C4 a deduction item that allows other reasons).
 */
import { render } from '@testing-library/react';
import { scoreCommunity } from '../../shared/domain/scoring/community-score';
import type { CommunityEntries, ItemEntry } from '../../shared/domain/scoring/score-entry.schema';
import { defaultStandardCopy } from '../../shared/domain/standard/default-standard';
import type { FormDto, LedgerEntry } from '../../shared/ipc/channels/rounds.channels';
import { AuthProvider } from '../../renderer/src/features/auth/auth-context';
import { ScoringFormPage } from '../../renderer/src/features/rounds/ScoringFormPage';
import { installFakeApi, Refused, type FakeApi } from './fake-api';

export const ROUND_ID = '2021Q1';
export const COMMUNITY_ID = 7;

export interface FakeSheet {
  api: FakeApi;
  entries: CommunityEntries;
  ledger: LedgerEntry[];
  /** While set, every write is refused with this message (e.g. the round was submitted elsewhere). */
  refuseWrites: string | null;
}

export function fakeSheet(role: 'assessor' | 'reviewer' = 'assessor'): FakeSheet {
  const standard = defaultStandardCopy();
  const sheet: FakeSheet = {
    api: undefined as unknown as FakeApi,
    entries: { items: [], bonus: [], vetoes: [] },
    ledger: [],
    refuseWrites: null,
  };
  const refuse = () => {
    if (sheet.refuseWrites) throw new Refused('LOCKED', sheet.refuseWrites);
  };
  const setItem = (code: string, change: (e: ItemEntry) => ItemEntry) => {
    const existing = sheet.entries.items.find((e) => e.itemCode === code) ?? { itemCode: code };
    sheet.entries = { ...sheet.entries, items: [...sheet.entries.items.filter((e) => e.itemCode !== code), change({ ...existing })] };
  };
  const form = (): FormDto => {
    const score = scoreCommunity(standard, sheet.entries, {});
    return {
      round: {
        id: ROUND_ID,
        title: '2021年第一季度',
        state: 'draft',
        stateLabel: '评分中',
        standardVersion: 1,
        editable: true,
        readOnlyReason: null,
      },
      community: { id: COMMUNITY_ID, name: '幸福社区', status: 'draft', statusLabel: '未提交' },
      assessor: '',
      assessors: [],
      standard,
      entries: structuredClone(sheet.entries),
      ledger: structuredClone(sheet.ledger),
      score: {
        items: [],
        categories: [],
        baseTenths: score.baseTenths,
        bonusTenths: score.bonusTenths,
        totalTenths: score.totalTenths,
        vetoes: [],
        complete: score.complete,
        problems: [],
      },
      metrics: {},
      metricLabels: {},
      drillDown: {},
      rectifications: [],
      comments: [],
      carried: {},
    };
  };
  sheet.api = installFakeApi({
    'auth:status': () => ({
      needsSetup: false,
      user: {
        id: 2,
        username: 'zhang',
        displayName: '张敏',
        role,
        disabled: false,
        lockedUntil: null,
        mustChangePassword: false,
        lastLoginAt: null,
        createdAt: '2021-01-01T00:00:00.000Z',
      },
    }),
    'people:directory': () => [{ username: 'zhang', displayName: '张敏', role }],
    'rounds:form': () => form(),
    'rounds:setItem': (input) => {
      refuse();
      if (input.value !== undefined) setItem(input.itemCode, (e) => ({ ...e, value: input.value ?? undefined }));
      if (input.na !== undefined) setItem(input.itemCode, (e) => ({ ...e, na: input.na ?? undefined }));
      if (input.override !== undefined) setItem(input.itemCode, (e) => ({ ...e, override: input.override ?? undefined }));
      return { score: form().score, savedAt: new Date().toISOString() };
    },
    'rounds:addDeduction': (input) => {
      refuse();
      const id = sheet.ledger.length + 1;
      sheet.ledger.push({
        id,
        itemCode: input.itemCode,
        reasonCode: input.reasonCode,
        text: input.text,
        amountTenths: input.amountTenths,
        evidence: input.evidence ?? '查阅资料',
        department: input.department?.trim() || null,
        assessor: '',
        createdBy: 'zhang',
        createdAt: new Date().toISOString(),
        attachments: [],
      });
      return { deductionId: id, score: form().score, savedAt: new Date().toISOString() };
    },
  });
  return sheet;
}

export function renderForm() {
  return render(
    <AuthProvider>
      <ScoringFormPage roundId={ROUND_ID} communityId={COMMUNITY_ID} assessor="" />
    </AuthProvider>,
  );
}
