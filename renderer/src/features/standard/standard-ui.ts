/** Helpers shared by the 考核标准 pages. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parsePointsText } from '../../../../shared/domain/standard/method-params';
import { formatTenths, type Standard } from '../../../../shared/domain/standard/standard.schema';
import { validateStandard } from '../../../../shared/domain/standard/standard.validator';
import type { StandardProblem } from '../../../../shared/domain/standard/standard.problem';
import type { StandardVersionDetail } from '../../../../shared/ipc/channels/standard.channels';
import { call, errorText } from '../../api/client';
import type { RosterMetricKey } from '../../../../shared/domain/roster/roster-metrics';

export const fmt = formatTenths;

/** Text typed into a points field → tenths, or an error message. */
export function readPoints(text: string): { tenths: number } | { error: string } {
  const t = parsePointsText(text);
  return t === undefined ? { error: '请输入不小于0的数字，最多一位小数' } : { tenths: t };
}

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

const SAVE_DELAY_MS = 500;

export interface DraftEditor {
  detail: StandardVersionDetail | null;
  standard: Standard | null;
  /** Live validation of the local content (the same rules the server applies on publish). */
  problems: StandardProblem[];
  loadError: string | null;
  saveState: SaveState;
  saveMessage: string;
  editable: boolean;
  /** Change the local content; saved automatically a moment later. */
  update(change: (s: Standard) => void): void;
  /** Save now (before publishing, leaving, …); resolves when stored. */
  flush(): Promise<boolean>;
  reload(): Promise<void>;
}

/**
 * Loads a version and keeps a local copy the editor changes freely; validation runs on every
 * change, and the whole draft is saved (with its revision) shortly after typing stops.
 */
export function useDraftEditor(version: number, canEdit: boolean): DraftEditor {
  const [detail, setDetail] = useState<StandardVersionDetail | null>(null);
  const [standard, setStandard] = useState<Standard | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveMessage, setSaveMessage] = useState('');
  const latest = useRef<Standard | null>(null);
  const revision = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<boolean> | null>(null);

  const load = useCallback(async () => {
    try {
      const d = await call('standard:get', { version });
      setDetail(d);
      setStandard(d.standard);
      latest.current = d.standard;
      revision.current = d.revision;
      setLoadError(null);
      setSaveState('idle');
    } catch (err) {
      setLoadError(errorText(err));
    }
  }, [version]);

  useEffect(() => {
    void load();
  }, [load]);

  const save = useCallback(async (): Promise<boolean> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const content = latest.current;
    if (!content) return true;
    if (saving.current) await saving.current;
    const run = (async () => {
      setSaveState('saving');
      try {
        const d = await call('standard:saveDraft', { version, revision: revision.current, standard: content });
        revision.current = d.revision;
        setDetail(d);
        setSaveState(latest.current === content ? 'saved' : 'pending');
        setSaveMessage('');
        return true;
      } catch (err) {
        setSaveState('error');
        setSaveMessage(errorText(err));
        return false;
      }
    })();
    saving.current = run;
    const ok = await run;
    saving.current = null;
    return ok;
  }, [version]);

  const editable = canEdit && (detail?.editable ?? false);

  const update = useCallback(
    (change: (s: Standard) => void) => {
      if (!latest.current || !editable) return;
      const next = structuredClone(latest.current);
      change(next);
      latest.current = next;
      setStandard(next);
      setSaveState('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    },
    [editable, save],
  );

  const flush = useCallback(async () => {
    if (timer.current || saveState === 'pending') return save();
    if (saving.current) return saving.current;
    return saveState !== 'error';
  }, [save, saveState]);

  useEffect(
    () => () => {
      // Leaving the page: write what is pending.
      if (timer.current) {
        clearTimeout(timer.current);
        void save();
      }
    },
    [save],
  );

  const problems = useMemo(() => (standard ? validateStandard(standard) : []), [standard]);
  return { detail, standard, problems, loadError, saveState, saveMessage, editable, update, flush, reload: load };
}

export const SAVE_STATE_TEXT: Record<SaveState, string> = {
  idle: '',
  pending: '有修改，即将保存…',
  saving: '正在保存…',
  saved: '已自动保存',
  error: '保存失败',
};

/** Metrics of an example community (about 2,900 households, 7 grids), for trying formulas and the form preview. */
// Keys checked against the roster's metric catalogue: a misspelt one does not compile.
export const SAMPLE_METRICS: Readonly<Record<string, number>> = {
  households: 2860,
  residents: 8120,
  facilityArea: 1180,
  facilityAreaPer100Households: 41.26,
  hallArea: 60,
  sizeWithinLimit: 1,
  hasPartyOrganization: 1,
  committeeCount: 7,
  residentsCommitteeCount: 7,
  committeeUnder35: 1,
  committeeWomen: 3,
  secretaryIsDirector: 1,
  crossServingCount: 2,
  cadresRegistered: 12,
  cadresReported: 11,
  groupCount: 18,
  groupsWithLeader: 17,
  yardCount: 42,
  yardsWithLeader: 38,
  gridCount: 7,
  gridHouseholds: 2860,
  gridsFiveLevel: 6,
  gridsWithin300to500: 5,
  gridsWithLeader: 7,
  gridsWithFullTimeWorker: 6,
  gridsWithPartTimeWorker: 5,
  gridStaffFullTime: 6,
  gridStaffPartTime: 8,
  workerCount: 14,
  workersPer10000Residents: 17.24,
  workersGradeInvalid: 1,
  workersCollegeOrAbove: 11,
  workersCertified: 3,
} satisfies Partial<Record<RosterMetricKey, number>>;
