import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { EMPTY_UNIT_SETTINGS, unitTitle, type UnitSettings } from '../../../shared/domain/settings/unit-settings';
import { call, errorText } from '../api/client';

interface UnitSettingsState {
  settings: UnitSettings;
  loaded: boolean;
  error: string | null;
  reload: () => Promise<void>;
  replace: (settings: UnitSettings) => void;
}

const Context = createContext<UnitSettingsState | null>(null);

/** The unit's settings, loaded once and shared by the title bar, home page and settings page. */
export function UnitSettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<UnitSettings>(EMPTY_UNIT_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setSettings(await call('settings:get', {}));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    document.title = unitTitle(settings);
  }, [settings]);

  const value = useMemo(() => ({ settings, loaded, error, reload, replace: setSettings }), [settings, loaded, error, reload]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useUnitSettings(): UnitSettingsState {
  const value = useContext(Context);
  if (!value) throw new Error('useUnitSettings outside UnitSettingsProvider');
  return value;
}
