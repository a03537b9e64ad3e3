import { type DeviceKind } from '../../../contract/iot.kinds.ts';
import { DeviceProfiles } from '../../../contract/iot.profiles.ts';
import type { Deps } from '../../platform/deps.ts';
import type { SeedContext } from '../../platform/seedKit.ts';
import { demoCtx } from '../../platform/seedKit.ts';
import { demoCatalog, DEMO_ELDERLY_HOMES, faultPlan, normalMessage } from './iot.demo.ts';
import { ingestFor } from './iot.ingest.ts';
import { acknowledgeAlarm } from './iot.alarm-desk.ts';
import { recordConsent } from './iot.consents.ts';
import { createDevice } from './iot.devices.ts';

/**
 * 曹杨一村's smart facilities, synthetic: stairwell smoke alarms, eight charging stations in the
 * flower beds, gates, breakers, indoor-charging detectors, and water meters + door contacts in a
 * dozen homes of elderly people living alone, each with a recorded consent and emergency contact.
 * A day of telemetry history, a month of handled alarms, and two alarms open now.
 */

const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴', '徐', '孙'];
const GIVEN = [
  '秀英',
  '桂英',
  '玉兰',
  '凤英',
  '建华',
  '志明',
  '淑珍',
  '国庆',
  '美华',
  '振华',
  '素芬',
  '德明',
];
const RELATIONS = ['女儿', '儿子', '侄女', '外甥', '儿媳', '孙子'];

export async function seedIot(deps: Deps, seed: SeedContext): Promise<void> {
  const tenantId = seed.tenantId;
  const leader = demoCtx(seed.users.leader!, tenantId, 'street_leader', '王建国');
  const cadre = demoCtx(seed.users.cadre!, tenantId, 'cadre', '李晓明');
  const estate = await deps.db
    .selectFrom('estates')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', '曹杨一村')
    .executeTakeFirst();
  if (!estate) return;
  const buildings = await deps.db
    .selectFrom('buildings')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estate.id)
    .orderBy('sort_key')
    .execute();
  const homes = await deps.db
    .selectFrom('households')
    .select(['id', 'head_name'])
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estate.id)
    .where('elderly_alone', '=', true)
    .orderBy('id')
    .limit(DEMO_ELDERLY_HOMES)
    .execute();
  const now = deps.clock.now();

  // consents first: in-home devices are refused without them
  for (const [i, home] of homes.entries()) {
    await recordConsent(deps, leader, {
      householdId: home.id,
      consentedBy: home.head_name,
      relation: '本人',
      consentedAt: new Date(now.getTime() - (40 + i * 3) * 86400_000).toISOString(),
      scope: ['water_meter', 'door_contact'],
      contactName: `${SURNAMES[(i + 5) % SURNAMES.length]}${GIVEN[(i + 7) % GIVEN.length]}（${RELATIONS[i % RELATIONS.length]}）`,
      contactPhone: `139${String(16000000 + i * 7919).padStart(8, '0')}`,
    });
  }

  const devices: Array<{ id: number; code: string; kind: DeviceKind; ports: number | null }> = [];
  for (const d of demoCatalog()) {
    if (d.household !== undefined && !homes[d.household]) continue;
    const building = d.building !== undefined ? buildings[d.building] : undefined;
    const { device } = await createDevice(deps, leader, {
      code: d.code,
      kind: d.kind,
      name: d.name,
      estateId: estate.id,
      ...(building ? { buildingId: building.id } : {}),
      ...(d.household !== undefined ? { householdId: homes[d.household]!.id } : {}),
      ...(d.placeName ? { placeName: d.placeName } : {}),
      ...(d.x !== undefined ? { x: d.x, y: d.y } : {}),
      ...(d.ports ? { ports: d.ports } : {}),
      webhook: d.webhook ?? false,
    });
    devices.push({ id: device.id, code: device.code, kind: d.kind, ports: device.ports });
  }

  // a day of history, one reading per device and hour (the simulator carries on from here)
  const rows = [];
  for (const d of devices) {
    const every = Math.max(3600, DeviceProfiles[d.kind].reportEverySeconds) * 1000;
    for (let t = now.getTime() - 24 * 3600_000; t < now.getTime(); t += every) {
      const at = new Date(t);
      const hour = (at.getUTCHours() + 8) % 24;
      const tick = Math.floor(t / 900_000);
      let msg = normalMessage(d, tick, hour);
      // the door is opened every morning and evening
      if (d.kind === 'door_contact' && (hour === 8 || hour === 17))
        msg = { leaf: 'event', payload: { type: 'opened' } };
      rows.push({
        tenant_id: tenantId,
        device_id: d.id,
        at,
        type: msg.leaf,
        payload: JSON.stringify(msg.payload),
      });
    }
  }
  for (let i = 0; i < rows.length; i += 1000)
    await deps.db
      .insertInto('iot_telemetry')
      .values(rows.slice(i, i + 1000))
      .execute();
  await deps.db
    .updateTable('iot_devices')
    .set({ online: true, last_seen_at: new Date(now.getTime() - 60_000) })
    .where('tenant_id', '=', tenantId)
    .execute();

  // a month of handled alarms: opened, acknowledged within minutes, cleared
  const history: Array<[string, string, number, number, string]> = [
    ['CY1-SMK-03', 'smoke', 27, 4, '厨房油烟误报，已告知住户'],
    ['CY1-EBK-02', 'port_overheat', 24, 6, '3 号口电池老化，已通知车主更换'],
    ['CY1-ICD-02', 'indoor_charging', 21, 9, '住户已将电池移出楼道'],
    ['CY1-GATE-02', 'forced_open', 19, 12, '快递员强开，已教育'],
    ['CY1-WM-03', 'no_water', 16, 7, '上门探视：老人外出走亲戚，平安'],
    ['CY1-BRK-01', 'overcurrent', 13, 15, '违规大功率充电器，已拆除'],
    ['CY1-DC-05', 'not_opened', 10, 5, '电话联系女儿：老人住院，平安'],
    ['CY1-EBK-05', 'port_fault', 8, 22, '厂家远程复位'],
    ['CY1-SMK-11', 'smoke', 6, 3, '楼道有人吸烟，已劝导'],
    ['CY1-ICD-04', 'indoor_charging', 4, 8, '住户已将电动车推至充电棚'],
    ['CY1-WM-08', 'no_water', 2, 11, '上门探视：老人身体不适，已送医'],
  ];
  const byCode = new Map(devices.map((d) => [d.code, d]));
  for (const [code, type, daysAgo, minutes, note] of history) {
    const d = byCode.get(code);
    if (!d) continue;
    const rule = DeviceProfiles[d.kind].rules.find((r) => r.key === type)!;
    const opened = new Date(now.getTime() - daysAgo * 86400_000 - 3 * 3600_000);
    await deps.db
      .insertInto('iot_alarms')
      .values({
        tenant_id: tenantId,
        device_id: d.id,
        kind: d.kind,
        type,
        severity: rule.severity,
        status: 'cleared',
        opened_at: opened,
        last_at: new Date(opened.getTime() + 60_000),
        count: 1,
        last_value: JSON.stringify(null),
        acknowledged_at: new Date(opened.getTime() + minutes * 60_000),
        acknowledged_by: seed.users.cadre!,
        cleared_at: new Date(opened.getTime() + (minutes + 40) * 60_000),
        cleared_by: seed.users.cadre!,
        clear_note: note,
      })
      .execute();
  }

  // open now, through the real pipeline: an overheating port, and an e-bike battery found indoors
  const ingest = ingestFor(deps);
  const tenant = await deps.db
    .selectFrom('tenants')
    .select('code')
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const send = async (code: string, kind: DeviceKind, leaf: string, payload: unknown) => {
    await ingest.accept({
      tenantCode: tenant.code,
      kind,
      deviceCode: code,
      leaf,
      body: payload as Record<string, unknown>,
      via: 'mqtt',
    });
  };
  for (const m of faultPlan('ebike-overheat').messages.slice(1, 3))
    if (typeof m !== 'string') await send('CY1-EBK-04', 'ebike_station', m.leaf, m.payload);
  await send('CY1-ICD-03', 'indoor_charging_detector', 'event', {
    type: 'ebike_battery_detected',
    confidence: 0.91,
  });
  await ingest.idle();
  const icd = await deps.db
    .selectFrom('iot_alarms')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('device_id', '=', byCode.get('CY1-ICD-03')!.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (icd) await acknowledgeAlarm(deps, cadre, icd.id);
}
