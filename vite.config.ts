import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
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

export default defineConfig({
  root: webRoot,
  // Files in src/web/public (favicon etc.) are copied as-is.
  publicDir: 'public',
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir,
    emptyOutDir: true,
    // antd alone is ~1 MB minified; it is split into its own long-cached chunk below.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Large vendors change rarely: separate chunks keep them cached across app releases.
        codeSplitting: {
          groups: [
            {
              name: 'echarts',
              test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/,
              priority: 40,
            },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|dayjs)[\\/]/,
              priority: 30,
            },
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/,
              priority: 20,
            },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
