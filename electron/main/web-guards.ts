/**
 * What the app's page may make Electron do, kept free of runtime Electron imports so a unit test
 * can drive it with stand-ins: no navigation or redirect away from the app, no new windows, no
 * permissions (neither requested nor silently checked), external links only to an allow-list.
 */

/** Sites the app may open in the user's browser (official sources the standard cites). */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set(['www.mca.gov.cn', 'www.gov.cn']);

/** Only https links to an allowed host, with no credentials or unusual port. */
export function isAllowedExternalUrl(url: string, hosts: ReadonlySet<string> = EXTERNAL_LINK_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && hosts.has(parsed.hostname)
  );
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of Electron's WebContents the guards use. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The parts of Electron's Session the guards use. */
export interface GuardedSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  setDevicePermissionHandler?(handler: () => boolean): void;
}

export function guardSession(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Checks are the silent twin of requests (e.g. clipboard, notifications): refused as well.
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}

export function guardWebContents(contents: GuardedContents, openExternal: (url: string) => unknown): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  // A server redirect is a navigation too.
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void openExternal(url);
    return { action: 'deny' };
  });
}
