/** The street's handling deadlines (办理时限) as managers read and change them. */
import type { SuggestionSettings } from '../../../contract/suggestions.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { manageTenant, settingsOf } from './suggestions.common.ts';

// --- Settings --------------------------------------------------------------------------------

export async function getSettings(deps: Deps, ctx: RequestContext): Promise<SuggestionSettings> {
  requirePermission(ctx.actor, 'suggestion.read');
  return settingsOf(deps.db, requireTenant(ctx.actor));
}

/** New deadlines apply to steps that start from now on; running steps keep the deadline they got. */
export async function putSettings(
  deps: Deps,
  ctx: RequestContext,
  body: SuggestionSettings,
): Promise<SuggestionSettings> {
  const tenantId = manageTenant(ctx);
  await deps.db.transaction().execute(async (trx) => {
    const before = await settingsOf(trx, tenantId);
    const values = {
      accept_days: body.acceptDays,
      assign_days: body.assignDays,
      handle_days: body.handleDays,
      answer_days: body.answerDays,
      updated_at: deps.clock.now(),
    };
    await trx
      .insertInto('suggestion_settings')
      .values({ tenant_id: tenantId, ...values })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_settings.update',
      entityType: 'suggestion_settings',
      entityId: tenantId,
      payload: { before, after: body },
    });
  });
  return settingsOf(deps.db, tenantId);
}
