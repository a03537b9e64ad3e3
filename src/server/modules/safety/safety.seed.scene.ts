import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import type { SeedContext } from '../../platform/seedKit.ts';
import { demoCtx, estateHouseholds } from '../../platform/seedKit.ts';

/**
 * What every part of the 平安六防 demo works from: 曹杨一村, its first buildings and households,
 * the demo accounts acting, and times counted back from the seeding moment.
 */
export interface SafetyScene {
  deps: Deps;
  tenantId: number;
  users: SeedContext['users'];
  estateId: number;
  now: Date;
  /** the moment `ms` before now */
  ago: (ms: number) => Date;
  /** the i-th of the estate's first buildings, cycling */
  b: (i: number) => { id: number; number: string };
  /** the i-th of the estate's households, cycling */
  hh: (i: number) => Awaited<ReturnType<typeof estateHouseholds>>[number];
  leader: RequestContext;
  cadre: RequestContext;
  committee: RequestContext;
  volunteer: RequestContext;
  resident: RequestContext;
}

/** The scene, or null when 曹杨一村 has too few households or buildings to tell the story. */
export async function loadSafetyScene(deps: Deps, seed: SeedContext): Promise<SafetyScene | null> {
  const { tenantId, users } = seed;
  const yi = await estateHouseholds(deps, tenantId, '曹杨一村');
  if (yi.length < 20) return null;
  const estate = await deps.db
    .selectFrom('estates')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', '曹杨一村')
    .executeTakeFirst();
  const buildings = await deps.db
    .selectFrom('buildings')
    .select(['id', 'number'])
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estate?.id ?? -1)
    .orderBy('sort_key')
    .orderBy('id')
    .limit(12)
    .execute();
  if (buildings.length < 6) return null;
  const residentHousehold =
    (
      await deps.db
        .selectFrom('users')
        .select('household_id')
        .where('id', '=', users.resident!)
        .executeTakeFirst()
    )?.household_id ?? null;

  const now = deps.clock.now();
  return {
    deps,
    tenantId,
    users,
    estateId: estate!.id,
    now,
    ago: (ms: number) => new Date(now.getTime() - ms),
    b: (i: number) => buildings[i % buildings.length]!,
    hh: (i: number) => yi[i % yi.length]!,
    leader: demoCtx(users.leader!, tenantId, 'street_leader', '王建国（临时党委书记）'),
    cadre: demoCtx(users.cadre!, tenantId, 'cadre', '李晓明（包干干部）'),
    committee: demoCtx(users.committee!, tenantId, 'committee', '陈丽华（居委会主任）'),
    volunteer: demoCtx(users.volunteer!, tenantId, 'volunteer', '赵国强（党员突击队）'),
    resident: demoCtx(users.resident!, tenantId, 'resident', '居民 刘桂芳', residentHousehold),
  };
}
