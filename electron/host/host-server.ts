/**
 * The browser host: the built renderer and the same contract handlers over HTTP, for use without
 * Electron. Bound to 127.0.0.1 only; every request needs the per-launch token (the page gets it in
 * its URL once and keeps it in a same-site cookie for assets; API calls send it as a header, which
 * also forces a CORS preflight that we never answer, so other sites cannot call us).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, type Envelope } from '../../shared/ipc/errors';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';
import type { Actor, AppContext } from '../core/app-context';
import { dispatch } from '../core/dispatch';
import { MAX_STAGED_BYTES } from '../core/platform/files/file-staging';
import { SESSION_HEADER } from '../core/session-door';
import { mayUpload, ownerOf } from '../core/platform/files/file-owner';

export const TOKEN_HEADER = 'x-appraisal-token';
const COOKIE = 'appraisal_token';
const MAX_JSON_BYTES = 20 * 1024 * 1024;
const MAX_UPLOAD_BYTES = MAX_STAGED_BYTES;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

export { CONTENT_SECURITY_POLICY };

export interface HostOptions {
  app: AppContext;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Who the browser acts as: the user of the session sent in the x-appraisal-session header. */
  resolveActor: (req: http.IncomingMessage, sessionToken: string | null) => Actor | null | Promise<Actor | null>;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: http.IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE) return v;
  }
  return undefined;
}

function sessionOf(req: http.IncomingMessage): string | null {
  const header = req.headers[SESSION_HEADER];
  return typeof header === 'string' && header.length > 0 && header.length <= 200 ? header : null;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function errorEnvelope(error: AppError): Envelope<never> {
  return { ok: false, error: error.toPayload() };
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new AppError('INVALID_INPUT', '请求内容过大。'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const rendererDir = path.resolve(options.rendererDir);
  let port = 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, errorEnvelope(new AppError('INTERNAL', '服务内部错误，请重试。')));
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    // DNS rebinding: only our own address is a valid Host.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      sendJson(res, 403, errorEnvelope(new AppError('FORBIDDEN', '拒绝访问。')));
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, decodeURIComponent(url.pathname.slice(5)));
    if (url.pathname === '/upload') return handleUpload(req, res, url);
    if (url.pathname.startsWith('/files/')) return handleDownload(req, res, url.pathname.slice(7));
    return handleStatic(req, res, url);
  }

  function apiAuthorized(req: http.IncomingMessage): boolean {
    const header = req.headers[TOKEN_HEADER];
    return sameToken(typeof header === 'string' ? header : undefined, token);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, errorEnvelope(new AppError('INVALID_INPUT', '只接受 POST 请求。')));
      return;
    }
    if (!apiAuthorized(req)) {
      sendJson(res, 401, errorEnvelope(new AppError('UNAUTHENTICATED', '缺少或错误的访问令牌。请使用启动时打印的完整地址打开本系统。')));
      return;
    }
    let input: unknown;
    try {
      const body = await readBody(req, MAX_JSON_BYTES);
      input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('INVALID_INPUT', '请求内容不是有效的 JSON。');
      sendJson(res, 400, errorEnvelope(e));
      return;
    }
    const sessionToken = sessionOf(req);
    const actor = await options.resolveActor(req, sessionToken);
    const envelope = await dispatch({ app: options.app, actor, sessionToken: actor ? sessionToken : null }, channel, input);
    sendJson(res, 200, envelope);
  }

  async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST' || !apiAuthorized(req)) {
      sendJson(res, 401, errorEnvelope(new AppError('UNAUTHENTICATED', '缺少或错误的访问令牌。')));
      return;
    }
    const actor = await options.resolveActor(req, sessionOf(req));
    if (!actor) {
      req.resume();
      sendJson(res, 200, errorEnvelope(new AppError('UNAUTHENTICATED', '请先登录后再上传文件。')));
      return;
    }
    if (!mayUpload(actor.role) || actor.mustChangePassword) {
      req.resume();
      const message = actor.mustChangePassword
        ? '首次登录或管理员重置密码后，请先修改密码，然后继续操作。'
        : '您的角色不能导入文件，因此不能上传。如需导入，请联系管理员。';
      sendJson(res, 200, errorEnvelope(new AppError('FORBIDDEN', message)));
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_UPLOAD_BYTES) {
      req.resume();
      sendJson(res, 200, errorEnvelope(new AppError('INVALID_FILE', '文件超过 200 MB，无法处理。请拆分后分批导入。')));
      return;
    }
    try {
      // Streamed to disk: a large upload never sits in memory, and an oversized one stops at the limit.
      const staged = await options.app.files.stageStream(url.searchParams.get('name') ?? 'upload', req, ownerOf(actor), MAX_UPLOAD_BYTES);
      sendJson(res, 200, { ok: true, value: staged });
    } catch (err) {
      sendJson(res, 200, errorEnvelope(err instanceof AppError ? err : new AppError('INVALID_FILE', '文件上传失败，请重试。')));
      req.destroy();
    }
  }

  async function handleDownload(req: http.IncomingMessage, res: http.ServerResponse, fileId: string): Promise<void> {
    // The page fetches downloads with its session header (a plain link could not send it).
    const actor = sameToken(cookieToken(req), token) ? await options.resolveActor(req, sessionOf(req)) : null;
    if (!actor) {
      sendJson(res, 401, errorEnvelope(new AppError('UNAUTHENTICATED', '缺少或错误的访问令牌。')));
      return;
    }
    try {
      // Only the user who staged (or exported) the file may fetch it.
      const staged = options.app.files.resolve(fileId, ownerOf(actor));
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(staged.name)}`,
        'cache-control': 'no-store',
      });
      // Downloaded once: the staged copy is not kept (it may hold ID numbers or a whole database).
      res.on('finish', () => options.app.files.release(fileId));
      fs.createReadStream(staged.path).pipe(res);
    } catch (err) {
      sendJson(res, 404, errorEnvelope(err instanceof AppError ? err : new AppError('NOT_FOUND', '找不到该文件。')));
    }
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const queryToken = url.searchParams.get('token') ?? undefined;
    const viaQuery = sameToken(queryToken, token);
    if (!viaQuery && !sameToken(cookieToken(req), token)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('缺少访问令牌：请使用启动时打印的完整地址（含 ?token=…）打开本系统。');
      return;
    }
    const headers: Record<string, string> = { 'content-security-policy': CONTENT_SECURITY_POLICY };
    if (viaQuery) headers['set-cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    let file = path.join(rendererDir, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ''));
    if (!file.startsWith(rendererDir + path.sep) && file !== rendererDir) {
      res.writeHead(403);
      res.end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(rendererDir, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('界面尚未构建：请先运行 npm run build:renderer（npm run host 会自动构建）。');
      return;
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const isHtml = type.startsWith('text/html');
    res.writeHead(200, { ...headers, 'content-type': type, 'cache-control': isHtml ? 'no-store' : 'max-age=3600' });
    fs.createReadStream(file).pipe(res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
