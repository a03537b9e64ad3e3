import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { login, newStreet, newUser, type TestUser } from '../support/factories.ts';
import { ManualClock, MINUTE } from '../../src/server/platform/clock.ts';
import {
  drainJobs,
  enqueueJob,
  runPeriodicIfDue,
  type JobHandler,
  type PeriodicTask,
} from '../../src/server/platform/jobs.ts';
import { deliverPending, inAppChannel, notify } from '../../src/server/platform/notifications.ts';

let t: TestApp;
const clock = new ManualClock(new Date('2026-12-01T08:00:00Z'));
let tenantId: number;
let cadre: TestUser;
let other: TestUser;

beforeAll(async () => {
  t = await createTestApp({ clock });
  tenantId = await newStreet(t.deps);
  cadre = await newUser(t.deps, 'cadre', tenantId);
  other = await newUser(t.deps, 'cadre', tenantId);
});
afterAll(() => t.close());

const reportHandler: JobHandler = {
  kind: 'test.report',
  async run(deps, job, progress) {
    const rows = (job.payload as { rows: number }).rows;
    for (let i = 1; i <= rows; i++) await progress(i, rows);
    const file = await deps.db.transaction().execute((trx) =>
      deps.files.put(trx, job.tenantId, {
        name: '报表.txt',
        mime: 'text/plain',
        data: Buffer.from(`共 ${rows} 行`),
        createdBy: job.createdBy,
      }),
    );
    return { result: { rows }, fileId: file.id };
  },
};

describe('background jobs', () => {
  it('runs a queued job with progress and offers its file to its creator only', async () => {
    const jobId = await enqueueJob(t.deps.db, t.deps, {
      tenantId,
      kind: 'test.report',
      payload: { rows: 3 },
      createdBy: cadre.id,
    });
    const mine = await login(t.app, cadre);
    const queued = await mine.call('GET', `/api/jobs/${jobId}`);
    expect(queued.json()).toMatchObject({ status: 'queued', downloadUrl: null });

    expect(await drainJobs(t.deps, [reportHandler])).toBe(1);
    const done = (await mine.call('GET', `/api/jobs/${jobId}`)).json();
    expect(done).toMatchObject({ status: 'done', progressDone: 3, progressTotal: 3, result: { rows: 3 } });
    const download = await mine.call('GET', done.downloadUrl);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('共 3 行');

    const someoneElse = await login(t.app, other);
    expect((await someoneElse.call('GET', `/api/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await someoneElse.call('GET', done.downloadUrl)).statusCode).toBe(404);
  });

  it('retries a failing job, then marks it failed with the reason', async () => {
    let calls = 0;
    const flaky: JobHandler = {
      kind: 'test.flaky',
      run: async () => {
        calls += 1;
        throw new Error('报表数据源不可用');
      },
    };
    const jobId = await enqueueJob(t.deps.db, t.deps, {
      tenantId,
      kind: 'test.flaky',
      payload: {},
      createdBy: cadre.id,
    });
    await drainJobs(t.deps, [flaky]);
    expect(calls).toBe(3);
    const row = await t.deps.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', error: '报表数据源不可用', attempts: 3 });
  });

  it('takes over a job whose process died (lease expired), not one still leased', async () => {
    const jobId = await enqueueJob(t.deps.db, t.deps, {
      tenantId,
      kind: 'test.report',
      payload: { rows: 1 },
      createdBy: cadre.id,
    });
    // Another process claimed it and is still within its lease.
    await t.deps.db
      .updateTable('jobs')
      .set({ status: 'running', attempts: 1, lease_until: new Date(clock.now().getTime() + MINUTE) })
      .where('id', '=', jobId)
      .execute();
    expect(await drainJobs(t.deps, [reportHandler])).toBe(0);
    clock.advance(2 * MINUTE);
    expect(await drainJobs(t.deps, [reportHandler])).toBe(1);
    const row = await t.deps.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('done');
  });
});

describe('periodic tasks', () => {
  it('runs once per interval however many processes poll', async () => {
    let runs = 0;
    const task: PeriodicTask = { name: 'test.sweep', everyMs: 5 * MINUTE, run: async () => void (runs += 1) };
    // Two "processes" polling at the same moment: exactly one runs the sweep.
    const results = await Promise.all([runPeriodicIfDue(t.deps, task), runPeriodicIfDue(t.deps, task)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
    clock.advance(4 * MINUTE);
    expect(await runPeriodicIfDue(t.deps, task)).toBe(false);
    clock.advance(MINUTE);
    expect(await runPeriodicIfDue(t.deps, task)).toBe(true);
    expect(runs).toBe(2);
  });

  it('records a failing run and keeps the schedule', async () => {
    const task: PeriodicTask = {
      name: 'test.broken',
      everyMs: MINUTE,
      run: async () => {
        throw new Error('boom');
      },
    };
    expect(await runPeriodicIfDue(t.deps, task)).toBe(true);
    const row = await t.deps.db
      .selectFrom('periodic_tasks')
      .selectAll()
      .where('name', '=', 'test.broken')
      .executeTakeFirstOrThrow();
    expect(row.last_error).toBe('boom');
  });
});

describe('notification outbox', () => {
  it('delivers in-app notifications after the transaction commits, and not when it rolls back', async () => {
    await t.deps.db.transaction().execute((trx) =>
      notify(trx, t.deps, {
        tenantId,
        recipients: [{ userId: cadre.id }, { userId: cadre.id }],
        topic: 'test.alarm',
        title: '烟感告警',
        body: '3号楼2单元楼道烟感告警',
        link: '/iot',
      }),
    );
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await notify(trx, t.deps, {
          tenantId,
          recipients: [{ userId: cadre.id }],
          topic: 'test.alarm',
          title: '不应送达',
          body: '事务回滚',
        });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');

    expect(await deliverPending(t.deps, [inAppChannel])).toBe(1);
    const session = await login(t.app, cadre);
    const list = (await session.call('GET', '/api/notifications')).json();
    expect(list).toMatchObject({ total: 1, unread: 1 });
    expect(list.items[0]).toMatchObject({ title: '烟感告警', link: '/iot', readAt: null });

    expect((await session.call('POST', `/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(200);
    expect((await session.call('GET', '/api/notifications?unreadOnly=true')).json()).toMatchObject({
      total: 0,
      unread: 0,
    });
    // Someone else's notification is not found, not "forbidden".
    const otherSession = await login(t.app, other);
    expect((await otherSession.call('POST', `/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(
      404,
    );
  });

  it('fails an SMS at once, saying why, when no gateway is configured', async () => {
    await t.deps.db.transaction().execute((trx) =>
      notify(trx, t.deps, {
        tenantId,
        recipients: [{ phoneCipher: t.deps.cipher.encrypt('13800001234'), name: '紧急联系人' }],
        topic: 'test.alarm',
        title: '独居老人用水异常',
        body: '12小时用水量低于0.01立方米',
      }),
    );
    expect(await deliverPending(t.deps, [inAppChannel])).toBe(0);
    const row = await t.deps.db
      .selectFrom('notifications')
      .selectAll()
      .where('channel', '=', 'sms')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', last_error: 'No sms gateway is configured' });
  });

  it('hands an SMS to a configured gateway with the decrypted number', async () => {
    const received: unknown[] = [];
    const fakeGateway = {
      name: 'sms' as const,
      deliver: async (_deps: unknown, message: { phone: string | null; title: string }) => {
        received.push({ phone: message.phone, title: message.title });
      },
    };
    await t.deps.db.transaction().execute((trx) =>
      notify(trx, t.deps, {
        tenantId,
        recipients: [{ phoneCipher: t.deps.cipher.encrypt('13900005678'), name: '女儿' }],
        topic: 'test.alarm',
        title: '门磁24小时未开启',
        body: '请联系老人',
      }),
    );
    expect(await deliverPending(t.deps, [inAppChannel, fakeGateway])).toBe(1);
    expect(received).toEqual([{ phone: '13900005678', title: '门磁24小时未开启' }]);
  });
});
