import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { appRequestHandler, mimeType, registerAppScheme, resolveAppPath, serveApp } = await import('../../../electron/protocol');

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

let root: string;
let dist: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'radbench-protocol-'));
  dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>RadBench</title>');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'engine.worker-def.js'), 'self.onmessage = () => {}');
  writeFileSync(join(dist, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(dist, 'assets', 'sql-wasm-browser.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d]));
  writeFileSync(join(dist, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(dist, 'assets', 'inter.woff2'), 'w');
  writeFileSync(join(root, 'secret.txt'), 'outside dist');
  handle = appRequestHandler(dist);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app protocol handler', () => {
  it('serves index.html for the root and the entry, with the CSP header', async () => {
    for (const url of ['radbench://app/', 'radbench://app/index.html']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
      expect(await res.text()).toContain('<title>RadBench</title>');
    }
  });

  it('puts the CSP header on scripts, so the module worker gets it too', async () => {
    const res = await get('radbench://app/assets/engine.worker-def.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/sql-wasm-browser.wasm', 'application/wasm'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/inter.woff2', 'font/woff2'],
  ])('serves %s as %s', async (path, type) => {
    const res = await get(`radbench://app/${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
  });

  it('returns the wasm bytes unchanged', async () => {
    const res = await get('radbench://app/assets/sql-wasm-browser.wasm');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0, 0x61, 0x73, 0x6d]);
  });

  it('answers 404 for a missing file, and index.html for an unknown client route', async () => {
    const missing = await get('radbench://app/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    const route = await get('radbench://app/dashboard');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it.each([
    'radbench://app/%2e%2e/secret.txt',
    'radbench://app/assets/..%2f..%2fsecret.txt',
    'radbench://app/assets/..%5c..%5csecret.txt',
    'radbench://app/%2e%2e%2fsecret.txt',
    'radbench://app/assets/%00.js',
    'radbench://app/C:%5cWindows%5cwin.ini',
  ])('refuses path traversal: %s', async (url) => {
    const res = await get(url);
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('outside dist');
  });

  it('refuses other hosts and methods', async () => {
    expect((await get('radbench://other/index.html')).status).toBe(404);
    expect((await get('radbench://app/index.html', 'POST')).status).toBe(405);
    const head = await get('radbench://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('resolveAppPath', () => {
  it('keeps paths inside the root and rejects escapes', () => {
    expect(resolveAppPath(dist, '/assets/index-abc.js')).toBe(join(dist, 'assets', 'index-abc.js'));
    expect(resolveAppPath(dist, '/')).toBe(join(dist, 'index.html'));
    expect(resolveAppPath(dist, '/a%20b.png')).toBe(join(dist, 'a b.png'));
    expect(resolveAppPath(dist, '/../secret.txt')).toBeNull();
    expect(resolveAppPath(dist, '/assets/%2e%2e/%2e%2e/secret.txt')).toBeNull();
    expect(resolveAppPath(dist, '/%E0%A4%A')).toBeNull();
  });
});

describe('mimeType', () => {
  it('falls back to octet-stream', () => {
    expect(mimeType('x.bin')).toBe('application/octet-stream');
    expect(mimeType('X.WASM')).toBe('application/wasm');
  });
});

describe('scheme registration', () => {
  it('registers radbench:// as standard, secure and fetch-capable', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'radbench',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      }),
    ]);
  });

  it('installs the handler for the scheme', async () => {
    const protocolHandle = vi.fn();
    serveApp({ handle: protocolHandle }, dist);
    expect(protocolHandle.mock.calls[0]?.[0]).toBe('radbench');
    const handler = protocolHandle.mock.calls[0]?.[1] as (r: Request) => Promise<Response>;
    expect((await handler(new Request('radbench://app/index.html'))).status).toBe(200);
  });
});
