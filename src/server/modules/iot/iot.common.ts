/** What the IoT files share: the access checks and the household label shown beside a device. */
import type { Permission } from '../../../contract/permissions.ts';
import { requireAny, requirePermission, requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';

export type Ctx = RequestContext;

/** '7' or '7号' → '7号 201室' */
export function householdLabel(building: string | null | undefined, room: string | null | undefined): string {
  const b = building ?? '';
  return `${b}${b.endsWith('号') ? '' : '号'} ${room ?? ''}室`;
}

/** The street of an actor holding any one of `permissions`. */
export function tenantWithAny(ctx: Ctx, permissions: readonly Permission[]): number {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, permissions);
  return tenantId;
}

export function readTenant(ctx: Ctx): number {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.read');
  return tenantId;
}

export function manageTenant(ctx: Ctx): number {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.manage');
  return tenantId;
}
