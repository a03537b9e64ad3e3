import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import {
  ctxFor,
  login,
  newStreet,
  newUser,
  type Session,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { ManualClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { encryptVolunteerPhones, scheduleTeam } from './movers.service.ts';

let t: TestApp;
let street: number;
let leaderUser: TestUser;
let leader: Session;
let resident: Session;
let otherResident: Session;
let vendor: Session;
let estateId: number;
let buildingId: number;
const households: number[] = [];

const events = (householdId: number) =>
  t.deps.db
    .selectFrom('household_events')
    .select(['kind', 'title'])
    .where('tenant_id', '=', street)
    .where('household_id', '=', householdId)
    .where('module', '=', 'relocation')
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-03-01T02:00:00Z') });
  street = await newStreet(t.deps, '曹杨');
  leaderUser = await newUser(t.deps, 'street_leader', street);
  leader = await login(t.app, leaderUser);
  estateId = (await leader.call('POST', '/api/estates', { name: '曹杨二村' })).json().id;
  buildingId = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '5号' })).json().id;
  for (let i = 0; i < 4; i++) {
    const res = await leader.call('POST', '/api/households', {
      buildingId,
      room: String(201 + i),
      headName: `测试户${i}`,
    });
    expect(res.statusCode).toBe(200);
    households.push(res.json().id);
  }
  resident = await login(t.app, await newUser(t.deps, 'resident', street, { householdId: households[0]! }));
  otherResident = await login(
    t.app,
    await newUser(t.deps, 'resident', street, { householdId: households[1]! }),
  );
  const vendorUser = await newUser(t.deps, 'vendor', street);
  vendor = await login(t.app, vendorUser);
  const agency = await leader.call('POST', '/api/relocation/vendors', {
    name: '安居房产（合成）',
    kind: 'agency',
    userId: vendorUser.id,
  });
  expect(agency.statusCode).toBe(200);
});
afterAll(() => t.close());

describe('为你找房 rentals', () => {
  it('ranks flats for an elderly household: lift or low floor first, then budget and distance', async () => {
    const flats = [
      { title: '六楼无电梯', floor: 6, hasLift: false, rent: 2800, distanceM: 300 },
      { title: '二楼近', floor: 2, hasLift: false, rent: 3200, distanceM: 800 },
      { title: '电梯房贵', floor: 8, hasLift: true, rent: 5200, distanceM: 500 },
    ];
    for (const f of flats) {
      const res = await vendor.call('POST', '/api/relocation/rentals', {
        ...f,
        location: '枣阳路',
        rooms: 1,
        availableFrom: '2026-03-01',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().vendorName).toBe('安居房产（合成）');
    }
    // a vendor lists only for its own firm
    const other = await leader.call('POST', '/api/relocation/vendors', { name: '他家中介', kind: 'agency' });
    const foreign = await vendor.call('POST', '/api/relocation/rentals', {
      ...flats[0],
      vendorId: other.json().id,
      location: 'x',
      rooms: 1,
      availableFrom: '2026-03-01',
    });
    expect(foreign.statusCode).toBe(404);

    await t.deps.db
      .updateTable('households')
      .set({ very_old: true })
      .where('tenant_id', '=', street)
      .where('id', '=', households[0]!)
      .execute();
    expect(
      (await resident.call('PUT', `/api/relocation/households/${households[0]}/needs`, { rentBudget: 3500 }))
        .statusCode,
    ).toBe(200);
    const res = await resident.call('GET', `/api/relocation/households/${households[0]}/matches`);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.needsAccess).toBe(true);
    expect(m.items.map((r: { title: string }) => r.title)).toEqual(['二楼近', '电梯房贵', '六楼无电梯']);
    expect(m.items[1].withinBudget).toBe(false);

    // another resident cannot see this household's matches
    expect(
      (await otherResident.call('GET', `/api/relocation/households/${households[0]}/matches`)).statusCode,
    ).toBe(404);
  });

  it('reserves a flat once, follows it to move-in, and shows households still without arrangement', async () => {
    await t.deps.db
      .updateTable('relocation_needs')
      .set({ planned_move_on: '2026-03-10' })
      .where('tenant_id', '=', street)
      .execute();
    await leader.call('PUT', `/api/relocation/households/${households[2]}/needs`, {
      plannedMoveOn: '2026-03-20',
    });
    await leader.call('PUT', `/api/relocation/households/${households[3]}/needs`, {
      plannedMoveOn: '2026-06-20',
    });
    let list = (await leader.call('GET', '/api/relocation/unarranged?days=30')).json();
    expect(list.items.map((i: { householdId: number }) => i.householdId)).toEqual([
      households[0],
      households[2],
    ]);
    expect(list.items[0]).toMatchObject({ daysLeft: 9, moveOnSource: 'planned', needsAccess: true });

    const rental = (await resident.call('GET', `/api/relocation/households/${households[0]}/matches`)).json()
      .items[0];
    const booked = await resident.call('POST', `/api/relocation/rentals/${rental.id}/reserve`, {
      householdId: households[0],
    });
    expect(booked.statusCode).toBe(200);
    const again = await otherResident.call('POST', `/api/relocation/rentals/${rental.id}/reserve`, {
      householdId: households[1],
    });
    expect(again.statusCode).toBe(409);
    const bookingId = booked.json().id;
    expect(
      (await vendor.call('POST', `/api/relocation/bookings/${bookingId}/step`, { step: 'move_in' }))
        .statusCode,
    ).toBe(409);
    const contracted = await vendor.call('POST', `/api/relocation/bookings/${bookingId}/step`, {
      step: 'contract',
      contractNo: 'ZL-001',
    });
    expect(contracted.json().status).toBe('contracted');
    const moved = await leader.call('POST', `/api/relocation/bookings/${bookingId}/step`, {
      step: 'move_in',
    });
    expect(moved.json().status).toBe('moved_in');

    list = (await leader.call('GET', '/api/relocation/unarranged?days=30')).json();
    expect(list.items.map((i: { householdId: number }) => i.householdId)).toEqual([households[2]]);
    expect((await events(households[0]!)).map((e) => e.kind)).toEqual([
      'rental_reserved',
      'rental_contracted',
      'rental_moved_in',
    ]);
  });
});

describe('红色搬家先锋队 movers', () => {
  let volunteers: number[];
  it('keeps volunteer phones encrypted; in full for coordinators, masked for other staff', async () => {
    const res = await leader.call('POST', '/api/relocation/volunteers', {
      name: '周师傅',
      phone: '13812345678',
    });
    expect(res.statusCode).toBe(200);
    const { id } = res.json();
    expect(res.json().phone).toBe('13812345678');
    const row = await t.deps.db
      .selectFrom('relocation_volunteers')
      .select(['phone', 'phone_enc'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.phone).toBeNull();
    expect(row.phone_enc).not.toContain('13812345678');
    expect(t.deps.cipher.decrypt(row.phone_enc!)).toBe('13812345678');
    const cadre = await login(t.app, await newUser(t.deps, 'cadre', street));
    const listed = (await cadre.call('GET', '/api/relocation/volunteers'))
      .json()
      .items.find((v: { id: number }) => v.id === id);
    expect(listed.phone).toBe('138****5678');
  });

  it('encrypts phones stored in clear before the upgrade, once', async () => {
    const legacy = await t.deps.db
      .insertInto('relocation_volunteers')
      .values({ tenant_id: street, name: '吴师傅', phone: '13900001111' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await encryptVolunteerPhones(t.deps.db, t.deps.cipher)).toBe(1);
    expect(await encryptVolunteerPhones(t.deps.db, t.deps.cipher)).toBe(0);
    const row = await t.deps.db
      .selectFrom('relocation_volunteers')
      .select(['phone', 'phone_enc'])
      .where('id', '=', legacy.id)
      .executeTakeFirstOrThrow();
    expect(row.phone).toBeNull();
    expect(t.deps.cipher.decrypt(row.phone_enc!)).toBe('13900001111');
  });

  it('never books a volunteer on two moves in the same slot, even when two staff schedule at once', async () => {
    volunteers = [];
    for (const name of ['赵师傅', '钱师傅', '孙师傅']) {
      const res = await leader.call('POST', '/api/relocation/volunteers', {
        name,
        unit: '曹杨新村街道党员突击队',
        skills: '搬运',
      });
      volunteers.push(res.json().id);
    }
    const mk = (session: Session, householdId: number, slot = 'am') =>
      session.call('POST', '/api/relocation/moves', {
        householdId,
        direction: 'out',
        moveOn: '2026-03-12',
        slot,
        volumeM3: 8,
        stairsFloors: 3,
        fragile: '老式大衣柜镜面',
        needsStorage: true,
      });
    const r1 = await mk(resident, households[0]!);
    expect(r1.statusCode).toBe(200);
    expect((await mk(otherResident, households[0]!)).statusCode).toBe(404);
    expect((await mk(resident, households[0]!)).statusCode).toBe(409); // one open request per direction
    const r2 = await mk(leader, households[2]!);
    const r3 = await mk(leader, households[3]!, 'pm');

    const s1 = await leader.call('POST', `/api/relocation/moves/${r1.json().id}/schedule`, {
      volunteerIds: [volunteers[0], volunteers[1]],
    });
    expect(s1.statusCode).toBe(200);
    expect(s1.json().team.map((v: { name: string }) => v.name)).toEqual(['赵师傅', '钱师傅']);
    const clash = await leader.call('POST', `/api/relocation/moves/${r2.json().id}/schedule`, {
      volunteerIds: [volunteers[1], volunteers[2]],
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toContain('钱师傅');
    // the afternoon is free
    expect(
      (
        await leader.call('POST', `/api/relocation/moves/${r3.json().id}/schedule`, {
          volunteerIds: [volunteers[1]],
        })
      ).statusCode,
    ).toBe(200);

    // two schedulers racing for the same volunteer: exactly one wins
    const committee = ctxFor(await newUser(t.deps, 'committee', street));
    const outcomes = await Promise.allSettled([
      scheduleTeam(t.deps, ctxFor(leaderUser), r2.json().id, { volunteerIds: [volunteers[2]!] }),
      (async () => {
        const r4 = await t.deps.db
          .insertInto('relocation_move_requests')
          .values({
            tenant_id: street,
            household_id: households[1]!,
            direction: 'back',
            move_on: '2026-03-12',
            slot: 'am',
            volume_m3: 3,
            stairs_floors: 0,
            needs_storage: false,
            created_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return scheduleTeam(t.deps, committee, r4.id, { volunteerIds: [volunteers[2]!] });
      })(),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const failed = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(AppError);
    expect((failed.reason as AppError).code).toBe('conflict');
    const taken = await t.deps.db
      .selectFrom('relocation_move_assignments')
      .select('request_id')
      .where('tenant_id', '=', street)
      .where('volunteer_id', '=', volunteers[2]!)
      .execute();
    expect(taken).toHaveLength(1);
  });

  it('is confirmed complete by the household, once', async () => {
    const [mine] = (await resident.call('GET', '/api/relocation/moves')).json().items;
    expect(
      (await otherResident.call('POST', `/api/relocation/moves/${mine.id}/confirm`, {})).statusCode,
    ).toBe(404);
    const done = await resident.call('POST', `/api/relocation/moves/${mine.id}/confirm`, {});
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', confirmedBy: expect.any(String) });
    expect((await resident.call('POST', `/api/relocation/moves/${mine.id}/confirm`, {})).statusCode).toBe(
      409,
    );
    // staff recording a paper confirmation must name the person
    const kinds = (await events(households[0]!)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['move_requested', 'move_scheduled', 'move_done']));
  });
});

describe('临时仓库 storage', () => {
  let warehouseId: number;
  it('refuses a booking that does not fit, with a clear message in both languages', async () => {
    warehouseId = (
      await leader.call('POST', '/api/relocation/warehouses', {
        name: '枫桥路仓库',
        capacitySlots: 3,
        provider: '某物业',
      })
    ).json().id;
    const a = await resident.call('POST', '/api/relocation/storage', {
      householdId: households[0],
      warehouseId,
      slots: 2,
    });
    expect(a.statusCode).toBe(200);
    const tooMany = await leader.call('POST', '/api/relocation/storage', {
      householdId: households[2],
      warehouseId,
      slots: 2,
    });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().message).toContain('仅剩 1 个仓位');
    expect(
      (
        await leader.call('POST', '/api/relocation/storage', {
          householdId: households[2],
          warehouseId,
          slots: 1,
        })
      ).statusCode,
    ).toBe(200);
    const full = await t.app.inject({
      method: 'POST',
      url: '/api/relocation/storage',
      headers: { cookie: leader.cookie, 'x-csrf-token': leader.csrf, 'accept-language': 'en' },
      payload: { householdId: households[3], warehouseId, slots: 1 },
    });
    expect(full.statusCode).toBe(409);
    expect(full.json().message).toContain('is full');
    const occ = (await leader.call('GET', '/api/relocation/warehouses')).json().items[0];
    expect(occ).toMatchObject({ capacitySlots: 3, usedSlots: 3, freeSlots: 0 });
  });

  it('checks in with inventory and photos, and checks out exactly once', async () => {
    const [mine] = (await resident.call('GET', '/api/relocation/storage')).json().items;
    expect(
      (await resident.call('POST', `/api/relocation/storage/${mine.id}/check-out`, { signedBy: 'x' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await leader.call('POST', `/api/relocation/storage/${mine.id}/check-out`, { signedBy: '测试户0' }))
        .statusCode,
    ).toBe(409); // not yet checked in
    const inn = await leader.call('POST', `/api/relocation/storage/${mine.id}/check-in`, {
      items: [
        { name: '樟木箱', quantity: 2 },
        { name: '八仙桌', quantity: 1, note: '桌腿松动' },
      ],
    });
    expect(inn.json().status).toBe('stored');
    const boundary = '----gztest';
    const photo = await t.app.inject({
      method: 'POST',
      url: `/api/relocation/storage/${mine.id}/photos`,
      headers: {
        cookie: leader.cookie,
        'x-csrf-token': leader.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="items.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(photo.statusCode).toBe(200);
    const fileId = photo.json().photoFileIds[0];
    expect(
      (await resident.call('GET', `/api/relocation/storage/${mine.id}/photos/${fileId}`)).statusCode,
    ).toBe(200);
    expect(
      (await otherResident.call('GET', `/api/relocation/storage/${mine.id}/photos/${fileId}`)).statusCode,
    ).toBe(404);

    const twice = await Promise.all([
      leader.call('POST', `/api/relocation/storage/${mine.id}/check-out`, { signedBy: '测试户0' }),
      leader.call('POST', `/api/relocation/storage/${mine.id}/check-out`, { signedBy: '测试户0' }),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const out = twice.find((r) => r.statusCode === 200)!.json();
    expect(out).toMatchObject({ status: 'returned', signedBy: '测试户0' });
    const refused = twice.find((r) => r.statusCode === 409)!.json();
    expect(refused.message).toContain('不能重复出库');
    // the slots are free again
    expect((await leader.call('GET', '/api/relocation/warehouses')).json().items[0].freeSlots).toBe(2);
    expect((await events(households[0]!)).map((e) => e.kind)).toEqual(
      expect.arrayContaining(['storage_booked', 'storage_in', 'storage_out']),
    );
  });
});

describe('惠民市集 market', () => {
  it('runs a consultation from booking through quote and contract to a rating, in the household file', async () => {
    const firm = (
      await leader.call('POST', '/api/relocation/vendors', { name: '匠心装饰（合成）', kind: 'decoration' })
    ).json().id;
    const pkg = await leader.call('POST', '/api/relocation/packages', {
      vendorId: firm,
      name: '厨卫焕新套餐',
      contents: '墙地砖、吊顶、洁具',
      price: 19800,
    });
    expect(pkg.statusCode).toBe(200);
    const day = (
      await leader.call('POST', '/api/relocation/market-days', {
        onDate: '2026-03-15',
        place: '曹杨新村街道广场',
        title: '惠民市集',
      })
    ).json().id;
    const c = await resident.call('POST', '/api/relocation/consultations', {
      householdId: households[0],
      vendorId: firm,
      packageId: pkg.json().id,
      marketDayId: day,
    });
    expect(c.statusCode).toBe(200);
    const id = c.json().id;
    // the agency vendor is not this firm: cannot quote
    expect(
      (await vendor.call('POST', `/api/relocation/consultations/${id}/quote`, { amount: 1 })).statusCode,
    ).toBe(404);
    expect(
      (await resident.call('POST', `/api/relocation/consultations/${id}/contract`, { contractNo: 'ZX-1' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await leader.call('POST', `/api/relocation/consultations/${id}/quote`, { amount: 21000 })).statusCode,
    ).toBe(200);
    expect(
      (
        await resident.call('POST', `/api/relocation/consultations/${id}/contract`, { contractNo: 'ZX-1' })
      ).json().status,
    ).toBe('contracted');
    expect(
      (await resident.call('POST', `/api/relocation/consultations/${id}/feedback`, { rating: 5 })).json()
        .rating,
    ).toBe(5);
    const firms = (await resident.call('GET', '/api/relocation/vendors?kind=decoration')).json().items;
    expect(firms[0]).toMatchObject({ name: '匠心装饰（合成）', packages: 1, rating: 5 });
    expect((await events(households[0]!)).map((e) => e.kind)).toEqual(
      expect.arrayContaining(['market_consultation', 'market_quote', 'market_contract', 'market_rating']),
    );
    const file = (await resident.call('GET', `/api/relocation/households/${households[0]}`)).json();
    expect(file.consultations).toHaveLength(1);
    expect(file.storage).toHaveLength(1);
  });
});

describe('arrangements and editing offers', () => {
  it('records a household’s own moving date and arrangement, which overrides its plan and shows in its file', async () => {
    const hh = households[3]!;
    const other = await otherResident.call('PUT', `/api/relocation/households/${hh}/needs`, {
      transition: 'self',
    });
    expect(other.statusCode).toBe(404);
    expect(
      (
        await leader.call('PUT', `/api/relocation/households/${hh}/needs`, {
          plannedMoveOn: '2026-03-18',
          transition: 'agency',
          rentBudget: 3000,
        })
      ).statusCode,
    ).toBe(200);
    let list = (await leader.call('GET', '/api/relocation/unarranged?days=30')).json();
    expect(list.items.find((i: { householdId: number }) => i.householdId === hh)).toMatchObject({
      transition: 'agency',
      moveOn: '2026-03-18',
      daysLeft: 17,
    });
    // going to relatives is an arrangement: the household leaves the list
    await leader.call('PUT', `/api/relocation/households/${hh}/needs`, { transition: 'relatives' });
    list = (await leader.call('GET', '/api/relocation/unarranged?days=30')).json();
    expect(list.items.map((i: { householdId: number }) => i.householdId)).not.toContain(hh);
    const file = (await leader.call('GET', `/api/relocation/households/${hh}`)).json();
    expect(file.needs).toEqual({
      plannedMoveOn: '2026-03-18',
      buildingMoveOn: null,
      rentBudget: 3000,
      note: null,
      transition: 'relatives',
      transitionSource: 'needs',
    });
    const timeline = (await events(hh)).filter((e) => e.kind === 'needs_set').map((e) => e.title);
    expect(timeline.slice(-2)).toEqual([
      '搬迁安排：计划搬离日期 2026-03-18，过渡安排：中介租房',
      '搬迁安排：过渡安排：投亲靠友',
    ]);
    // setting the same values again adds nothing to the timeline
    await leader.call('PUT', `/api/relocation/households/${hh}/needs`, { transition: 'relatives' });
    expect((await events(hh)).filter((e) => e.kind === 'needs_set')).toHaveLength(timeline.length);
  }, 120_000);

  it('edits warehouses and volunteers: capacity never below what is in use, inactive volunteers not scheduled', async () => {
    const w = (
      await leader.call('POST', '/api/relocation/warehouses', {
        name: '兰溪路仓库（合成）',
        capacitySlots: 4,
      })
    ).json();
    const b = await leader.call('POST', '/api/relocation/storage', {
      householdId: households[3],
      warehouseId: w.id,
      slots: 3,
    });
    expect(b.statusCode).toBe(200);
    const shrink = await leader.call('PUT', `/api/relocation/warehouses/${w.id}`, {
      name: w.name,
      capacitySlots: 2,
    });
    expect(shrink.statusCode).toBe(409);
    expect(shrink.json().message).toContain('容量不能少于 3');
    const grow = await leader.call('PUT', `/api/relocation/warehouses/${w.id}`, {
      name: '兰溪路仓库',
      provider: '兰溪路小学',
      capacitySlots: 6,
    });
    expect(grow.json()).toMatchObject({ name: '兰溪路仓库', capacitySlots: 6, usedSlots: 3, freeSlots: 3 });
    expect(
      (await resident.call('PUT', `/api/relocation/warehouses/${w.id}`, { name: 'x', capacitySlots: 9 }))
        .statusCode,
    ).toBe(403);

    const v = (await leader.call('POST', '/api/relocation/volunteers', { name: '李师傅' })).json();
    const edited = await leader.call('PUT', `/api/relocation/volunteers/${v.id}`, {
      name: '李师傅',
      unit: '区消防救援站',
      skills: '拆装家具',
      availability: '周末',
      active: false,
    });
    expect(edited.json()).toMatchObject({ unit: '区消防救援站', availability: '周末', active: false });
    const move = await leader.call('POST', '/api/relocation/moves', {
      householdId: households[3],
      direction: 'out',
      moveOn: '2026-03-19',
      slot: 'pm',
      volumeM3: 5,
    });
    const refused = await leader.call('POST', `/api/relocation/moves/${move.json().id}/schedule`, {
      volunteerIds: [v.id],
    });
    expect(refused.statusCode).toBe(400);
  }, 120_000);

  it('lets a firm edit only its own listings and packages; withdrawn offers leave the residents’ lists', async () => {
    const decoUser = await newUser(t.deps, 'vendor', street);
    const deco = await login(t.app, decoUser);
    const accounts = (await leader.call('GET', '/api/relocation/vendor-accounts')).json();
    expect(accounts.items.find((a: { id: number }) => a.id === decoUser.id)).toMatchObject({
      vendorId: null,
    });
    const firm = (
      await leader.call('POST', '/api/relocation/vendors', { name: '恒美装饰（合成）', kind: 'agency' })
    ).json();
    const linked = await leader.call('PUT', `/api/relocation/vendors/${firm.id}`, {
      name: '恒美装饰（合成）',
      kind: 'decoration',
      contact: '021-0000 0000',
      userId: decoUser.id,
    });
    expect(linked.json()).toMatchObject({ kind: 'decoration', userId: decoUser.id });
    const pkg = (
      await deco.call('POST', '/api/relocation/packages', {
        name: '墙面翻新',
        contents: '乳胶漆',
        price: 6800,
      })
    ).json();
    // a firm that has offered packages cannot become an agency
    expect(
      (await leader.call('PUT', `/api/relocation/vendors/${firm.id}`, { name: firm.name, kind: 'agency' }))
        .statusCode,
    ).toBe(409);
    // another firm cannot edit this package
    const foreign = await vendor.call('PUT', `/api/relocation/packages/${pkg.id}`, {
      name: 'x',
      contents: 'x',
      price: 1,
    });
    expect(foreign.statusCode).toBe(404);
    const off = await deco.call('PUT', `/api/relocation/packages/${pkg.id}`, {
      name: '墙面翻新',
      contents: '乳胶漆、踢脚线',
      price: 7200,
      active: false,
    });
    expect(off.json()).toMatchObject({ price: 7200, active: false });
    const seen = (await resident.call('GET', '/api/relocation/packages')).json();
    expect(seen.items.map((p: { id: number }) => p.id)).not.toContain(pkg.id);
    const book = await resident.call('POST', '/api/relocation/consultations', {
      householdId: households[0],
      vendorId: firm.id,
      packageId: pkg.id,
    });
    expect(book.statusCode).toBe(400);

    const flat = (
      await vendor.call('POST', '/api/relocation/rentals', {
        title: '一楼朝南',
        location: '梅岭北路',
        distanceM: 400,
        rent: 3000,
        rooms: 1,
        floor: 1,
        hasLift: false,
        availableFrom: '2026-03-01',
      })
    ).json();
    const body = { ...flat, title: '一楼朝南（已装修）', minMonths: 6, status: 'withdrawn' };
    for (const k of ['id', 'vendorId', 'vendorName', 'accessible', 'availableTo']) delete body[k];
    expect((await deco.call('PUT', `/api/relocation/rentals/${flat.id}`, body)).statusCode).toBe(404);
    const withdrawn = await vendor.call('PUT', `/api/relocation/rentals/${flat.id}`, body);
    expect(withdrawn.json()).toMatchObject({
      title: '一楼朝南（已装修）',
      minMonths: 6,
      status: 'withdrawn',
    });
    const open = (await resident.call('GET', '/api/relocation/rentals')).json();
    expect(open.items.map((r: { id: number }) => r.id)).not.toContain(flat.id);
    // a reserved flat cannot be withdrawn
    await vendor.call('PUT', `/api/relocation/rentals/${flat.id}`, { ...body, status: 'open' });
    expect(
      (
        await leader.call('POST', `/api/relocation/rentals/${flat.id}/reserve`, {
          householdId: households[3],
        })
      ).statusCode,
    ).toBe(200);
    expect((await vendor.call('PUT', `/api/relocation/rentals/${flat.id}`, body)).statusCode).toBe(409);

    const day = (
      await leader.call('POST', '/api/relocation/market-days', {
        onDate: '2026-04-01',
        place: '社区广场',
        title: '惠民市集第二场',
      })
    ).json();
    const moved = await leader.call('PUT', `/api/relocation/market-days/${day.id}`, {
      onDate: '2026-04-08',
      place: '社区广场',
      title: '惠民市集第二场',
    });
    expect(moved.json()).toMatchObject({ onDate: '2026-04-08' });
  }, 120_000);
});

describe('relocation routes', () => {
  const mine = () => t.routes.filter((r) => r.url.startsWith('/api/relocation/'));

  it('declare a permission, refuse anonymous callers and appear in a valid OpenAPI document', async () => {
    expect(mine().length).toBeGreaterThan(20);
    expect(mine().filter((r) => r.permission === undefined || r.permission === 'public')).toEqual([]);
    for (const route of mine()) {
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: route.url.replace(/:(\w+)/g, '1'),
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.fromEntries(
      Object.entries(doc.paths as Record<string, unknown>).filter(([p]) => p.startsWith('/api/relocation/')),
    );
    for (const r of mine()) expect(paths[r.url.replace(/:(\w+)/g, '{$1}')]).toBeDefined();
    const { validate } = await import('@readme/openapi-parser');
    const result = await validate(structuredClone({ ...doc, paths }));
    expect((result as { errors?: unknown[] }).errors ?? []).toEqual([]);
  });
});
