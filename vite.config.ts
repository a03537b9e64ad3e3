import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Logger, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import {
  FIRST_PAGE_BUDGET,
  filesNamedByHtml,
  firstPageReport,
  type BuiltChunk,
} from './src/server/platform/webBudget.ts';

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

/**
 * index.html names the app's chunk (boot.tsx and all it imports) and its stylesheet, so the phone
 * asks for them as soon as the page arrives, next to the entry, not one round trip after it.
 */
function preloadApp(): Plugin {
  return {
    name: 'gz-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter((c) => c.type === 'chunk');
        const boot = chunks.find((c) => c.facadeModuleId?.endsWith('/src/web/app/boot.tsx'));
        if (!boot) return [];
        const files = new Set<string>();
        const css = new Set<string>();
        const visit = (file: string) => {
          const chunk = chunks.find((c) => c.fileName === file);
          if (!chunk || files.has(file)) return;
          files.add(file);
          for (const f of chunk.viteMetadata?.importedCss ?? []) css.add(f);
          chunk.imports.forEach(visit);
        };
        visit(boot.fileName);
        const named = (href: string) => html.includes(`/${href}"`);
        return [
          ...[...css]
            .filter((href) => !named(href))
            .map((href) => ({
              tag: 'link',
              attrs: { rel: 'stylesheet', crossorigin: true, href: `/${href}` },
              injectTo: 'head' as const,
            })),
          ...[...files]
            .filter((href) => !named(href))
            .map((href) => ({
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: true, href: `/${href}` },
              injectTo: 'head' as const,
            })),
        ];
      },
    },
  };
}

/**
 * Fails the build when `/login` with everything it loads before its first render would weigh more
 * than FIRST_PAGE_BUDGET on the wire, in either language (src/server/platform/webBudget.ts).
 */
function firstPageBudget(): Plugin {
  let logger: Logger | undefined;
  return {
    name: 'gz-first-page-budget',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      logger = config.logger;
    },
    writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      const chunks: BuiltChunk[] = Object.values(bundle)
        .filter((c) => c.type === 'chunk')
        .map((c) => ({
          fileName: c.fileName,
          imports: c.imports,
          css: [...(c.viteMetadata?.importedCss ?? [])],
          facadeModuleId: c.facadeModuleId,
          isEntry: c.isEntry,
        }));
      const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
      const content = (file: string) => {
        const full = path.join(dir, file);
        return existsSync(full) ? readFileSync(full) : undefined;
      };
      for (const lang of ['zh', 'en'] as const) {
        const report = firstPageReport(chunks, lang, filesNamedByHtml(html), content);
        const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
        if (report.total > FIRST_PAGE_BUDGET) {
          const list = report.files.map((f) => `  ${kb(f.wireBytes).padStart(9)}  ${f.fileName}`).join('\n');
          this.error(
            `/login (${lang}) would load ${kb(report.total)} on the wire, over its budget of ` +
              `${kb(FIRST_PAGE_BUDGET)} (issue 15). What it loads:\n${list}`,
          );
        }
        logger?.info(`first page (${lang}): ${kb(report.total)} on the wire, ${report.files.length} files`);
      }
    },
  };
}

/**
 * The installable app for door-to-door work without a signal (issue #21): a manifest and a
 * service worker that keeps every built file, so a field worker's phone opens the app offline
 * (index.html for every page). The signed-in shell registers it for field workers only
 * (src/web/offline/register.ts): the sign-in page and residents' phones never download it all.
 * Nothing of the API is cached by the worker: the offline copy of data is the app's own, in
 * IndexedDB, with its own expiry and sign-out rules (src/web/offline/device.ts).
 */
function installableApp(): Plugin[] {
  return VitePWA({
    injectRegister: false,
    registerType: 'autoUpdate',
    filename: 'sw.js',
    // src/web/public/manifest.webmanifest, linked by the shell (offline/register.ts): a link in
    // index.html would put it on the sign-in page, whose every byte counts (webBudget.ts)
    manifest: false,
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
      maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      navigateFallback: '/index.html',
      // the API and its docs are never answered with the app's page
      navigateFallbackDenylist: [/^\/api\//, /^\/healthz/, /^\/readyz/, /^\/metrics/],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
    },
  });
}

/**
 * React Router 7's package exports point at its development build under every condition (its own
 * framework plugin swaps in the production build); in a plain Vite build we do that here. The
 * development build checks and warns as it routes: on the warm visit of a phone it was ~7 % of the
 * script time (issue #15, CPU profile mapped to sources).
 */
function productionReactRouter(): Plugin {
  const dist = fileURLToPath(new URL('./node_modules/react-router/dist/production/', import.meta.url));
  return {
    name: 'gz-production-react-router',
    apply: 'build',
    config: () => ({
      resolve: {
        alias: [
          { find: /^react-router$/, replacement: path.join(dist, 'index.mjs') },
          { find: /^react-router\/dom$/, replacement: path.join(dist, 'dom-export.mjs') },
        ],
      },
    }),
  };
}

export default defineConfig({
  root: webRoot,
  // Files in src/web/public (favicon etc.) are copied as-is.
  publicDir: 'public',
  plugins: [
    react(),
    productionReactRouter(),
    preloadApp(),
    ...installableApp(),
    precompress(),
    firstPageBudget(),
  ],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir,
    emptyOutDir: true,
    // No vendor chunks: each page's chunk carries the parts of antd and ECharts it uses, so the
    // sign-in page loads only what it shows (a chunk of all of antd was 1.4 MB). But what a page
    // always needs comes in one file, not in dozens of small shared chunks (each a request, ~1 KB
    // of headers and a round trip on a phone's network): boot.tsx with everything it imports (the
    // sign-in page and what every page uses), then the signed-in shell with its imports.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // what the tiny entry (main.tsx) itself runs stays out of the app's chunk, or the entry would
            // wait for the whole app before asking for the dictionary
            { name: 'entry', test: /[\\/]i18n[\\/]dictionary\.ts$|vite[\\/]preload-helper/, priority: 3 },
            { name: 'boot', test: /[\\/]src[\\/]web[\\/]app[\\/]boot\.tsx$/, priority: 2 },
            { name: 'shell', test: /[\\/]src[\\/]web[\\/]app[\\/]ShellLayout\.tsx$/, priority: 1 },
            // what the relocation pages (staff, my move, partner firm, the household file's card) share,
            // its forms, tables and API, comes in one file rather than one small chunk per piece: each
            // chunk is a request for the page and a name in the sign-in page's preload map (webBudget.ts)
            {
              name: 'relocation',
              test: /[\\/]src[\\/]web[\\/]features[\\/]relocation[\\/]/,
              minShareCount: 2,
              priority: 0,
            },
          ],
        },
      },
    },
  },
});
