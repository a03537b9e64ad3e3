import type { z } from 'zod';
import type { ConfirmBody, CreateLayoutOptionBody, PlanBody } from '../../../contract/renewal.ts';
import {
  requireAccess,
  requirePermission,
  requireTenant,
  requireHouseholdRead,
} from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { pdfField, renderPdf } from '../../platform/pdf.ts';
import { addTimelineEvent, recordMilestone, publishHouseholdChange } from '../households/index.ts';
import { lockNumbering } from '../../platform/numbering.ts';
import { confirmationBy, methodLabel, type ConfirmMethod } from './confirmation.ts';
import { streetDate, streetDateTime } from '../../platform/streetTime.ts';
import { requireStep } from './renewal.rules.ts';
import { ruleItemsForPlan, type StoredAllowance } from './allowance-rules.service.ts';
import { allowanceLines, sumFen } from './allowances.ts';

type Allowance = StoredAllowance;
const transitionLabel = { self: '自行安排', agency: '中介租房（为你找房）', relatives: '投亲靠友' } as const;

export async function listLayoutOptions(deps: Deps, ctx: RequestContext, estateId: number) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'estate', 'board.read', estateId);
  const rows = await deps.db
    .selectFrom('layout_options')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estateId)
    .orderBy('code')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    addedArea: r.added_area,
  }));
  return { items, total: items.length };
}

export async function createLayoutOption(
  deps: Deps,
  ctx: RequestContext,
  estateId: number,
  body: z.infer<typeof CreateLayoutOptionBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'plan.write');
  const estate = await deps.db
    .selectFrom('estates')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', estateId)
    .executeTakeFirst();
  if (!estate) throw notFound();
  const id = await deps.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('layout_options')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('estate_id', '=', estateId)
      .where('code', '=', body.code)
      .executeTakeFirst();
    if (exists) throw conflict('户型编号已存在', 'This layout code exists');
    const row = await trx
      .insertInto('layout_options')
      .values({
        tenant_id: tenantId,
        estate_id: estateId,
        code: body.code,
        name: body.name,
        description: body.description ?? null,
        added_area: body.addedArea,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'layout_option.create',
      entityType: 'estate',
      entityId: estateId,
      payload: body,
    });
    return row.id;
  });
  return (await listLayoutOptions(deps, ctx, estateId)).items.find((o) => o.id === id)!;
}

function planQuery(db: Executor, tenantId: number, householdId: number) {
  return db
    .selectFrom('plans')
    .innerJoin('layout_options as lo', (j) =>
      j.onRef('lo.tenant_id', '=', 'plans.tenant_id').onRef('lo.id', '=', 'plans.layout_option_id'),
    )
    .leftJoin('users', 'users.id', 'plans.created_by')
    .selectAll('plans')
    .select(['lo.code', 'lo.name', 'lo.description', 'lo.added_area as option_area', 'users.display_name'])
    .where('plans.tenant_id', '=', tenantId)
    .where('plans.household_id', '=', householdId)
    .orderBy('plans.version', 'desc');
}

type PlanRow = Awaited<ReturnType<ReturnType<typeof planQuery>['executeTakeFirstOrThrow']>>;

function toPlan(r: PlanRow) {
  const allowances = (r.allowances ?? []) as Allowance[];
  return {
    id: r.id,
    householdId: r.household_id,
    version: r.version,
    layoutOption: {
      id: r.layout_option_id,
      code: r.code,
      name: r.name,
      description: r.description,
      addedArea: r.option_area,
    },
    addedArea: r.added_area,
    transition: r.transition as keyof typeof transitionLabel,
    allowances,
    total: sumFen(allowances.map((a) => a.amount)) / 100,
    specialNeeds: r.special_needs,
    createdAt: r.created_at,
    createdBy: r.display_name,
    confirmedAt: r.confirmed_at,
    confirmedBy: r.confirmed_by,
    confirmMethod: r.confirm_method as ConfirmMethod | null,
    confirmWitness: r.confirm_witness,
  };
}

/** Every version of a household's plan, newest first. */
export async function listPlans(deps: Deps, ctx: RequestContext, householdId: number) {
  const tenantId = requireTenant(ctx.actor);
  await requireHouseholdRead(deps.db, ctx.actor, householdId);
  const items = (await planQuery(deps.db, tenantId, householdId).execute()).map(toPlan);
  return { items, total: items.length };
}

/** Adds a new version of the plan; earlier versions (and their confirmations) stay on file. */
export async function createPlanVersion(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  body: z.infer<typeof PlanBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'plan.write');
  await requireAccess(deps.db, ctx.actor, 'household', 'plan.write', householdId);
  const household = await deps.db
    .selectFrom('households')
    .select('estate_id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  const option = await deps.db
    .selectFrom('layout_options')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', body.layoutOptionId)
    .where('estate_id', '=', household.estate_id)
    .executeTakeFirst();
  if (!option)
    throw invalidField('body.layoutOptionId', '户型方案不属于该小区', 'Layout option is not of this estate');
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    await lockNumbering(trx, 'plans.version', tenantId, householdId);
    const last = await trx
      .selectFrom('plans')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', householdId)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const ruleItems = await ruleItemsForPlan(trx, tenantId, householdId, body.overrides);
    const manualItems = body.allowances.map((a) => ({ ...a, amount: sumFen([a.amount]) / 100 }));
    const row = await trx
      .insertInto('plans')
      .values({
        tenant_id: tenantId,
        household_id: householdId,
        version,
        layout_option_id: body.layoutOptionId,
        added_area: body.addedArea,
        transition: body.transition,
        allowances: JSON.stringify([...ruleItems, ...manualItems]),
        special_needs: body.specialNeeds ?? null,
        created_by: ctx.actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addTimelineEvent(trx, {
      tenantId,
      householdId,
      occurredAt: now,
      module: 'renewal',
      kind: 'plan_version',
      params: { version },
      detail: { planId: row.id, version },
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'plan.create',
      entityType: 'household',
      entityId: householdId,
      payload: { version, ...body, computed: ruleItems },
    });
    for (const item of ruleItems.filter((i) => i.overrideReason !== undefined))
      await writeAudit(trx, deps.clock, ctx, {
        tenantId,
        action: 'plan.allowance_override',
        entityType: 'household',
        entityId: householdId,
        payload: {
          version,
          ruleId: item.ruleId,
          item: item.item,
          computed: item.computed,
          amount: item.amount,
          reason: item.overrideReason,
        },
      });
    return row.id;
  });
  return (await listPlans(deps, ctx, householdId)).items.find((p) => p.id === id)!;
}

/** The household confirms one version (online by the resident, or recorded by staff from paper). */
export async function confirmPlan(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  version: number,
  body: z.infer<typeof ConfirmBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'plan.confirm');
  await requireAccess(deps.db, ctx.actor, 'household', 'plan.confirm', householdId);
  const { method, by, witness } = confirmationBy(ctx, body);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const plan = await trx
      .selectFrom('plans')
      .select(['id', 'confirmed_at'])
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', householdId)
      .where('version', '=', version)
      .forUpdate()
      .executeTakeFirst();
    if (!plan) throw notFound();
    if (plan.confirmed_at) return; // confirming twice changes nothing
    const latest = await trx
      .selectFrom('plans')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', householdId)
      .executeTakeFirstOrThrow();
    if (Number(latest.v) !== version)
      throw conflict('只能确认最新版本的方案', 'Only the latest version can be confirmed');
    await requireStep(trx, tenantId, householdId, 'willingness_before_plan');
    await trx
      .updateTable('plans')
      .set({ confirmed_at: now, confirmed_by: by, confirm_method: method, confirm_witness: witness })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', plan.id)
      .execute();
    await recordMilestone(trx, tenantId, householdId, 'plan_confirmed', `plan:${plan.id}`, now);
    await addTimelineEvent(trx, {
      tenantId,
      householdId,
      occurredAt: now,
      module: 'renewal',
      kind: 'plan_confirmed',
      params: { version, method, by },
      detail: { version },
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'plan.confirm',
      entityType: 'household',
      entityId: householdId,
      payload: { version, method, by, witness },
    });
    await publishHouseholdChange(trx, tenantId, householdId);
  });
  return (await listPlans(deps, ctx, householdId)).items.find((p) => p.version === version)!;
}

/** A printable plan (一户一方案) for signing on paper. */
export async function planPdf(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  version: number,
): Promise<Buffer> {
  const plans = await listPlans(deps, ctx, householdId);
  const plan = plans.items.find((p) => p.version === version);
  if (!plan) throw notFound();
  const tenantId = requireTenant(ctx.actor);
  const h = await deps.db
    .selectFrom('households')
    .innerJoin('buildings', (j) =>
      j
        .onRef('buildings.tenant_id', '=', 'households.tenant_id')
        .onRef('buildings.id', '=', 'households.building_id'),
    )
    .innerJoin('estates', (j) =>
      j
        .onRef('estates.tenant_id', '=', 'households.tenant_id')
        .onRef('estates.id', '=', 'households.estate_id'),
    )
    .innerJoin('tenants', 'tenants.id', 'households.tenant_id')
    .select([
      'estates.name as estate',
      'buildings.number',
      'households.room',
      'households.head_name',
      'households.area_building',
      'households.area_usable',
      'tenants.name as street',
    ])
    .where('households.tenant_id', '=', tenantId)
    .where('households.id', '=', householdId)
    .executeTakeFirstOrThrow();
  const content = planDocument(plan, h);
  return renderPdf({ title: `一户一方案 ${h.estate}${h.number}${h.room}` }, (doc) => {
    doc.font('bold').fontSize(18).text(content.title, { align: 'center' });
    doc.fontSize(16).text('一户一方案确认书', { align: 'center' });
    doc.font('regular').fontSize(10).fillColor('#444').text(content.subtitle, { align: 'center' });
    doc.fillColor('#000').moveDown(1.2);
    for (const [label, value] of content.fields) pdfField(doc, label, value);
    doc.moveDown(0.6).font('bold').fontSize(12).text('补贴与补偿明细');
    doc.moveDown(0.3).font('regular').fontSize(10.5);
    for (const line of content.allowances) doc.text(line, { lineGap: 2 });
    doc.font('bold').text(content.total, { lineGap: 2 });
    doc.moveDown(1.5).font('regular').fontSize(11);
    doc.text('本户已知悉并同意以上方案。', { lineGap: 4 });
    doc.moveDown(1.2);
    doc.text('承租人/产权人（签字）：____________________        日期：________________');
    doc.moveDown(1.2);
    doc.text('经办人（签字）：____________________        见证人（签字）：____________________');
    if (content.confirmed) doc.moveDown(1.5).fontSize(9).fillColor('#444').text(content.confirmed);
  });
}

interface PlanHousehold {
  estate: string;
  number: string;
  room: string;
  head_name: string;
  area_building: number | null;
  area_usable: number | null;
  street: string;
}

/** The floor area the file has, labelled as what it is (建筑面积, else the ledger's 使用面积). */
function areaField(h: PlanHousehold): [string, string] {
  if (h.area_building !== null) return ['原建筑面积', `${h.area_building} 平方米`];
  if (h.area_usable !== null) return ['原使用面积', `${h.area_usable} 平方米`];
  return ['原建筑面积', ''];
}

/** What the plan PDF prints, times in the street's (Beijing) time. */
export function planDocument(plan: ReturnType<typeof toPlan>, h: PlanHousehold) {
  return {
    title: `${h.estate} 旧住房成套改造`,
    subtitle: `${h.street} · 第 ${plan.version} 版 · 编制于 ${streetDate(plan.createdAt)}`,
    fields: [
      ['房屋地址', `${h.estate} ${h.number}${h.room}室`],
      ['承租人/产权人', h.head_name],
      areaField(h),
      [
        '户型方案',
        `${plan.layoutOption.code} ${plan.layoutOption.name}${plan.layoutOption.description ? `：${plan.layoutOption.description}` : ''}`,
      ],
      ['增加面积', `${plan.addedArea} 平方米（独立厨卫）`],
      ['过渡方式', transitionLabel[plan.transition]],
      ['特殊需求', plan.specialNeeds ?? ''],
    ] as Array<[string, string]>,
    allowances: plan.allowances.flatMap(allowanceLines),
    total: `合计：${plan.total.toFixed(2)} 元`,
    confirmed: plan.confirmedAt
      ? `已于 ${streetDateTime(plan.confirmedAt)}（北京时间） ${plan.confirmedBy ?? ''} ${plan.confirmMethod ? methodLabel[plan.confirmMethod] : ''}`
      : null,
  };
}
