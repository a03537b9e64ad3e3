import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
let street: number;
let staff: Session;
let resident: Session;
let otherStaff: Session;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-03-02T01:00:00.000Z') });
  street = await newStreet(t.deps, '曹杨');
  staff = await login(t.app, await newUser(t.deps, 'street_leader', street));
  resident = await login(t.app, await newUser(t.deps, 'resident', street));
  otherStaff = await login(t.app, await newUser(t.deps, 'street_leader', await newStreet(t.deps, '长风')));
});
afterAll(() => t.close());

async function acceptedSuggestion(): Promise<number> {
  const created = await resident.call('POST', '/api/suggestions', {
    subject: '建议增设电动车充电桩',
    reason: '电瓶车越来越多，居民从楼上拉电线飞线充电，存在火灾隐患。',
    proposal: '利用花坛边角建设花坛式充电桩，扫码付费，充满自动断电。',
    proposerName: '刘桂芳',
  });
  expect(created.statusCode, created.body).toBe(200);
  const id = created.json().id as number;
  expect((await staff.call('POST', `/api/suggestions/${id}/accept`, {})).statusCode).toBe(200);
  return id;
}

describe('handling units (承办单位)', () => {
  it('assigns only to a unit on the street’s list, refusing an unknown one with a clear message', async () => {
    const unit = (await staff.call('POST', '/api/suggestion-units', { name: '街道城建办' })).json();
    expect(unit).toMatchObject({ name: '街道城建办', active: true, assigned: 0 });
    expect((await staff.call('POST', '/api/suggestion-units', { name: '街道城建办' })).statusCode).toBe(409);
    const foreign = (await otherStaff.call('POST', '/api/suggestion-units', { name: '长风城建办' })).json();
    const id = await acceptedSuggestion();

    for (const unitId of [999_999, foreign.id]) {
      const refused = await staff.call('POST', `/api/suggestions/${id}/assign`, { unitId });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().details).toContainEqual({
        path: 'body.unitId',
        message: '承办单位不在本街道的承办单位名单中，请从名单中选择',
      });
    }
    const typed = await staff.call('POST', `/api/suggestions/${id}/assign`, { department: '随便写的部门' });
    expect(typed.statusCode).toBe(400);

    const assigned = await staff.call('POST', `/api/suggestions/${id}/assign`, { unitId: unit.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ assigneeUnitId: unit.id, assigneeDepartment: '街道城建办' });
    const listed = (await staff.call('GET', '/api/suggestion-units')).json().items;
    expect(listed).toEqual([{ id: unit.id, name: '街道城建办', active: true, assigned: 1 }]);
  });

  it('renames a unit everywhere it is shown, and stops offering a retired one', async () => {
    const unit = (await staff.call('POST', '/api/suggestion-units', { name: '社区服务办' })).json();
    const id = await acceptedSuggestion();
    await staff.call('POST', `/api/suggestions/${id}/assign`, { unitId: unit.id });
    const renamed = await staff.call('PATCH', `/api/suggestion-units/${unit.id}`, { name: '街道社区服务办' });
    expect(renamed.json()).toMatchObject({ name: '街道社区服务办', assigned: 1 });
    expect((await staff.call('GET', `/api/suggestions/${id}`)).json().assigneeDepartment).toBe(
      '街道社区服务办',
    );
    await staff.call('PATCH', `/api/suggestion-units/${unit.id}`, { active: false });
    const retired = await staff.call('POST', `/api/suggestions/${id}/assign`, { unitId: unit.id });
    expect(retired.json().details[0].message).toBe('承办单位“街道社区服务办”已停用');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', street)
      .where('action', 'like', 'suggestion_unit.%')
      .execute();
    expect(audit.length).toBe(4);
    // a resident may neither see nor manage the list
    expect((await resident.call('POST', '/api/suggestion-units', { name: 'x' })).statusCode).toBe(403);
  });

  it('migrates departments typed before into the street’s units, keeping what each suggestion showed', async () => {
    const id = await acceptedSuggestion();
    await sql`update suggestions set status = 'assigned', assignee_department = ' 街道管理办 ', assignee_unit_id = null
      where tenant_id = ${street} and id = ${id}`.execute(t.deps.db);
    const migration = fs.readFileSync(
      new URL('../../db/migrations/0151_suggestion_units.sql', import.meta.url),
      'utf8',
    );
    const dataStep = migration.slice(migration.indexOf('-- Departments typed so far'));
    for (const statement of dataStep.split(';').filter((s) => s.replace(/--.*$/gm, '').trim()))
      await sql.raw(statement).execute(t.deps.db);
    const units = (await staff.call('GET', '/api/suggestion-units')).json().items;
    const migrated = units.find((u: { name: string }) => u.name === '街道管理办');
    expect(migrated).toMatchObject({ active: true, assigned: 1 });
    expect((await staff.call('GET', `/api/suggestions/${id}`)).json()).toMatchObject({
      assigneeDepartment: '街道管理办',
      assigneeUnitId: migrated.id,
    });
  });
});
