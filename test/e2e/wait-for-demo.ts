import fs from 'node:fs';
import { inject } from 'vitest';

/**
 * Runs before each journey file: waits until the demo server that global setup started has
 * seeded its street and answers /readyz (the first file waits; the others find it ready).
 */
const { chromium, baseUrl, readyFile } = inject('e2e');
const LIMIT_MS = 900_000;

if (chromium) {
  const deadline = Date.now() + LIMIT_MS;
  while (!fs.existsSync(readyFile)) {
    if (Date.now() > deadline) throw new Error(`demo server not started after ${LIMIT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const status = JSON.parse(fs.readFileSync(readyFile, 'utf8')) as { url?: string; error?: string };
  if (status.error) throw new Error(status.error);
  while ((await fetch(`${baseUrl}/readyz`).catch(() => null))?.status !== 200) {
    if (Date.now() > deadline) throw new Error(`demo server at ${baseUrl} not ready`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
