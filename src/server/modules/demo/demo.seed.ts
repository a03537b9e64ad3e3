import type { Role } from '../../../contract/permissions.ts';
import type { Deps } from '../../platform/deps.ts';
import { insertTenant, insertUser } from '../admin/index.ts';
import { moduleSeeders } from './seeders.ts';
import { DEMO_PASSWORD, type DemoSeeder } from '../../platform/seedKit.ts';
import { analyze } from '../../platform/statistics.ts';

export const DEMO_TENANT = { code: 'caoyang', name: '曹杨新村街道' };

/** One account per role (synthetic people). The resident account is linked to a household later. */
export const DEMO_USERS: Array<{
  username: string;
  displayName: string;
  role: Role;
  liaisonOrg?: 'police' | 'judicial' | 'law_firm';
}> = [
  { username: 'leader', displayName: '王建国（临时党委书记）', role: 'street_leader' },
  { username: 'cadre', displayName: '李晓明（包干干部）', role: 'cadre' },
  { username: 'committee', displayName: '陈丽华（居委会主任）', role: 'committee' },
  { username: 'volunteer', displayName: '赵国强（党员突击队）', role: 'volunteer' },
  { username: 'designer', displayName: '孙悦（设计师）', role: 'designer' },
  { username: 'vendor', displayName: '周师傅（装饰企业）', role: 'vendor' },
  { username: 'mediator', displayName: '吴秀英（人民调解员）', role: 'mediator' },
  { username: 'liaison', displayName: '郑警官（派出所联络）', role: 'liaison', liaisonOrg: 'police' },
  { username: 'judicial', displayName: '钱海燕（司法所联络）', role: 'liaison', liaisonOrg: 'judicial' },
  { username: 'lawyer', displayName: '林志远（律师事务所联络）', role: 'liaison', liaisonOrg: 'law_firm' },
  { username: 'resident', displayName: '居民 刘桂芳', role: 'resident' },
  { username: 'district', displayName: '普陀区旧改办', role: 'district_official' },
];

export interface SeedOutcome {
  created: boolean;
  tenantId: number;
  accounts: Array<{ username: string; displayName: string; role: Role }>;
}

/**
 * Seeds the demo street 曹杨新村街道 with one user per role, then every module's demo data.
 * Runs once: a database that already has the demo street is left as it is.
 */
export async function seedDemo(
  deps: Deps,
  extraSeeders: readonly DemoSeeder[] = moduleSeeders,
): Promise<SeedOutcome> {
  const existing = await deps.db
    .selectFrom('tenants')
    .select('id')
    .where('code', '=', DEMO_TENANT.code)
    .executeTakeFirst();
  if (existing) return { created: false, tenantId: existing.id, accounts: DEMO_USERS };
  const ctx = { actor: null, ip: null, userAgent: 'gongzhi demo seed' };
  const seed = await deps.db.transaction().execute(async (trx) => {
    const tenant = await insertTenant(trx, deps, ctx, DEMO_TENANT);
    const users: Record<string, number> = {};
    for (const u of DEMO_USERS) {
      users[u.username] = await insertUser(trx, deps, ctx, {
        ...u,
        password: DEMO_PASSWORD,
        tenantId: u.role === 'district_official' ? null : tenant.id,
      });
    }
    await trx
      .insertInto('user_tenant_grants')
      .values({ user_id: users.district!, tenant_id: tenant.id })
      .execute();
    return { tenantId: tenant.id, users };
  });
  for (const seeder of extraSeeders) await seeder(deps, seed);
  // thousands of rows were just written: plan the first requests with real row counts
  await analyze(deps);
  return { created: true, tenantId: seed.tenantId, accounts: DEMO_USERS };
}
