import { describe, expect, it } from 'vitest';
import {
  alarmPlace,
  buildingRisk,
  chargingSiteRisk,
  DEFAULT_SLA,
  deadlines,
  escalationTarget,
  groupRentalFlags,
  isOverdue,
  merchantRisk,
  nextStatus,
  patrolCoverage,
  percentile,
  periodStart,
  priorityFromSeverity,
  rentalStatusAfterCheck,
} from './safety.rules.ts';

const T0 = new Date('2026-11-27T08:00:00Z');
const min = (n: number) => new Date(T0.getTime() + n * 60_000);

describe('work-order state machine', () => {
  it('follows 待派单 → 已派单 → 处置中 → 待核查 → 已结案', () => {
    expect(nextStatus('pending', 'dispatch')).toBe('dispatched');
    expect(nextStatus('dispatched', 'accept')).toBe('in_progress');
    expect(nextStatus('in_progress', 'feedback')).toBe('to_verify');
    expect(nextStatus('to_verify', 'close')).toBe('closed');
    expect(nextStatus('to_verify', 'reject')).toBe('in_progress');
    expect(nextStatus('dispatched', 'dispatch')).toBe('dispatched');
  });
  it('refuses skipping steps and acting on finished orders', () => {
    expect(nextStatus('pending', 'accept')).toBeNull();
    expect(nextStatus('pending', 'close')).toBeNull();
    expect(nextStatus('dispatched', 'feedback')).toBeNull();
    expect(nextStatus('closed', 'cancel')).toBeNull();
    expect(nextStatus('cancelled', 'dispatch')).toBeNull();
    expect(nextStatus('to_verify', 'cancel')).toBeNull();
  });
});

describe('deadlines and escalation', () => {
  const sla = DEFAULT_SLA.urgent;
  const due = deadlines(T0, sla);
  it('gives an urgent order 15 minutes to accept and 4 hours to resolve', () => {
    expect(due.acceptDueAt).toEqual(min(15));
    expect(due.resolveDueAt).toEqual(min(240));
  });
  it('raises one level when the deadline passes and one per further window, capped at 3', () => {
    const o = { status: 'dispatched' as const, ...due };
    expect(escalationTarget(o, sla, min(15))).toBe(0);
    expect(escalationTarget(o, sla, min(16))).toBe(1);
    expect(escalationTarget(o, sla, min(31))).toBe(2);
    expect(escalationTarget(o, sla, min(46))).toBe(3);
    expect(escalationTarget(o, sla, min(600))).toBe(3);
  });
  it('measures an order being handled against the resolution deadline, and never a finished one', () => {
    expect(escalationTarget({ status: 'in_progress', ...due }, sla, min(100))).toBe(0);
    expect(escalationTarget({ status: 'in_progress', ...due }, sla, min(241))).toBe(1);
    expect(escalationTarget({ status: 'to_verify', ...due }, sla, min(1000))).toBe(0);
    expect(isOverdue({ status: 'pending', ...due, acceptedAt: null }, min(16))).toBe(true);
    expect(isOverdue({ status: 'in_progress', ...due, acceptedAt: min(5) }, min(16))).toBe(false);
    expect(isOverdue({ status: 'closed', ...due, acceptedAt: min(5) }, min(999))).toBe(false);
  });
  it('takes the priority from the alarm severity', () => {
    expect(priorityFromSeverity('critical')).toBe('urgent');
    expect(priorityFromSeverity('warning')).toBe('high');
    expect(priorityFromSeverity('info')).toBe('normal');
  });
});

describe('群租 rules', () => {
  const ok = { occupants: 3, rooms: 2, areaM2: 50, partitions: false, bedsInKitchenOrBalcony: false };
  it('passes a family flat', () => expect(groupRentalFlags(ok)).toEqual([]));
  it('flags more than two people per room', () =>
    expect(groupRentalFlags({ ...ok, occupants: 5, areaM2: 60 })).toEqual(['over_two_per_room']));
  it('flags under 5 m² per person (exactly 5 passes)', () => {
    expect(groupRentalFlags({ ...ok, occupants: 4, areaM2: 19 })).toEqual(['under_5m2_per_person']);
    expect(groupRentalFlags({ ...ok, occupants: 4, areaM2: 20 })).toEqual([]);
  });
  it('flags partitions and beds in the kitchen or on the balcony', () =>
    expect(groupRentalFlags({ ...ok, partitions: true, bedsInKitchenOrBalcony: true })).toEqual([
      'partitions',
      'beds_in_kitchen_or_balcony',
    ]));
  it('keeps a noticed flat under notice until a clean re-check rectifies it', () => {
    expect(rentalStatusAfterCheck(null, ['partitions'])).toBe('flagged');
    expect(rentalStatusAfterCheck(null, [])).toBe('ok');
    expect(rentalStatusAfterCheck('notice', ['partitions'])).toBe('notice');
    expect(rentalStatusAfterCheck('notice', [])).toBe('rectified');
  });
});

describe('risk levels', () => {
  it('rates prepaid-card merchants by issuance, custody and complaints', () => {
    expect(merchantRisk({ issuanceBand: 'none', custody: 'none', complaints: 0, monthsOperating: 5 })).toBe(
      'low',
    );
    expect(
      merchantRisk({ issuanceBand: 'over_500k', custody: 'none', complaints: 0, monthsOperating: 60 }),
    ).toBe('high');
    expect(
      merchantRisk({
        issuanceBand: 'under_50k',
        custody: 'bank_custody',
        complaints: 6,
        monthsOperating: 60,
      }),
    ).toBe('high');
    expect(
      merchantRisk({ issuanceBand: 'under_50k', custody: 'none', complaints: 0, monthsOperating: 6 }),
    ).toBe('high');
    expect(
      merchantRisk({ issuanceBand: 'under_50k', custody: 'none', complaints: 0, monthsOperating: 40 }),
    ).toBe('medium');
    expect(
      merchantRisk({ issuanceBand: '50k_500k', custody: 'bank_custody', complaints: 0, monthsOperating: 40 }),
    ).toBe('low');
  });
  it('rates charging sites and buildings by missing protections and hazards', () => {
    const full = { distanceOk: true, canopy: true, extinguisher: true, cctv: true, autoCutoff: true };
    expect(chargingSiteRisk(full)).toBe('low');
    expect(chargingSiteRisk({ ...full, cctv: false })).toBe('medium');
    expect(chargingSiteRisk({ ...full, cctv: false, canopy: false })).toBe('high');
    expect(chargingSiteRisk({ ...full, distanceOk: false })).toBe('high');
    expect(buildingRisk([])).toBe('low');
    expect(buildingRisk(['corridor_clutter'])).toBe('medium');
    expect(buildingRisk(['ebike_indoor'])).toBe('high');
  });
});

describe('figures', () => {
  it('takes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([10, 1, 5, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });
  it('counts coverage per plan without letting one plan make up for another', () => {
    const c = patrolCoverage(
      [
        { frequency: 'daily', timesPerPeriod: 1, done: 10 },
        { frequency: 'weekly', timesPerPeriod: 2, done: 1 },
      ],
      7,
    );
    expect(c).toEqual({ planned: 9, done: 8, rate: 8 / 9 });
  });
  it('plans only for the days a plan existed in the window', () => {
    const c = patrolCoverage(
      [
        { frequency: 'daily', timesPerPeriod: 1, done: 3, days: 3 }, // made three days before the end
        { frequency: 'weekly', timesPerPeriod: 2, done: 0, days: 0 }, // made after the window
        { frequency: 'daily', timesPerPeriod: 1, done: 7 }, // there all along
      ],
      7,
    );
    expect(c).toEqual({ planned: 10, done: 10, rate: 1 });
  });
  it('starts periods at Beijing midnight, Monday and the 1st', () => {
    // 2026-11-27 is a Friday; 01:00 Beijing is still the 26th in UTC
    const now = new Date('2026-11-26T17:00:00Z');
    expect(periodStart('daily', now).toISOString()).toBe('2026-11-26T16:00:00.000Z');
    expect(periodStart('weekly', now).toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(periodStart('monthly', now).toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });
});

describe('the place of a work order from an alarm', () => {
  const base = { estate: '曹杨一村', building: '7号', room: null, deviceName: '7号楼烟感' };
  it('puts estate and building before the spot inside the building', () => {
    expect(alarmPlace({ ...base, placeName: '楼道 2 层' })).toBe('曹杨一村 7号 楼道 2 层');
    expect(alarmPlace({ ...base, room: '201', placeName: '厨房' })).toBe('曹杨一村 7号 201室 厨房');
  });
  it('does not repeat what the place name already says', () => {
    expect(alarmPlace({ ...base, placeName: '曹杨一村7号楼2层楼道' })).toBe('曹杨一村7号楼2层楼道');
    expect(alarmPlace({ ...base, placeName: '7号楼东侧充电棚' })).toBe('曹杨一村 7号楼东侧充电棚');
    // 17号 is not 7号
    expect(alarmPlace({ ...base, placeName: '17号楼旁' })).toBe('曹杨一村 7号 17号楼旁');
  });
  it('falls back to what is known', () => {
    expect(alarmPlace({ ...base, placeName: null })).toBe('曹杨一村 7号');
    expect(
      alarmPlace({ estate: null, building: null, room: null, placeName: null, deviceName: '烟感' }),
    ).toBe('烟感');
  });
});
