/**
 * What every module's demo seeder needs: acting as a demo account, replaying history at its own
 * time, and dating the ongoing story around the day the demo is seeded.
 */
import { permissionsOf, type Role } from '../../contract/permissions.ts';
import { DAY, ManualClock } from './clock.ts';
import type { RequestContext } from './context.ts';
import type { Deps } from './deps.ts';

/** Every demo account shares this password; the data behind them is synthetic. */
export const DEMO_PASSWORD = 'Demo@2026cy';

export interface SeedContext {
  tenantId: number;
  /** user ids by demo username */
  users: Record<string, number>;
}

/** A module's part of the demo: runs once, after the street and its users exist. */
export type DemoSeeder = (deps: Deps, seed: SeedContext) => Promise<void>;

/** A demo account's request context (synthetic people), with its role's permissions. */
export function demoCtx(
  userId: number,
  tenantId: number,
  role: Role,
  name: string,
  householdId: number | null = null,
): RequestContext {
  return {
    actor: {
      userId,
      username: name,
      displayName: name,
      role,
      permissions: new Set(permissionsOf(role)),
      tenantId,
      householdId,
      via: 'session',
    },
    ip: null,
    userAgent: 'gongzhi demo seed',
    lang: 'zh',
  };
}

/** Deps whose clock stands at a given moment: the seed replays history at its own times. */
export function atTime(deps: Deps, when: Date | string): Deps {
  return { ...deps, clock: new ManualClock(when) };
}

/**
 * The day the ongoing (2026) demo story was written for. A seed dates its events as on the page of
 * that story, and `storyCalendar` moves them by whole days to the seeding day, so an upcoming
 * meeting is always upcoming and a deadline still ahead, whenever the demo is started.
 */
const STORY_TODAY = Date.parse('2026-11-25T00:00:00Z');

export interface StoryCalendar {
  /** A story timestamp moved to the seeding day's calendar, as ISO. */
  iso(storyIso: string): string;
  /** A story calendar day (YYYY-MM-DD) moved likewise. */
  day(storyDay: string): string;
  /** Deps whose clock stands at the moved story timestamp. */
  at(storyIso: string): Deps;
}

export function storyCalendar(deps: Deps): StoryCalendar {
  const shift = Math.round((deps.clock.now().getTime() - STORY_TODAY) / DAY) * DAY;
  const iso = (storyIso: string) => new Date(Date.parse(storyIso) + shift).toISOString();
  return {
    iso,
    day: (storyDay) => iso(`${storyDay}T00:00:00Z`).slice(0, 10),
    at: (storyIso) => atTime(deps, iso(storyIso)),
  };
}

/** The estate's households (id, head, building), in order. */
export async function estateHouseholds(deps: Deps, tenantId: number, namePrefix: string) {
  return deps.db
    .selectFrom('households')
    .innerJoin('estates', (j) =>
      j
        .onRef('estates.tenant_id', '=', 'households.tenant_id')
        .onRef('estates.id', '=', 'households.estate_id'),
    )
    .select(['households.id', 'households.head_name', 'households.building_id', 'households.room'])
    .where('households.tenant_id', '=', tenantId)
    .where('estates.name', 'like', `${namePrefix}%`)
    .orderBy('households.id')
    .limit(400)
    .execute();
}
