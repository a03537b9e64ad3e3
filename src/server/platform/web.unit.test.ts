import crypto from 'node:crypto';
import Fastify from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './http.ts';
import { IMMUTABLE, registerCompression, registerWebApp } from './web.ts';
import {
  FIRST_PAGE_BUDGET,
  HEADER_BYTES,
  filesNamedByHtml,
  firstPageChunks,
  firstPageReport,
  type BuiltChunk,
} from './webBudget.ts';

// A built app as vite.config.ts leaves it: hashed assets with their .br/.gz beside them.
const script = `console.log(${JSON.stringify('共治'.repeat(800))});\n`;
let dist: string;
let app: App;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-web-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  const asset = path.join(dist, 'assets', 'index-AbC123xy.js');
  fs.writeFileSync(asset, script);
  fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(script));
  fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(script));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  app = Fastify().withTypeProvider<ZodTypeProvider>();
  await registerCompression(app);
  app.get('/api/big', async () => ({
    items: Array.from({ length: 300 }, (_, i) => ({ id: i, name: '住户' })),
  }));
  app.get('/api/small', async () => ({ ok: true }));
  // shaped like /api/events: a hijacked reply written to as events happen
  app.get('/api/stream', (_request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    reply.raw.end(`event: hello\ndata: {}\n\n${': keep-alive\n\n'.repeat(200)}`);
  });
  await registerWebApp(app, dist);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('web delivery', () => {
  it('sends a hashed asset pre-compressed (brotli, else gzip) and cached immutable for a year', async () => {
    const br = await app.inject({
      url: '/assets/index-AbC123xy.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await app.inject({ url: '/assets/index-AbC123xy.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await app.inject({
      url: '/assets/index-AbC123xy.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
  });

  it('makes index.html revalidate on every visit, so a release is seen at once', async () => {
    for (const url of ['/', '/index.html']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.etag).toBeTruthy();
    }
  });

  it('compresses JSON answers over 1 KB and leaves small ones as they are', async () => {
    const big = await app.inject({ url: '/api/big', headers: { 'accept-encoding': 'br, gzip' } });
    expect(big.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(big.rawPayload).toString()).items).toHaveLength(300);
    const small = await app.inject({ url: '/api/small', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('never compresses (so never buffers) the live-event stream', async () => {
    const res = await app.inject({ url: '/api/stream', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.startsWith('event: hello')).toBe(true);
  });
});

describe('first page budget (what /login loads before its first render)', () => {
  const chunk = (fileName: string, more: Partial<BuiltChunk> = {}): BuiltChunk => ({
    fileName,
    imports: [],
    css: [],
    facadeModuleId: null,
    isEntry: false,
    ...more,
  });
  // Shaped like the real build: a tiny entry, the app's chunk (boot.tsx with the router and the
  // sign-in page), one chunk per dictionary, and lazily loaded pages sharing a chunk with the app.
  const chunks = [
    chunk('assets/index.js', {
      isEntry: true,
      imports: ['assets/entry.js'],
      facadeModuleId: '/r/src/web/index.html',
    }),
    chunk('assets/entry.js'),
    chunk('assets/boot-facade.js', {
      imports: ['assets/boot.js'],
      facadeModuleId: '/r/src/web/app/boot.tsx',
    }),
    chunk('assets/boot.js', { imports: ['assets/runtime.js', 'assets/entry.js'], css: ['assets/boot.css'] }),
    chunk('assets/runtime.js'),
    chunk('assets/zh.js', { facadeModuleId: '/r/src/web/i18n/zh.ts' }),
    chunk('assets/en.js', { facadeModuleId: '/r/src/web/i18n/en.ts' }),
    chunk('assets/DashboardPage.js', {
      imports: ['assets/boot.js', 'assets/echarts.js'],
      facadeModuleId: '/r/src/web/features/dashboard/DashboardPage.tsx',
    }),
    chunk('assets/echarts.js'),
  ];

  it('follows the entry, the app and the chosen dictionary with their static imports, and no lazy page', () => {
    const names = (lang: 'zh' | 'en') =>
      firstPageChunks(chunks, lang)
        .map((c) => c.fileName)
        .sort();
    expect(names('zh')).toEqual([
      'assets/boot-facade.js',
      'assets/boot.js',
      'assets/entry.js',
      'assets/index.js',
      'assets/runtime.js',
      'assets/zh.js',
    ]);
    expect(names('en')).toContain('assets/en.js');
    expect(names('en')).not.toContain('assets/zh.js');
  });

  it('counts compressed bytes, stylesheets, the files index.html names and headers per file', () => {
    const html =
      '<script type="module" src="/assets/index.js"></script><link rel="icon" href="/favicon.svg">';
    expect(filesNamedByHtml(html)).toEqual(['index.html', 'assets/index.js', 'favicon.svg']);
    const text = 'const 共治 = "旧改全过程融合共治平台";\n'.repeat(400); // compresses well
    const files: Record<string, string> = {
      'index.html': html,
      'favicon.svg': '<svg/>',
      'assets/boot.css': text,
    };
    const report = firstPageReport(chunks, 'zh', filesNamedByHtml(html), (f) => files[f] ?? text);
    const names = report.files.map((f) => f.fileName);
    expect(names).toContain('assets/boot.css');
    expect(names).toContain('favicon.svg');
    expect(names).not.toContain('assets/DashboardPage.js');
    const boot = report.files.find((f) => f.fileName === 'assets/boot.js')!;
    expect(boot.wireBytes).toBeLessThan(Buffer.byteLength(text) / 10);
    // files of 1 KB or less are sent as they are
    expect(report.files.find((f) => f.fileName === 'favicon.svg')!.wireBytes).toBe(6);
    const sum = report.files.reduce((s, f) => s + f.wireBytes, 0);
    expect(report.total).toBe(sum + report.files.length * HEADER_BYTES);
    expect(report.total).toBeLessThan(FIRST_PAGE_BUDGET);
  });

  it('goes over the budget when the first page carries 300 KB that does not compress', () => {
    const noise = crypto.randomBytes(300 * 1024); // what a library pulled into the sign-in page adds
    const content = (f: string) => (f === 'assets/boot.js' ? noise : 'x');
    const report = firstPageReport(chunks, 'zh', ['index.html'], content);
    expect(report.total).toBeGreaterThan(FIRST_PAGE_BUDGET);
    // a lazily loaded page may be as big as it needs: it is not on the first page
    const lazyBig = firstPageReport(chunks, 'zh', ['index.html'], (f) =>
      f === 'assets/echarts.js' ? noise : 'x',
    );
    expect(lazyBig.total).toBeLessThan(FIRST_PAGE_BUDGET);
  });
});
