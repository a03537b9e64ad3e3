import { buildApp } from './app.ts';
import { closeDeps, createDeps, ensureAdmin } from './bootstrap.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import type { Deps } from './platform/deps.ts';
import { startBackgroundWorker } from './platform/jobs.ts';
import { jobHandlers, periodicTasks } from './background.ts';
import { startIotTransport, type IotTransport } from './modules/iot/iot.mqtt.ts';

/** Starts a server process: config → database → migrate → admin on first start → listen. */
export async function startServer(
  config: Config,
  beforeListen?: (deps: Deps) => Promise<void>,
): Promise<{ url: string; mqttUrl: string | null; stop: () => Promise<void> }> {
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
  const worker = startBackgroundWorker(deps, { handlers: jobHandlers, tasks: periodicTasks });
  // Device telemetry: an external broker (MQTT_URL) or the embedded one; without it the rest still serves.
  let iot: IotTransport | null = null;
  try {
    iot = await startIotTransport(deps, { url: config.mqttUrl, port: config.mqttPort, host: config.host });
  } catch (error) {
    deps.log.error({ err: error }, 'IoT ingest not started (MQTT broker unreachable or port in use)');
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const stop = async () => {
    await worker.stop();
    await iot?.stop();
    await app.close();
    await closeDeps(deps);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stop().finally(() => process.exit(0));
    });
  }
  return { url, mqttUrl: iot?.brokerUrl ?? null, stop };
}

if (import.meta.main) {
  try {
    const { url, mqttUrl } = await startServer(loadConfig());
    process.stdout.write(`Gongzhi listening on ${url}\n`);
    if (mqttUrl) process.stdout.write(`Device telemetry (MQTT) on ${mqttUrl}\n`);
  } catch (error) {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`,
    );
    process.exit(1);
  }
}
