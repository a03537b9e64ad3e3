import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Permission } from '../../contract/permissions.ts';
import type { Db } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../platform/context.ts';

/** A policy returns the subset of `ids` the actor may act on with `permission`, in one query. */
export type EntityPolicy = (db: Db, actor: Actor, permission: Permission, ids: number[]) => Promise<number[]>;

const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

/** Users: a system admin reaches everyone; a street's user managers reach their street's users. */
const userPolicy: EntityPolicy = async (db, actor, _permission, wanted) => {
  let q = db.selectFrom('users').select('id').where('id', 'in', wanted);
  if (!actor.permissions.has('system.manage')) {
    if (actor.tenantId === null) return [];
    q = q
      .where('tenant_id', '=', actor.tenantId)
      .where('role', 'not in', ['system_admin', 'district_official']);
  }
  return ids(await q.execute());
};

/** API tokens belong to the user who made them, and to nobody else. */
const apiTokenPolicy: EntityPolicy = async (db, actor, _permission, wanted) =>
  ids(
    await db
      .selectFrom('api_tokens')
      .select('id')
      .where('id', 'in', wanted)
      .where('user_id', '=', actor.userId)
      .execute(),
  );

/**
 * Which households an actor sees, as a condition on `households` usable in any query:
 * the whole street with household.read_all; with household.read, the households assigned to them,
 * plus those assigned to their org units where their membership is granted `sees_unit`;
 * a resident (self.read) only their own.
 */
export function householdVisibility(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'households'>): Expression<SqlBool> => {
    if (actor.tenantId === null) return sql<SqlBool>`false`;
    const inTenant = eb('households.tenant_id', '=', actor.tenantId);
    if (actor.permissions.has('household.read_all')) return inTenant;
    const ors: Array<Expression<SqlBool>> = [];
    if (actor.permissions.has('household.read')) {
      ors.push(
        eb.exists(
          eb
            .selectFrom('assignments as a')
            .select(sql`1`.as('one'))
            .whereRef('a.tenant_id', '=', 'households.tenant_id')
            .whereRef('a.household_id', '=', 'households.id')
            .where((w) =>
              w.or([
                w('a.user_id', '=', actor.userId),
                w(
                  'a.org_unit_id',
                  'in',
                  w
                    .selectFrom('org_members as m')
                    .select('m.org_unit_id')
                    .where('m.tenant_id', '=', actor.tenantId!)
                    .where('m.user_id', '=', actor.userId)
                    .where('m.sees_unit', '=', true),
                ),
              ]),
            ),
        ),
      );
    }
    if (actor.permissions.has('self.read') && actor.householdId !== null) {
      ors.push(eb('households.id', '=', actor.householdId));
    }
    if (ors.length === 0) return sql<SqlBool>`false`;
    return eb.and([inTenant, eb.or(ors)]);
  };
}

/** Households: visibility as above; changing one additionally needs the write permission. */
const householdPolicy: EntityPolicy = async (db, actor, _permission, wanted) =>
  ids(
    await db
      .selectFrom('households')
      .select('id')
      .where('id', 'in', wanted)
      .where(householdVisibility(actor))
      .execute(),
  );

/**
 * Suggestions: staff with suggestion.read reach the street's suggestions; anyone else only those they
 * proposed themselves (a resident following, rating or adding a photo to their own).
 */
const suggestionPolicy: EntityPolicy = async (db, actor, _permission, wanted) => {
  if (actor.tenantId === null) return [];
  let q = db
    .selectFrom('suggestions')
    .select('id')
    .where('tenant_id', '=', actor.tenantId)
    .where('id', 'in', wanted);
  if (!actor.permissions.has('suggestion.read')) q = q.where('proposer_user_id', '=', actor.userId);
  return ids(await q.execute());
};

/**
 * Mediation cases are confidential: the committee head (mediation.oversee) sees the street's cases;
 * mediators and liaisons only the cases they are members of; a party (resident) only cases in which
 * their household is a party.
 */
const mediationCasePolicy: EntityPolicy = async (db, actor, _permission, wanted) => {
  if (actor.tenantId === null) return [];
  const tenantId = actor.tenantId;
  const q = db
    .selectFrom('mediation_cases as c')
    .select('c.id')
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', 'in', wanted);
  if (actor.permissions.has('mediation.oversee')) return ids(await q.execute());
  return ids(
    await q
      .where((eb) => {
        const ors: Array<Expression<SqlBool>> = [];
        if (actor.permissions.has('mediation.handle') || actor.permissions.has('mediation.liaise'))
          ors.push(
            eb.exists(
              eb
                .selectFrom('mediation_members as m')
                .select(sql`1`.as('one'))
                .where('m.tenant_id', '=', tenantId)
                .whereRef('m.case_id', '=', 'c.id')
                .where('m.user_id', '=', actor.userId),
            ),
          );
        if (actor.permissions.has('mediation.self') && actor.householdId !== null)
          ors.push(
            eb.exists(
              eb
                .selectFrom('mediation_parties as p')
                .select(sql`1`.as('one'))
                .where('p.tenant_id', '=', tenantId)
                .whereRef('p.case_id', '=', 'c.id')
                .where('p.household_id', '=', actor.householdId),
            ),
          );
        return ors.length === 0 ? sql<SqlBool>`false` : eb.or(ors);
      })
      .execute(),
  );
};

/**
 * Anti-fraud watch-list entries: the street's anti-fraud lead (antifraud.manage) reaches every entry
 * of the street; an anti-fraud worker (antifraud.visit) only the entries assigned to them.
 */
const antifraudEntryPolicy: EntityPolicy = async (db, actor, _permission, wanted) => {
  if (actor.tenantId === null) return [];
  let q = db
    .selectFrom('antifraud_entries')
    .select('id')
    .where('tenant_id', '=', actor.tenantId)
    .where('id', 'in', wanted);
  if (!actor.permissions.has('antifraud.manage')) {
    if (!actor.permissions.has('antifraud.visit')) return [];
    q = q.where('worker_id', '=', actor.userId);
  }
  return ids(await q.execute());
};

/**
 * Rows any of the street's users with the route's permission may reach (estates, mailboxes, opinion
 * maps): those of the actor's street. Sub-resources listed under such an id (an estate's outcome, a mailbox's
 * emptyings) check it first, so another street's id answers 404 rather than an empty list.
 */
const streetRows =
  (table: 'estates' | 'suggestion_mailboxes' | 'opinion_maps'): EntityPolicy =>
  async (db, actor, _permission, wanted) => {
    if (actor.tenantId === null) return [];
    return ids(
      await db
        .selectFrom(table)
        .select('id')
        .where('tenant_id', '=', actor.tenantId)
        .where('id', 'in', wanted)
        .execute(),
    );
  };

export const entityPolicies = {
  estate: streetRows('estates'),
  suggestion_mailbox: streetRows('suggestion_mailboxes'),
  opinion_map: streetRows('opinion_maps'),
  antifraud_entry: antifraudEntryPolicy,
  mediation_case: mediationCasePolicy,
  suggestion: suggestionPolicy,
  user: userPolicy,
  api_token: apiTokenPolicy,
  household: householdPolicy,
} satisfies Record<string, EntityPolicy>;

export type EntityKind = keyof typeof entityPolicies;
