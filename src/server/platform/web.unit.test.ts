import Fastify from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './http.ts';
import { IMMUTABLE, registerCompression, registerWebApp } from './web.ts';

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
