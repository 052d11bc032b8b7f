/**
 * Serves the built renderer (Vite's dist/) through the privileged radbench:// scheme, with the strict
 * Content-Security-Policy as a header on every response, so the page and its module worker both get it.
 */
import { readFile } from 'node:fs/promises';
import { extname, relative, resolve, sep, isAbsolute } from 'node:path';
import type { Protocol } from 'electron';
import { contentSecurityPolicy } from '../renderer/csp';
import { APP_HOST, APP_SCHEME } from './appUrl';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Must run before app 'ready': a standard, secure origin with fetch, so ES modules, workers and wasm work. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

/**
 * Maps a URL path to a file under `root`, or null when it would leave it (`..`, encoded separators,
 * drive letters, NUL). `root` must be absolute.
 */
export function resolveAppPath(root: string, pathname: string): string | null {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.') continue;
    if (segment === '..' || /[\\/:\0]/.test(segment)) return null;
    segments.push(segment);
  }
  const file = resolve(root, ...(segments.length > 0 ? segments : ['index.html']));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

function headers(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  });
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

export interface AppRequestHandlerOptions {
  readFile?: (path: string) => Promise<Uint8Array>;
}

/** The protocol handler: GET/HEAD of files under `distDir`; an unknown extensionless path gets index.html (client routes). */
export function appRequestHandler(distDir: string, options: AppRequestHandlerOptions = {}): (request: Request) => Promise<Response> {
  const root = resolve(distDir);
  const read = options.readFile ?? ((path: string) => readFile(path));

  async function tryRead(path: string): Promise<Uint8Array | null> {
    try {
      return await read(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
      throw error;
    }
  }

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return textResponse(404, 'Not found');
    const file = resolveAppPath(root, url.pathname);
    if (file === null) return textResponse(403, 'Forbidden');

    let path = file;
    let body = await tryRead(path);
    if (body === null && extname(file) === '') {
      path = resolve(root, 'index.html');
      body = await tryRead(path);
    }
    if (body === null) return textResponse(404, 'Not found');
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers: headers(mimeType(path)) });
  };
}

/** Installs the handler on the session's protocol (after app 'ready'). */
export function serveApp(protocol: Pick<Protocol, 'handle'>, distDir: string): void {
  protocol.handle(APP_SCHEME, appRequestHandler(distDir));
}
