import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in src/web; the server serves the built files from dist/web.
const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = process.env['GZ_WEB_DIST'] || fileURLToPath(new URL('./dist/web', import.meta.url));

// The API server listens here during development (`npm run dev` of the server).
const apiTarget = process.env['GONGZHI_API_URL'] ?? 'http://127.0.0.1:3000';

/**
 * `/api/…` goes to the server, except the dev server's own source modules: the web app's
 * src/web/api/client.ts is served as `/api/client.ts` (optionally `?t=…`), so `.ts`/`.tsx`
 * requests stay with Vite. (A key starting with `^` is a regular expression.)
 */
const proxy = {
  '^/api(?:/|$)(?!.*\\.tsx?(?:\\?|$))': { target: apiTarget, changeOrigin: false },
  '/healthz': { target: apiTarget, changeOrigin: false },
};

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes `name.br` and `name.gz` beside every built text file over 1 KB, once, at the highest
 * levels; the server sends them as they are (`preCompressed`, src/server/platform/web.ts), so a
 * phone on a slow network gets the smallest bytes and the server compresses nothing per request.
 */
function precompress(): Plugin {
  return {
    name: 'gz-precompress',
    apply: 'build',
    async writeBundle(options) {
      const dir = options.dir ?? outDir;
      const files = (await fs.readdir(dir, { recursive: true })).filter((f) =>
        /\.(js|mjs|css|html|svg|json|txt)$/.test(f),
      );
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(dir, file);
          const body = await fs.readFile(full);
          if (body.length <= 1024) return;
          const [br, gz] = await Promise.all([
            brotli(body, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            }),
            gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          await Promise.all([fs.writeFile(`${full}.br`, br), fs.writeFile(`${full}.gz`, gz)]);
        }),
      );
    },
  };
}

export default defineConfig({
  root: webRoot,
  // Files in src/web/public (favicon etc.) are copied as-is.
  publicDir: 'public',
  plugins: [react(), precompress()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir,
    emptyOutDir: true,
    // No manual vendor chunks: each page's chunk carries the parts of antd and ECharts it uses,
    // so the sign-in page loads only what it shows (a chunk of all of antd was 1.4 MB).
  },
});
