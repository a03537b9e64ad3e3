/**
 * What the HTTP benchmarks share: starting a server process and reading its own figures from /proc,
 * so a benchmark reports the server's memory, never its own (it holds the generated files).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Spawns `node <args>` with extra environment and resolves once `readyUrl` answers 2xx. */
export function startProcess(
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.resume();
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`${args.join(' ')} exited`));
      const ok = await fetch(readyUrl)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return resolve(child);
      if (performance.now() - t0 > 180_000) return reject(new Error(`${readyUrl} not ready`));
      setTimeout(() => void poll(), 100);
    };
    void poll();
  });
}

/** Stops a started process and waits until it is gone. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await gone;
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]);
}

/** The process's own peak resident set since it started (VmHWM), in MB. */
export const peakRssMb = (pid: number) => Math.round(statusKb(pid, 'VmHWM') / 1024);

/** The process's resident set now (VmRSS), in MB. */
export const rssMb = (pid: number) => Math.round(statusKb(pid, 'VmRSS') / 1024);

/** The 1-minute load average, printed beside every figure (the machine is shared). */
export const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
