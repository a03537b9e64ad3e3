/** Retention: entries leave the watch list on their retention date. */
import { writeAudit } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { streetDate } from '../../platform/streetTime.ts';

/**
 * Deletes every entry whose retention date has passed (with its visits and round memberships),
 * street by street, writing one audit row per street. Run by the periodic task; safe to repeat.
 */
export async function purgeExpiredEntries(deps: Deps): Promise<{ purged: number }> {
  const today = streetDate(deps.clock.now());
  const tenants = await deps.db
    .selectFrom('antifraud_entries')
    .select('tenant_id')
    .where('retain_until', '<', today)
    .groupBy('tenant_id')
    .execute();
  let purged = 0;
  for (const { tenant_id: tenantId } of tenants) {
    await deps.db.transaction().execute(async (trx) => {
      const gone = await trx
        .deleteFrom('antifraud_entries')
        .where('tenant_id', '=', tenantId)
        .where('retain_until', '<', today)
        .returning('id')
        .execute();
      if (gone.length === 0) return;
      purged += gone.length;
      await writeAudit(
        trx,
        deps.clock,
        { actor: null, ip: null, userAgent: 'gongzhi retention' },
        {
          tenantId,
          action: 'antifraud.entry.purge',
          entityType: 'antifraud_entry',
          payload: { count: gone.length, ids: gone.map((g) => g.id), before: today },
        },
      );
    });
  }
  return { purged };
}
