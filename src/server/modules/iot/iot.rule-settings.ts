/** Alarm rules as a street sets them: the effective rules and the street's overrides. */
import type { z } from 'zod';
import { DeviceKinds, Severities, type DeviceKind } from '../../../contract/iot.kinds.ts';
import { DeviceProfiles, type RuleParams } from '../../../contract/iot.profiles.ts';
import { type UpdateRuleBody } from '../../../contract/iot.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { ingestFor } from './iot.ingest.ts';
import { effectiveRules, ruleParamsProblem } from './iot.rules.ts';
import { manageTenant, readTenant, type Ctx } from './iot.common.ts';

async function ruleOverrides(deps: Deps, tenantId: number) {
  return deps.db
    .selectFrom('iot_rules')
    .select(['kind', 'key', 'severity', 'enabled', 'params'])
    .where('tenant_id', '=', tenantId)
    .execute();
}

export async function listRules(deps: Deps, ctx: Ctx) {
  const tenantId = readTenant(ctx);
  const overrides = await ruleOverrides(deps, tenantId);
  const items = DeviceKinds.flatMap((kind) =>
    effectiveRules(kind, overrides).map((r) => ({
      kind,
      key: r.key,
      type: r.type,
      title: r[ctx.lang],
      severity: r.severity,
      enabled: r.enabled,
      params: r.params,
      defaults: DeviceProfiles[kind].rules.find((d) => d.key === r.key)!.params,
      customised: r.customised,
    })),
  );
  return { items, total: items.length };
}

export async function updateRule(
  deps: Deps,
  ctx: Ctx,
  kind: DeviceKind,
  key: string,
  body: z.infer<typeof UpdateRuleBody>,
) {
  const tenantId = manageTenant(ctx);
  const base = DeviceProfiles[kind].rules.find((r) => r.key === key);
  if (!base) throw notFound();
  const current = effectiveRules(kind, await ruleOverrides(deps, tenantId)).find((r) => r.key === key)!;
  const params: RuleParams = { ...current.params, ...(body.params ?? {}) };
  const problem = ruleParamsProblem(base, params);
  if (problem)
    throw invalidField(
      `body.params.${problem}`,
      '此类规则缺少或不能更改该参数',
      'This rule type needs this parameter unchanged or present',
    );
  const severity = body.severity ?? current.severity;
  if (!(Severities as readonly string[]).includes(severity))
    throw invalidField('body.severity', '级别无效', 'Invalid severity');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('iot_rules')
      .values({
        tenant_id: tenantId,
        kind,
        key,
        severity,
        enabled: body.enabled ?? current.enabled,
        params: JSON.stringify(params),
        updated_by: ctx.actor.userId,
        updated_at: deps.clock.now(),
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'kind', 'key']).doUpdateSet((eb) => ({
          severity: eb.ref('excluded.severity'),
          enabled: eb.ref('excluded.enabled'),
          params: eb.ref('excluded.params'),
          updated_by: eb.ref('excluded.updated_by'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'iot.rule.update',
      entityType: 'iot_rule',
      entityId: `${kind}.${key}`,
      payload: {
        before: { severity: current.severity, enabled: current.enabled, params: current.params },
        after: body,
      },
    });
  });
  ingestFor(deps).invalidateRules(tenantId);
  return (await listRules(deps, ctx)).items.find((r) => r.kind === kind && r.key === key)!;
}
