/**
 * The renderer's typed client over the one contract: `window.api` inside Electron (the preload),
 * else the browser host's HTTP endpoint with the per-launch token from the page URL.
 */
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/ipc/contract';
import type { Envelope, ErrorCode } from '../../../shared/ipc/errors';
import type { StagedFile } from '../../../shared/ipc/channels/files.channels';

type PreloadApi = Record<string, (input: unknown) => Promise<Envelope<unknown>>>;

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'appraisal.hostToken';

function hostToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const SESSION_KEY = 'appraisal.session';

/**
 * The login session. In the browser it lives in sessionStorage (gone when the tab closes) and is
 * sent with every request; in Electron the main process keeps it for the window.
 */
export function setSessionToken(token: string | null): void {
  if (token) sessionStorage.setItem(SESSION_KEY, token);
  else sessionStorage.removeItem(SESSION_KEY);
}

function sessionToken(): string {
  return sessionStorage.getItem(SESSION_KEY) ?? '';
}

const unauthenticatedListeners = new Set<() => void>();

/** Called when the server says the session has ended (expired, logged out elsewhere, account disabled). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function authHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'x-appraisal-token': hostToken() };
  const session = sessionToken();
  if (session) headers['x-appraisal-session'] = session;
  return headers;
}

export const isElectron = (): boolean => typeof window !== 'undefined' && window.api !== undefined;

async function invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
  if (window.api) {
    const fn = window.api[channel];
    if (!fn) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `未知的操作「${channel}」。` } };
    return fn(input);
  }
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '无法连接到考评系统服务，请确认服务仍在运行后刷新页面。' } };
  }
  try {
    return (await response.json()) as Envelope<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `服务返回了无法识别的内容（HTTP ${response.status}）。请刷新页面重试。` } };
  }
}

/** Call a channel; resolves with its output or throws ApiError with a Chinese message. */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await invoke(channel, input);
  if (!envelope.ok && envelope.error.code === 'UNAUTHENTICATED' && channel !== 'auth:login') {
    for (const listener of unauthenticatedListeners) listener();
  }
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
  return envelope.value as ChannelOutput<C>;
}

/** Upload a file the user chose in the browser (host mode) and get its staged id. */
export async function uploadFile(file: File): Promise<StagedFile> {
  const response = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { ...authHeaders(), 'content-type': 'application/octet-stream' },
    body: file,
  });
  const envelope = (await response.json()) as Envelope<StagedFile>;
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
  return envelope.value;
}

/** Save a staged output file: a save dialog in Electron, a download in the browser. */
export async function saveStagedFile(fileId: string, suggestedName: string): Promise<void> {
  if (isElectron()) {
    await call('files:saveAs', { fileId, suggestedName });
    return;
  }
  // Fetched with the session header (a plain link could not send it), then saved as a download.
  const response = await fetch(`/files/${encodeURIComponent(fileId)}`, { headers: authHeaders() });
  if (!response.ok) {
    const envelope = (await response.json().catch(() => null)) as Envelope<never> | null;
    throw new ApiError(
      envelope && !envelope.ok ? envelope.error.code : 'NOT_FOUND',
      envelope && !envelope.ok ? envelope.error.message : '文件下载失败，请重试。',
    );
  }
  saveBytes(new Uint8Array(await response.arrayBuffer()), suggestedName, 'application/octet-stream');
}

/** Save bytes as a browser download (host mode). */
export function saveBytes(bytes: Uint8Array, suggestedName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = suggestedName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A staged output's bytes, for a preview (a report PDF made on the main side). Electron: the main
 * process serves it at appfile://staged/<id> and keeps it for saving; browser host: /files/<id>,
 * downloaded once (then released, so it is saved from these bytes). Save it with saveFetchedFile.
 */
export async function fetchStagedFile(fileId: string, mime: string): Promise<Blob> {
  const response = isElectron()
    ? await fetch(`appfile://staged/${encodeURIComponent(fileId)}`)
    : await fetch(`/files/${encodeURIComponent(fileId)}`, { headers: authHeaders() });
  if (!response.ok) throw new ApiError('NOT_FOUND', '生成的文件已失效，请重新生成。');
  return new Blob([await response.arrayBuffer()], { type: mime });
}

/** Save a staged output already fetched with fetchStagedFile: a save dialog in Electron, a download in the browser. */
export async function saveFetchedFile(fileId: string, blob: Blob, suggestedName: string): Promise<void> {
  if (isElectron()) {
    await call('files:saveAs', { fileId, suggestedName });
    return;
  }
  saveBytes(new Uint8Array(await blob.arrayBuffer()), suggestedName, blob.type);
}

/** The Chinese message of a refused call (ApiError) or any other failure, for an Alert. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
