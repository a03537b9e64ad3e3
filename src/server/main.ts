import { buildApp } from './app.ts';
import { closeDeps, createDeps, ensureAdmin } from './bootstrap.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import type { Deps } from './platform/deps.ts';

/** Starts a server process: config → database → migrate → admin on first start → listen. */
export async function startServer(
  config: Config,
  beforeListen?: (deps: Deps) => Promise<void>,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const deps = await createDeps(config);
  const admin = await ensureAdmin(deps);
  await beforeListen?.(deps);
  if (admin.generatedPassword) {
    // Printed once, on the first start only; it is not stored anywhere in clear.
    process.stdout.write(
      `\n  First start: created user "admin" with one-time password: ${admin.generatedPassword}\n\n`,
    );
  }
  const { app } = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const stop = async () => {
    await app.close();
    await closeDeps(deps);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stop().finally(() => process.exit(0));
    });
  }
  return { url, stop };
}

if (import.meta.main) {
  try {
    const { url } = await startServer(loadConfig());
    process.stdout.write(`Gongzhi listening on ${url}\n`);
  } catch (error) {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`,
    );
    process.exit(1);
  }
}
