import { useState } from 'react';
import type { CommunityEntries, ItemEntry } from '../../../../shared/domain/scoring/score-entry.schema';
import type { StandardItem } from '../../../../shared/domain/standard/standard.schema';
import type { FormDto } from '../../../../shared/ipc/channels/rounds.channels';
import { errorText } from '../../api/client';
import { fmt } from './round-ui';

/** Text shown in an item's cell for what is recorded. */
export function valueText(item: StandardItem, entry: ItemEntry | undefined): string {
  const v = entry?.value;
  if (!v) return '';
  if (v.kind === 'manual') return fmt(v.tenths);
  if (v.kind === 'yesno') return fmt(v.yes ? item.maxTenths : 0);
  if (v.kind === 'tiers' && item.method.kind === 'tiers') return fmt(item.method.pointsTenths[v.met.length] ?? 0);
  return '';
}

/** 2021Q1 → 第一季度 (carried annual items name the quarter they were scored in). */
export function carriedTitle(roundId: string): string {
  const q = /Q([1-4])$/.exec(roundId)?.[1];
  return q ? `第${'一二三四'[Number(q) - 1]}季度` : roundId;
}

/** Items scored by typing a number in their cell (the others go through the side panel). */
export function typable(item: StandardItem): boolean {
  return item.method.kind === 'manual' || item.method.kind === 'yesno' || item.method.kind === 'tiers';
}

export function methodHint(item: StandardItem): string {
  const m = item.method;
  switch (m.kind) {
    case 'manual':
      return m.allowedTenths
        ? `按档次：${[...m.allowedTenths]
            .sort((a, b) => b - a)
            .map(fmt)
            .join('/')}分`
        : `${fmt(m.minTenths)}–${fmt(item.maxTenths)}分，步长${fmt(m.stepTenths)}`;
    case 'yesno':
      return `达标${fmt(item.maxTenths)}分，否则0分`;
    case 'tiers':
      return `分档：${m.pointsTenths.map(fmt).join('/')}`;
    case 'deduct':
      return '扣分制，扣完为止（空格＝核查无扣分，回车记录扣分）';
    case 'computed':
      return '由名册快照自动计算';
  }
}

export function withItem(entries: CommunityEntries, code: string, change: (e: ItemEntry) => ItemEntry | null): CommunityEntries {
  const existing = entries.items.find((e) => e.itemCode === code) ?? { itemCode: code };
  const next = change({ ...existing });
  const others = entries.items.filter((e) => e.itemCode !== code);
  return { ...entries, items: next ? [...others, next] : others };
}

/** What every side panel of the scoring form gets: the form, whose sheet it is, and the save door. */
export interface PanelProps {
  form: FormDto;
  roundId: string;
  communityId: number;
  assessor: string;
  editable: boolean;
  /** Runs an explicit action through the form's autosave (saves waiting values first, reloads after). */
  act: (job: () => Promise<unknown>) => Promise<void>;
}

/** A panel's own problem line for an action it started. */
export function useGuarded(act: PanelProps['act']) {
  const [problem, setProblem] = useState<string | null>(null);
  async function guarded(job: () => Promise<unknown>) {
    setProblem(null);
    try {
      await act(job);
    } catch (e) {
      setProblem(errorText(e));
    }
  }
  return { problem, setProblem, guarded };
}
