import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from './schema.ts';
import { permissionShape, StatementCache } from './statements.ts';

const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const byId = (v: { tenantId: number; id: number }) =>
  db.selectFrom('households').select('id').where('tenant_id', '=', v.tenantId).where('id', '=', v.id);

describe('statements built once per shape', () => {
  it('reuses the compiled text and puts each call its own values', () => {
    const cache = new StatementCache();
    let builds = 0;
    const build = (v: { tenantId: number; id: number }) => {
      builds++;
      return byId(v);
    };
    const a = cache.compile('h', { tenantId: 1, id: 10 }, build);
    const b = cache.compile('h', { tenantId: 2, id: 20 }, build);
    expect(b.sql).toBe(a.sql);
    expect(a.parameters).toEqual([1, 10]);
    expect(b.parameters).toEqual([2, 20]);
    expect(b.sql).toBe(byId({ tenantId: 2, id: 20 }).compile().sql);
    // built once, and once more for each call's check under test
    expect(builds).toBe(3);
  });

  it('treats a null value as part of the shape', () => {
    const cache = new StatementCache();
    const build = (v: { householdId: number | null }) =>
      v.householdId === null
        ? db.selectFrom('households').select('id').where('stage', '=', 'visited')
        : db.selectFrom('households').select('id').where('id', '=', v.householdId);
    expect(cache.compile('n', { householdId: null }, build).parameters).toEqual(['visited']);
    expect(cache.compile('n', { householdId: 5 }, build).parameters).toEqual([5]);
  });

  it('under test, catches a shape that does not name what the text depends on', () => {
    const cache = new StatementCache();
    const build = (v: { ids: number[] }) => db.selectFrom('households').select('id').where('id', 'in', v.ids);
    expect(() => cache.compile('bad', { ids: [1, 2] }, build)).toThrow(/does not name everything/);
  });

  it('names permission sets independently of their order', () => {
    expect(permissionShape(new Set(['b', 'a']))).toBe(permissionShape(new Set(['a', 'b'])));
    expect(permissionShape(new Set(['a']))).not.toBe(permissionShape(new Set(['a', 'b'])));
  });
});
