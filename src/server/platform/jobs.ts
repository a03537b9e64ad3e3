import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Deps } from './deps.ts';
import { publish } from './events.ts';
import { MINUTE } from './clock.ts';

/**
 * Background work shared by every server process through the database, so any process may run it
 * and none keeps it in memory:
 * - jobs: one-off work a user asked for (a report), claimed with `FOR UPDATE SKIP LOCKED`, with
 *   progress other processes' clients see live, and a lease so a job of a crashed process is retried;
 * - periodic tasks: sweeps (deadlines, retention, silent devices) run by exactly one process per
 *   interval — the process that moves the task's `next_run_at` forward runs it.
 */

export interface JobRow {
  tenantId: number;
  id: number;
  kind: string;
  payload: unknown;
  createdBy: number | null;
  attempts: number;
}

export type ReportProgress = (done: number, total: number) => Promise<void>;

export interface JobOutcome {
  result?: unknown;
  /** A file the job produced (stored with `deps.files.put`), offered as the job's download. */
  fileId?: number;
}

export interface JobHandler {
  kind: string;
  run(deps: Deps, job: JobRow, progress: ReportProgress): Promise<JobOutcome>;
}

export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(deps: Deps): Promise<void>;
}

/** A job whose process stopped renewing it is taken over after this long. */
const LEASE_MS = 10 * MINUTE;
const MAX_ATTEMPTS = 3;
export const JOB_TOPIC = 'job';

export async function enqueueJob(
  executor: Executor,
  deps: Pick<Deps, 'clock'>,
  input: { tenantId: number; kind: string; payload: unknown; createdBy: number | null },
): Promise<number> {
  const row = await executor
    .insertInto('jobs')
    .values({
      tenant_id: input.tenantId,
      kind: input.kind,
      payload: JSON.stringify(input.payload ?? {}),
      created_by: input.createdBy,
      created_at: deps.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Takes the oldest queued job (or one whose lease expired) for this process; null when none. */
async function claimJob(deps: Deps): Promise<JobRow | null> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const claimed = await sql<{
    tenant_id: number;
    id: number;
    kind: string;
    payload: unknown;
    created_by: number | null;
    attempts: number;
  }>`
    update jobs set status = 'running', attempts = attempts + 1, lease_until = ${leaseUntil}
    where (tenant_id, id) = (
      select tenant_id, id from jobs
      where status = 'queued' or (status = 'running' and lease_until < ${now})
      order by id limit 1
      for update skip locked
    )
    returning tenant_id, id, kind, payload, created_by, attempts`.execute(deps.db);
  const row = claimed.rows[0];
  if (!row) return null;
  return {
    tenantId: Number(row.tenant_id),
    id: Number(row.id),
    kind: row.kind,
    payload: row.payload,
    createdBy: row.created_by === null ? null : Number(row.created_by),
    attempts: Number(row.attempts),
  };
}

async function finishJob(
  deps: Deps,
  job: JobRow,
  update: { status: 'done' | 'failed' | 'queued'; result?: unknown; fileId?: number; error?: string },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('jobs')
      .set({
        status: update.status,
        result: update.result === undefined ? null : JSON.stringify(update.result),
        file_id: update.fileId ?? null,
        error: update.error ?? null,
        lease_until: null,
        finished_at: update.status === 'queued' ? null : deps.clock.now(),
      })
      .where('tenant_id', '=', job.tenantId)
      .where('id', '=', job.id)
      .execute();
    await publish(trx, {
      tenantId: job.tenantId,
      topic: JOB_TOPIC,
      data: { jobId: job.id, status: update.status, userId: job.createdBy },
    });
  });
}

/** Runs one claimed job to its end; a thrown error is recorded (and retried up to MAX_ATTEMPTS). */
async function runJob(deps: Deps, handlers: readonly JobHandler[], job: JobRow): Promise<void> {
  const handler = handlers.find((h) => h.kind === job.kind);
  if (!handler) {
    await finishJob(deps, job, { status: 'failed', error: `No handler for job kind "${job.kind}"` });
    return;
  }
  const progress: ReportProgress = async (done, total) => {
    await deps.db
      .updateTable('jobs')
      .set({
        progress_done: done,
        progress_total: total,
        lease_until: new Date(deps.clock.now().getTime() + LEASE_MS),
      })
      .where('tenant_id', '=', job.tenantId)
      .where('id', '=', job.id)
      .execute();
    await publish(deps.db, {
      tenantId: job.tenantId,
      topic: JOB_TOPIC,
      data: { jobId: job.id, status: 'running', done, total, userId: job.createdBy },
    });
  };
  try {
    const outcome = await handler.run(deps, job, progress);
    await finishJob(deps, job, { status: 'done', result: outcome.result, fileId: outcome.fileId });
  } catch (error) {
    deps.log.error({ err: error, jobId: job.id, kind: job.kind }, 'background job failed');
    const retry = job.attempts < MAX_ATTEMPTS;
    await finishJob(deps, job, { status: retry ? 'queued' : 'failed', error: (error as Error).message });
  }
}

/** Runs queued jobs until none is left; returns how many ran. Tests call this instead of the timer. */
export async function drainJobs(deps: Deps, handlers: readonly JobHandler[]): Promise<number> {
  let ran = 0;
  for (let job = await claimJob(deps); job; job = await claimJob(deps)) {
    await runJob(deps, handlers, job);
    ran += 1;
  }
  return ran;
}

/**
 * Runs the task if its time has come and no other process took this turn. The claim is one
 * conditional UPDATE: of several processes polling at once, exactly one sees a row come back.
 */
export async function runPeriodicIfDue(deps: Deps, task: PeriodicTask): Promise<boolean> {
  const now = deps.clock.now();
  await deps.db
    .insertInto('periodic_tasks')
    .values({ name: task.name, next_run_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const claimed = await deps.db
    .updateTable('periodic_tasks')
    .set({ next_run_at: new Date(now.getTime() + task.everyMs), last_started_at: now })
    .where('name', '=', task.name)
    .where('next_run_at', '<=', now.toISOString())
    .returning('name')
    .executeTakeFirst();
  if (!claimed) return false;
  let lastError: string | null = null;
  try {
    await task.run(deps);
  } catch (error) {
    lastError = (error as Error).message;
    deps.log.error({ err: error, task: task.name }, 'periodic task failed');
  }
  await deps.db
    .updateTable('periodic_tasks')
    .set({ last_finished_at: deps.clock.now(), last_error: lastError })
    .where('name', '=', task.name)
    .execute();
  return true;
}

/** The loop each server process runs: jobs first (users wait for them), then due periodic tasks. */
export function startBackgroundWorker(
  deps: Deps,
  work: { handlers: readonly JobHandler[]; tasks: readonly PeriodicTask[] },
  pollMs = 1_000,
): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      await drainJobs(deps, work.handlers);
      for (const task of work.tasks) {
        if (stopped) return;
        await runPeriodicIfDue(deps, task);
      }
    } catch (error) {
      deps.log.error({ err: error }, 'background worker tick failed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick().finally(schedule);
    }, pollMs);
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
