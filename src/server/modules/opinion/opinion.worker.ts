import { parentPort } from 'node:worker_threads';
import { analyse, type VoteMatrix } from './opinion.analysis.ts';

/** The worker thread of opinion.compute.ts: one analysis per message, off the server's event loop. */
parentPort?.on('message', (matrix: VoteMatrix) => {
  try {
    parentPort?.postMessage({ ok: true, result: analyse(matrix) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, error: (error as Error).message });
  }
});
