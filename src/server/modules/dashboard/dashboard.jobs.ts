import { z } from 'zod';
import { ReportFormats, type ReportBody } from '../../../contract/dashboard.ts';
import { permissionsOf, Roles } from '../../../contract/permissions.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import { onReplica, type Deps } from '../../platform/deps.ts';
import { enqueueJob, type JobHandler } from '../../platform/jobs.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import {
  comparisonPdf,
  comparisonXlsx,
  dashboardPdf,
  dashboardXlsx,
  reportTitle,
} from './dashboard.report.ts';
import { compareStreets, getDashboard, targetStreet } from './dashboard.service.ts';
import { streetDate } from '../../platform/streetTime.ts';

export const REPORT_JOB = 'dashboard.report';

export const ReportPayload = z.object({
  kind: z.enum(['dashboard', 'compare']),
  format: z.enum(ReportFormats),
  tenantId: z.number(),
  estateId: z.number().nullable(),
  lang: z.enum(['zh', 'en']),
});
export type ReportPayload = z.infer<typeof ReportPayload>;

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** The job's requester as an actor, with the rights they have now (a revoked right fails the job). */
async function requesterContext(deps: Deps, userId: number, tenantId: number, lang: 'zh' | 'en') {
  const u = await deps.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'disabled', 'household_id'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (u.disabled) throw new Error('The requesting user is disabled');
  const role = Roles.find((r) => r === u.role);
  if (!role) throw new Error(`Unknown role ${u.role}`);
  const actor: Actor = {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role,
    permissions: new Set(permissionsOf(role)),
    tenantId,
    householdId: u.household_id,
    via: 'session',
  };
  const ctx: RequestContext = { actor, ip: null, userAgent: 'gongzhi job', lang };
  return ctx;
}

/** Counts the dashboard afresh, renders it, and stores the file as the job's download. */
export const dashboardReportJob: JobHandler = {
  kind: REPORT_JOB,
  async run(deps, job, progress) {
    const p = ReportPayload.parse(job.payload);
    if (job.createdBy === null) throw new Error('A report job needs its requester');
    const ctx = await requesterContext(deps, job.createdBy, job.tenantId, p.lang);
    await progress(0, 6);
    let data: Buffer;
    let title: string;
    if (p.kind === 'compare') {
      const c = await compareStreets(onReplica(deps), ctx);
      await progress(2, 6);
      title = p.lang === 'zh' ? '街道对比' : 'Streets compared';
      data = p.format === 'xlsx' ? await comparisonXlsx(c, p.lang) : await comparisonPdf(c, p.lang);
    } else {
      const d = await getDashboard(onReplica(deps), ctx, {
        tenantId: p.tenantId,
        estateId: p.estateId ?? undefined,
      });
      await progress(2, 6);
      title = reportTitle(d, p.lang);
      data =
        p.format === 'xlsx'
          ? await dashboardXlsx(d, p.lang, (done, total) => progress(2 + Math.round((3 * done) / total), 6))
          : await dashboardPdf(d, p.lang);
    }
    await progress(5, 6);
    const stamp = streetDate(deps.clock.now());
    const stored = await deps.db.transaction().execute((trx) =>
      deps.files.put(trx, job.tenantId, {
        name: `${title} ${stamp}.${p.format}`,
        mime: MIME[p.format],
        data,
        createdBy: job.createdBy,
      }),
    );
    await progress(6, 6);
    return { fileId: stored.id, result: { bytes: data.length, format: p.format } };
  },
};

/** Checks the requester may see what the report covers, then queues it; the job counts afresh. */
export async function requestReport(
  deps: Deps,
  ctx: RequestContext,
  body: ReportBody,
): Promise<{ jobId: number }> {
  const home = requireTenant(ctx.actor);
  let tenantId = home;
  if (body.kind === 'compare') {
    requirePermission(ctx.actor, 'stats.cross_tenant');
  } else {
    const street = await targetStreet(deps, ctx, body.tenantId);
    tenantId = street.id;
    if (body.estateId !== undefined) {
      const estate = await deps.db
        .selectFrom('estates')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', body.estateId)
        .executeTakeFirst();
      if (!estate) throw notFound();
    }
  }
  const payload: ReportPayload = {
    kind: body.kind,
    format: body.format,
    tenantId,
    estateId: body.estateId ?? null,
    lang: ctx.lang,
  };
  const jobId = await deps.db.transaction().execute(async (trx) => {
    // the job belongs to the street the requester acts in, so its progress reaches their screen
    const id = await enqueueJob(trx, deps, {
      tenantId: home,
      kind: REPORT_JOB,
      payload,
      createdBy: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId: home,
      action: 'dashboard.report',
      entityType: 'job',
      entityId: id,
      payload,
    });
    return id;
  });
  return { jobId };
}
