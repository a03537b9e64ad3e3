import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { ActivateBody } from '../../../contract/renewal.ts';
import { allowedIds, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { DAY } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { renderPdf } from '../../platform/pdf.ts';
import { insertUser } from '../admin/index.ts';
import { recordFailure, throttleState } from '../auth/index.ts';
import { streetDate } from '../../platform/streetTime.ts';

// No 0/O, 1/I/L: codes are typed by elderly people from paper.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_DAYS = 60;

export function newCode(): string {
  return Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

const normalizeCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/**
 * Prints 入户通知单 letters, one page per household, each with a fresh one-time activation code.
 * Only the code's hash is kept; earlier unused codes of these households stop working.
 */
export async function activationLetters(
  deps: Deps,
  ctx: RequestContext,
  householdIds: number[],
): Promise<Buffer> {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'resident.activate');
  const allowed = await allowedIds(deps.db, ctx.actor, 'household', 'resident.activate', householdIds);
  if (householdIds.some((id) => !allowed.has(id))) throw notFound();
  const now = deps.clock.now();
  const households = await deps.db
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
    .select([
      'households.id',
      'estates.name as estate',
      'buildings.number',
      'households.room',
      'households.head_name',
    ])
    .where('households.tenant_id', '=', tenantId)
    .where('households.id', 'in', householdIds)
    .orderBy('buildings.sort_key')
    .orderBy('households.room')
    .execute();
  const codes = new Map<number, string>();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('activation_codes')
      .where('tenant_id', '=', tenantId)
      .where('household_id', 'in', householdIds)
      .where('used_at', 'is', null)
      .execute();
    for (const h of households) {
      const code = newCode();
      codes.set(h.id, code);
      await trx
        .insertInto('activation_codes')
        .values({
          tenant_id: tenantId,
          household_id: h.id,
          code_hash: sha256(code),
          created_at: now,
          expires_at: new Date(now.getTime() + CODE_DAYS * DAY),
        })
        .execute();
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'activation.letters',
      entityType: 'household',
      payload: { households: householdIds.length },
    });
  });
  const street = await deps.db
    .selectFrom('tenants')
    .select('name')
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return renderPdf({ title: '入户通知单' }, (doc) => {
    households.forEach((h, i) => {
      if (i > 0) doc.addPage();
      doc.font('bold').fontSize(20).text('入户通知单', { align: 'center' });
      doc
        .moveDown(0.5)
        .font('regular')
        .fontSize(12)
        .text(`${h.estate} ${h.number}${h.room}室　${h.head_name} 户`, { align: 'center' });
      doc
        .moveDown(1.5)
        .fontSize(13)
        .text(
          '您好！为方便您随时查看本户的改造方案、图纸、签约进度和公示信息，街道为您开通了“共治”居民账号。请按以下步骤激活：',
          { lineGap: 6 },
        );
      doc.moveDown(0.8).text('1. 用手机打开本平台网址，点击“居民激活”。', { lineGap: 6 });
      doc.text('2. 输入下方激活码，设置您自己的用户名和密码。', { lineGap: 6 });
      doc.text(`3. 激活码 ${CODE_DAYS} 天内有效，只能使用一次。如有困难，请联系居委会或您的包干干部。`, {
        lineGap: 6,
      });
      doc
        .moveDown(1.5)
        .font('bold')
        .fontSize(30)
        .text(codes.get(h.id)!.replace(/(.{4})/, '$1 '), { align: 'center', characterSpacing: 4 });
      doc
        .moveDown(2)
        .font('regular')
        .fontSize(11)
        .text(`${street.name}　${streetDate(now)}`, { align: 'right' });
    });
  });
}

/** A resident turns the letter's code into an account of their own, linked to their household. */
export async function activate(
  deps: Deps,
  input: z.infer<typeof ActivateBody> & { ip: string | null; userAgent: string | null },
) {
  const ipKey = `activate:${input.ip ?? 'unknown'}`;
  const retryAfterMs = await throttleState(deps, [ipKey]);
  if (retryAfterMs > 0)
    throw new AppError('login_locked', { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) });
  const now = deps.clock.now();
  const row = await deps.db
    .selectFrom('activation_codes')
    .select(['tenant_id', 'household_id', 'code_hash', 'expires_at', 'used_at'])
    .where('code_hash', '=', sha256(normalizeCode(input.code)))
    .executeTakeFirst();
  if (!row || row.used_at || new Date(row.expires_at) < now) {
    await recordFailure(deps, ipKey, 10);
    throw new AppError('validation_failed', [
      {
        path: 'body.code',
        message: {
          zh: '激活码无效、已使用或已过期，请核对通知单或联系居委会',
          en: 'The code is invalid, used or expired',
        },
      },
    ]);
  }
  const ctx = { actor: null, ip: input.ip, userAgent: input.userAgent };
  return deps.db.transaction().execute(async (trx) => {
    // Claim the code first: of two simultaneous activations only one updates the row.
    const claimed = await trx
      .updateTable('activation_codes')
      .set({ used_at: now })
      .where('code_hash', '=', row.code_hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) {
      throw new AppError('validation_failed', [
        { path: 'body.code', message: { zh: '激活码已被使用', en: 'The code has been used' } },
      ]);
    }
    const userId = await insertUser(trx, deps, ctx, {
      username: input.username,
      displayName: input.displayName,
      password: input.password,
      role: 'resident',
      tenantId: row.tenant_id,
      householdId: row.household_id,
    });
    await trx
      .updateTable('activation_codes')
      .set({ user_id: userId })
      .where('code_hash', '=', row.code_hash)
      .execute();
    await writeAudit(
      trx,
      deps.clock,
      { ...ctx, actor: { userId } },
      {
        tenantId: row.tenant_id,
        action: 'activation.use',
        entityType: 'household',
        entityId: row.household_id,
      },
    );
    return { username: input.username };
  });
}
