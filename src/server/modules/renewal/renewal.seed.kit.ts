/** What both renewal demo estates are seeded with: drawings, estate lookups, bulk agreement and files. */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { renderPdf } from '../../platform/pdf.ts';
import { createAllowanceRule, ruleItemsForHouseholds } from './allowance-rules.service.ts';

/** A simple floor plan of a layout option, as the designers' drawing file. */
export function layoutDrawing(code: string, name: string, area: number): Promise<Buffer> {
  return renderPdf({ title: `户型 ${code}` }, (doc) => {
    doc.font('bold').fontSize(16).text(`户型方案 ${code}：${name}`, { align: 'center' });
    doc
      .font('regular')
      .fontSize(10)
      .text(`新增独立厨卫约 ${area} 平方米 · 示意图（合成演示数据）`, { align: 'center' });
    const x = 110;
    const y = 160;
    doc.lineWidth(3).rect(x, y, 380, 260).stroke();
    doc
      .lineWidth(1.5)
      .moveTo(x + 250, y)
      .lineTo(x + 250, y + 260)
      .stroke();
    doc
      .moveTo(x + 250, y + 130)
      .lineTo(x + 380, y + 130)
      .stroke();
    doc.fontSize(14).text('居室', x + 100, y + 120);
    doc.text('厨房', x + 295, y + 55);
    doc.text('卫生间', x + 288, y + 185);
    doc.fontSize(9).text('比例 1:50', x, y + 275);
  });
}

export async function estateIds(
  deps: Deps,
  tenantId: number,
  name: string,
): Promise<{ estateId: number; ids: number[]; buildings: number[] }> {
  const estate = await deps.db
    .selectFrom('estates')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  const [households, buildings] = await Promise.all([
    deps.db
      .selectFrom('households')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('estate_id', '=', estate.id)
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom('buildings')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('estate_id', '=', estate.id)
      .orderBy('sort_key')
      .execute(),
  ]);
  return { estateId: estate.id, ids: households.map((h) => h.id), buildings: buildings.map((b) => b.id) };
}

/** Everyone in the round agrees, on days spread from `from` over `days`; the round takes effect at 95 %. */
export async function allAgree(
  trx: Transaction<DB>,
  tenantId: number,
  roundId: number,
  from: string,
  days: number,
  agreementPrefix: string | null,
  recordedBy: number,
) {
  await sql`
    update round_households set
      decision = 'agree',
      responded_at = ${from}::timestamptz + ((household_id * 7919) % ${days}) * interval '1 day' + ((household_id * 31) % 480) * interval '1 minute',
      agreement_no = case when ${agreementPrefix}::text is null then null else ${agreementPrefix}::text || lpad(household_id::text, 5, '0') end,
      signer = case when ${agreementPrefix}::text is null then null else '承租人本人' end,
      recorded_by = ${recordedBy}
    where tenant_id = ${tenantId} and round_id = ${roundId}`.execute(trx);
  await sql`
    insert into round_response_history (tenant_id, round_id, household_id, decision, reason, recorded_by, at)
    select tenant_id, round_id, household_id, decision, null, recorded_by, responded_at from round_households
    where tenant_id = ${tenantId} and round_id = ${roundId}`.execute(trx);
  await sql`
    update rounds set status = 'closed', effective_at = (
      select responded_at from round_households where tenant_id = ${tenantId} and round_id = ${roundId}
      order by responded_at offset (select ceil(count(*) * 0.95)::int - 1 from round_households where tenant_id = ${tenantId} and round_id = ${roundId}) limit 1)
    where tenant_id = ${tenantId} and id = ${roundId}`.execute(trx);
}

/** The estate's allowance rules: temporary housing by floor area and months, moving, household size. */
export async function seedAllowanceRules(
  deps: Deps,
  ctx: RequestContext,
  estateId: number,
  v: { perM2Month: number; months: number; moving: string; perPerson?: number },
) {
  await createAllowanceRule(deps, ctx, estateId, {
    name: '临时安置费',
    kind: 'area_monthly',
    rate: v.perM2Month,
    areaBasis: 'building',
    months: v.months,
  });
  await createAllowanceRule(deps, ctx, estateId, {
    name: '搬家补贴',
    kind: 'fixed',
    rate: 1600,
    note: v.moving,
  });
  if (v.perPerson)
    await createAllowanceRule(deps, ctx, estateId, {
      name: '过渡期生活补助',
      kind: 'per_person',
      rate: v.perPerson,
      personBasis: 'registered',
    });
}

export interface ConfirmedFiles {
  estateId: number;
  optionOf: (i: number) => { id: number; addedArea: number };
  fileOf: (i: number) => number;
  cadre: number;
  designer: number;
  planCreatedAt: Date;
  planConfirmedAt: (i: number) => Date;
  drawingCreatedAt: Date;
  drawingConfirmedAt: (i: number) => Date;
}

/** A confirmed plan (version 1, on paper) and a confirmed drawing for each household, in bulk. */
export async function insertConfirmedPlansAndDrawings(
  trx: Transaction<DB>,
  tenantId: number,
  ids: number[],
  f: ConfirmedFiles,
) {
  const transitions = ['agency', 'relatives', 'self'] as const;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const computed = await ruleItemsForHouseholds(trx, tenantId, f.estateId, chunk);
    await trx
      .insertInto('plans')
      .values(
        chunk.map((householdId, j) => {
          const option = f.optionOf(i + j);
          return {
            tenant_id: tenantId,
            household_id: householdId,
            version: 1,
            layout_option_id: option.id,
            added_area: option.addedArea,
            transition: transitions[(i + j) % 3]!,
            allowances: JSON.stringify(computed.get(householdId) ?? []),
            special_needs: null,
            created_by: f.cadre,
            created_at: f.planCreatedAt,
            confirmed_at: f.planConfirmedAt(i + j),
            confirmed_by: '承租人本人',
            confirm_method: 'paper',
          };
        }),
      )
      .execute();
    await trx
      .insertInto('drawings')
      .values(
        chunk.map((householdId, j) => ({
          tenant_id: tenantId,
          household_id: householdId,
          version: 1,
          file_id: f.fileOf(i + j),
          comment: '按确认方案出图',
          change_request_id: null,
          uploaded_by: f.designer,
          created_at: f.drawingCreatedAt,
          confirmed_at: f.drawingConfirmedAt(i + j),
          confirmed_by: '承租人本人',
          confirm_method: 'paper',
        })),
      )
      .execute();
  }
}
