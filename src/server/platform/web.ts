import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { App } from './http.ts';

/**
 * Production delivery of the built web app and compression of API answers.
 *
 * - Hashed files under `/assets/` never change under their name: cached a year, `immutable`, so a
 *   returning phone asks for nothing but `index.html` and the data.
 * - `index.html` (every app route answers with it) and the other unhashed files are revalidated on
 *   each visit (`no-cache`: the ETag makes that a 304), so a release is picked up at once.
 * - The build writes `.br` and `.gz` beside every file worth compressing (vite.config.ts); they are
 *   sent as they are, so nothing is compressed per request.
 * - JSON answers over 1 KB are compressed on the fly, brotli at a low quality (fast, still well
 *   below gzip's size for JSON). The live-event stream hijacks its reply, so nothing buffers it.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export async function registerCompression(app: App): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
}

/** Serves the built app from `dist` when it exists; every other non-API HTML request gets index.html. */
export async function registerWebApp(app: App, dist: string): Promise<boolean> {
  if (!fs.existsSync(path.join(dist, 'index.html'))) return false;
  const assets = path.join(dist, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: true,
    index: ['index.html'],
    preCompressed: true,
    // Cache-Control is ours (below): send's default `max-age=0` would make each visit revalidate every asset.
    cacheControl: false,
    setHeaders: (reply, file) => {
      reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE);
    },
  });
  return true;
}
