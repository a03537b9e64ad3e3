import { Worker } from 'node:worker_threads';
import type { AnalysisResult, VoteMatrix } from './opinion.analysis.ts';

const WORKER_URL = new URL('./opinion.worker.ts', import.meta.url);

/**
 * Runs the analysis in a worker thread, so a recompute of thousands of participants never blocks
 * the process's event loop (its requests, its event streams). The vote matrix is moved, not copied;
 * the thread ends with the analysis.
 */
export function analyseInWorker(matrix: VoteMatrix): Promise<AnalysisResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (msg: { ok: true; result: AnalysisResult } | { ok: false; error: string }) =>
      settle(() => (msg.ok ? resolve(msg.result) : reject(new Error(msg.error)))),
    );
    worker.once('error', (error: Error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`The opinion analysis thread stopped (exit code ${code})`))),
    );
    worker.postMessage(matrix, [matrix.votes.buffer as ArrayBuffer]);
  });
}
