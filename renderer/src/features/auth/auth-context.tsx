import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionResult, UserDto } from '../../../../shared/ipc/channels/auth.channels';
import { call, onUnauthenticated, setSessionToken, errorText } from '../../api/client';
import { navigate } from '../../app/router';

export type AuthPhase = 'loading' | 'setup' | 'login' | 'ready' | 'error';

interface AuthState {
  phase: AuthPhase;
  user: UserDto | null;
  error: string | null;
  /** After auth:login / auth:setup answered. */
  signedIn(result: SessionResult): void;
  /** Replace the user (e.g. after a password change). */
  updateUser(user: UserDto): void;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const Context = createContext<AuthState | null>(null);

/** Who is logged in, and whether the first administrator still has to be created. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<AuthPhase>('loading');
  const [user, setUser] = useState<UserDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const status = await call('auth:status', {});
      setUser(status.user);
      setPhase(status.needsSetup ? 'setup' : status.user ? 'ready' : 'login');
      if (!status.user) setSessionToken(null);
      setError(null);
    } catch (err) {
      setError(errorText(err));
      setPhase('error');
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A session that ends on the server (expired, disabled, password reset) brings back the login screen.
  useEffect(
    () =>
      onUnauthenticated(() => {
        setSessionToken(null);
        setUser(null);
        setPhase((p) => (p === 'ready' ? 'login' : p));
      }),
    [],
  );

  const value = useMemo<AuthState>(
    () => ({
      phase,
      user,
      error,
      signedIn(result) {
        // Everyone starts on their own home page, never on the page the previous user left open.
        navigate('/');
        setSessionToken(result.sessionToken);
        setUser(result.user);
        setPhase('ready');
      },
      updateUser: setUser,
      async logout() {
        try {
          await call('auth:logout', {});
        } catch {
          // Logging out locally is what matters; the session expires on the server anyway.
        }
        setSessionToken(null);
        setUser(null);
        setPhase('login');
        navigate('/');
      },
      refresh,
    }),
    [phase, user, error, refresh],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(Context);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
