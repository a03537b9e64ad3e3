import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DeviceKind } from '../../../contract/iot.kinds.ts';
import { deviceTopic } from '../../../contract/iot.profiles.ts';
import { ManualClock, HOUR, MINUTE } from '../../platform/clock.ts';
import { createTestApp, TEST_METRICS_TOKEN, type TestApp } from '../../../../test/support/app.ts';
import { ctxFor, login, newStreet, newUser, type TestUser } from '../../../../test/support/factories.ts';
import { createBuilding, createEstate } from '../households/estates.service.ts';
import { createHousehold } from '../households/households.records.ts';
import { ingestFor } from './iot.ingest.ts';
import { startIotTransport, type IotTransport } from './iot.mqtt.ts';
import { acknowledgeAlarm, clearAlarm } from './iot.alarm-desk.ts';
import { raiseAlarm } from './iot.alarms.ts';
import { effectiveRules } from './iot.rules.ts';
import { recordConsent } from './iot.consents.ts';
import { createDevice, getDevice, rotateWebhookSecret } from './iot.devices.ts';
import { figures, ingestStats } from './iot.overview.ts';
import { updateRule } from './iot.rule-settings.ts';
import { signBody } from './iot.webhook.ts';
import { simulate } from './iot.simulator.ts';
import { sweepIot } from './iot.sweep.ts';

/**
 * Real MQTT: messages are published to the embedded aedes broker (and, with TEST_MQTT_URL, to the
 * shared Mosquitto) and go through subscription → validation → batch insert → rules.
 */

interface Street {
  t: TestApp;
  clock: ManualClock;
  tenantId: number;
  tenantCode: string;
  leader: TestUser;
  cadre: TestUser;
  estateId: number;
  buildingId: number;
  householdId: number;
  transport: IotTransport;
  /** the shared-subscription group of an external broker */
  group: string;
  publisher: MqttClient;
  /** publishes and waits until the platform has stored (or refused) it */
  send(kind: DeviceKind, code: string, leaf: string, payload: unknown): Promise<void>;
}

let seq = 0;
const uniq = (p: string) => `${p}${process.pid}${Date.now().toString(36)}${++seq}`;

async function street(options: { external?: string } = {}): Promise<Street> {
  const clock = new ManualClock('2026-11-27T08:00:00.000Z');
  const t = await createTestApp({ clock });
  const tenantId = await newStreet(t.deps);
  const tenant = await t.deps.db
    .selectFrom('tenants')
    .select('code')
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const leader = await newUser(t.deps, 'street_leader', tenantId);
  const cadre = await newUser(t.deps, 'cadre', tenantId);
  const ctx = ctxFor(leader);
  const { id: estateId } = await createEstate(t.deps, ctx, { name: '测试一村' });
  const { id: buildingId } = await createBuilding(t.deps, ctx, estateId, {
    number: '7',
    outline: [
      [100, 100],
      [160, 100],
      [160, 120],
      [100, 120],
    ],
  });
  const { id: householdId } = await createHousehold(t.deps, ctx, {
    buildingId,
    room: '201',
    headName: '独居老人甲',
  });
  const group = uniq('g');
  const transport = await startIotTransport(
    t.deps,
    options.external
      ? { url: options.external, group, tenantCode: tenant.code }
      : { port: 0, host: '127.0.0.1' },
  );
  const publisher = await mqtt.connectAsync(transport.brokerUrl, { clientId: uniq('pub') });
  const ingest = ingestFor(t.deps);
  const send = async (kind: DeviceKind, code: string, leaf: string, payload: unknown) => {
    const before = ingest.received;
    await publisher.publishAsync(
      deviceTopic(tenant.code, kind, code, leaf === 'status' ? 'status' : `up/${leaf}`),
      typeof payload === 'string' ? payload : JSON.stringify(payload),
      { qos: 1 },
    );
    for (let i = 0; i < 400 && ingest.received === before; i++) await new Promise((r) => setTimeout(r, 10));
    expect(ingest.received, 'the platform received the MQTT message').toBeGreaterThan(before);
    await ingest.idle();
  };
  return {
    t,
    clock,
    tenantId,
    tenantCode: tenant.code,
    leader,
    cadre,
    estateId,
    buildingId,
    householdId,
    transport,
    group,
    publisher,
    send,
  };
}

async function close(s: Street) {
  await s.publisher.endAsync();
  await s.transport.stop();
  await s.t.close();
}

async function device(s: Street, kind: DeviceKind, extra: Partial<Parameters<typeof createDevice>[2]> = {}) {
  const created = await createDevice(s.t.deps, ctxFor(s.leader), {
    code: uniq(`${kind.slice(0, 5)}-`),
    kind,
    name: `测试 ${kind}`,
    estateId: s.estateId,
    buildingId: s.buildingId,
    webhook: false,
    ...(kind === 'ebike_station' ? { ports: 4, x: 300, y: 300 } : {}),
    ...extra,
  });
  return created;
}

const alarmsOf = (s: Street, deviceId: number) =>
  s.t.deps.db
    .selectFrom('iot_alarms')
    .selectAll()
    .where('tenant_id', '=', s.tenantId)
    .where('device_id', '=', deviceId)
    .orderBy('id')
    .execute();

describe('IoT over the embedded MQTT broker', () => {
  let s: Street;
  beforeAll(async () => {
    s = await street();
  });
  afterAll(async () => close(s));

  it('stores telemetry, opens a smoke alarm once, counts repeats, clears it, and tells the duty staff', async () => {
    const { device: smoke } = await device(s, 'smoke_alarm', { placeName: '7号楼 2 层楼道' });
    await s.send('smoke_alarm', smoke.code, 'status', 'online');
    await s.send('smoke_alarm', smoke.code, 'telemetry', { smokeDb: 2, temperature: 21, battery: 88 });
    const rows = await s.t.deps.db
      .selectFrom('iot_telemetry')
      .selectAll()
      .where('device_id', '=', smoke.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toEqual({ smokeDb: 2, temperature: 21, battery: 88 });
    const after = await getDevice(s.t.deps, ctxFor(s.leader), smoke.id);
    expect(after.online).toBe(true);
    expect(after.lastSeenAt).toBe('2026-11-27T08:00:00.000Z');
    expect(after.messages).toBe(1);

    await s.send('smoke_alarm', smoke.code, 'event', { type: 'alarm' });
    s.clock.advance(MINUTE);
    await s.send('smoke_alarm', smoke.code, 'event', { type: 'alarm' });
    let alarms = await alarmsOf(s, smoke.id);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ type: 'smoke', severity: 'critical', status: 'active', count: 2 });
    expect(alarms[0]!.last_at).toBe('2026-11-27T08:01:00.000Z');

    const notes = await s.t.deps.db
      .selectFrom('notifications')
      .selectAll()
      .where('tenant_id', '=', s.tenantId)
      .where('topic', '=', 'iot.alarm')
      .execute();
    expect(notes.map((n) => n.user_id)).toEqual(expect.arrayContaining([s.leader.id, s.cadre.id]));
    expect(notes.every((n) => n.title.includes('烟感报警'))).toBe(true);
    expect(notes).toHaveLength(new Set(notes.map((n) => n.user_id)).size); // once per person, not per repeat

    await s.send('smoke_alarm', smoke.code, 'event', { type: 'clear' });
    alarms = await alarmsOf(s, smoke.id);
    expect(alarms[0]).toMatchObject({ status: 'cleared', clear_note: 'auto: clear' });
    // a new alarm after clearing is a new alarm
    await s.send('smoke_alarm', smoke.code, 'event', { type: 'alarm' });
    expect((await alarmsOf(s, smoke.id)).map((a) => a.status)).toEqual(['cleared', 'active']);
  });

  it('opens an e-bike overheat alarm only after two hot readings and clears it when the port cools', async () => {
    const { device: pile } = await device(s, 'ebike_station');
    const ports = (t: number) => ({
      ports: [
        { port: 1, state: 'charging', temperature: 35 },
        { port: 2, state: 'charging', temperature: t, currentA: 2.1 },
      ],
    });
    await s.send('ebike_station', pile.code, 'telemetry', ports(64));
    expect(await alarmsOf(s, pile.id)).toHaveLength(0);
    s.clock.advance(MINUTE);
    await s.send('ebike_station', pile.code, 'telemetry', ports(66));
    expect(await alarmsOf(s, pile.id)).toMatchObject([{ type: 'port_overheat', status: 'active', count: 1 }]);
    s.clock.advance(MINUTE);
    await s.send('ebike_station', pile.code, 'telemetry', ports(67));
    expect(await alarmsOf(s, pile.id)).toMatchObject([{ count: 2 }]);
    s.clock.advance(MINUTE);
    await s.send('ebike_station', pile.code, 'telemetry', ports(41));
    expect(await alarmsOf(s, pile.id)).toMatchObject([{ status: 'cleared' }]);
    // port beyond the station's 4 ports: refused as malformed
    await s.send('ebike_station', pile.code, 'telemetry', {
      ports: [{ port: 9, state: 'idle', temperature: 20 }],
    });
    expect((await getDevice(s.t.deps, ctxFor(s.leader), pile.id)).malformed).toBe(1);
  });

  it('`simulate` gives the devices back as it found them: no retained offline left behind', async () => {
    const { device: quiet } = await device(s, 'smoke_alarm');
    const { device: broken } = await device(s, 'smoke_alarm');
    await s.send('smoke_alarm', quiet.code, 'status', 'online');
    // a device already retained offline before the run (a real one that is down) stays offline
    const brokenTopic = deviceTopic(s.tenantCode, 'smoke_alarm', broken.code, 'status');
    await s.publisher.publishAsync(brokenTopic, 'offline', { qos: 1, retain: true });
    const ingest = ingestFor(s.t.deps);
    const onlineOf = async (id: number) => (await getDevice(s.t.deps, ctxFor(s.leader), id)).online;
    await expect.poll(() => onlineOf(broken.id)).toBe(false);

    const result = await simulate({
      url: s.transport.brokerUrl,
      tenantCode: s.tenantCode,
      rate: 20,
      duration: 1,
      faults: [],
      devices: [quiet, broken].map((d) => ({ code: d.code, kind: 'smoke_alarm' as const, ports: null })),
      log: () => undefined,
    });
    expect(result.sent).toBeGreaterThan(5);
    await new Promise((r) => setTimeout(r, 300));
    await ingest.idle();
    expect(await onlineOf(quiet.id)).toBe(true);
    expect(await onlineOf(broken.id)).toBe(false);

    // what the broker retains: nothing for the first device, the old "offline" for the second
    const probe = await mqtt.connectAsync(s.transport.brokerUrl, { clientId: uniq('probe') });
    const retained = new Map<string, string>();
    probe.on('message', (topic, payload, packet) => {
      if (packet.retain) retained.set(topic, payload.toString());
    });
    await probe.subscribeAsync(deviceTopic(s.tenantCode, 'smoke_alarm', '+', 'status'), { qos: 1 });
    await new Promise((r) => setTimeout(r, 300));
    await probe.endAsync();
    expect(retained.get(deviceTopic(s.tenantCode, 'smoke_alarm', quiet.code, 'status'))).toBeUndefined();
    expect(retained.get(brokenTopic)).toBe('offline');
    expect((await getDevice(s.t.deps, ctxFor(s.leader), quiet.id)).malformed).toBe(0);
  });

  it('looks up many devices heard from at once in one query, and still refuses an unknown one', async () => {
    const devices = await Promise.all(Array.from({ length: 30 }, () => device(s, 'smoke_alarm')));
    const ingest = ingestFor(s.t.deps);
    const lookupsBefore = ingest.deviceLookups;
    const outcomes = await Promise.all([
      ...devices.map(({ device: d }) =>
        ingest.accept({
          tenantCode: s.tenantCode,
          kind: 'smoke_alarm',
          deviceCode: d.code,
          leaf: 'telemetry',
          body: { smokeDb: 2, temperature: 21, battery: 88 },
          via: 'webhook',
        }),
      ),
      ingest.accept({
        tenantCode: s.tenantCode,
        kind: 'smoke_alarm',
        deviceCode: uniq('nobody-'),
        leaf: 'telemetry',
        body: { smokeDb: 2, temperature: 21, battery: 88 },
        via: 'webhook',
      }),
    ]);
    expect(outcomes.slice(0, 30)).toEqual(Array(30).fill('stored'));
    expect(outcomes[30]).toBe('rejected');
    expect(ingest.deviceLookups - lookupsBefore).toBe(1);
    const stored = await s.t.deps.db
      .selectFrom('iot_telemetry')
      .select('device_id')
      .where(
        'device_id',
        'in',
        devices.map((d) => d.device.id),
      )
      .execute();
    expect(stored).toHaveLength(30);
  });

  it('refuses and counts malformed payloads without storing them or alarming, and never stops', async () => {
    const { device: smoke } = await device(s, 'smoke_alarm');
    await s.send('smoke_alarm', smoke.code, 'event', '{not json');
    await s.send('smoke_alarm', smoke.code, 'event', { type: 'fire!!' });
    await s.send('smoke_alarm', smoke.code, 'telemetry', { smokeDb: 'high' });
    await s.send('smoke_alarm', smoke.code, 'flood', { type: 'alarm' });
    // the wrong kind in the topic is refused, not stored under the other kind
    await s.send('water_meter', smoke.code, 'event', { type: 'leak' });
    expect(
      await s.t.deps.db
        .selectFrom('iot_telemetry')
        .select('device_id')
        .where('device_id', '=', smoke.id)
        .execute(),
    ).toHaveLength(0);
    expect(await alarmsOf(s, smoke.id)).toHaveLength(0);
    const detail = await getDevice(s.t.deps, ctxFor(s.leader), smoke.id);
    expect(detail.malformed).toBe(4);
    const stats = await ingestStats(s.t.deps, ctxFor(s.leader));
    expect(stats.byKind.find((k) => k.kind === 'smoke_alarm')!.malformed).toBeGreaterThanOrEqual(4);
    const metrics = await s.t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
    });
    expect(metrics.body).toMatch(/gongzhi_iot_messages_total\{kind="smoke_alarm",result="malformed"\} [1-9]/);
    // still alive: a good message right after is stored and alarms
    await s.send('smoke_alarm', smoke.code, 'event', { type: 'alarm' });
    expect(await alarmsOf(s, smoke.id)).toHaveLength(1);
  });

  it('refuses an in-home device without the household’s consent, and withdrawal stops its ingest', async () => {
    const session = await login(s.t.app, s.leader);
    const estateId = s.estateId;
    const code = uniq('wm-');
    const refused = await session.call('POST', '/api/iot/devices', {
      code,
      kind: 'water_meter',
      name: '水表',
      estateId,
      householdId: s.householdId,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('知情同意');
    const consentRes = await session.call('POST', '/api/iot/consents', {
      householdId: s.householdId,
      consentedBy: '独居老人甲',
      relation: '本人',
      consentedAt: '2026-11-20T10:00:00+08:00',
      scope: ['water_meter'],
      contactName: '女儿乙',
      contactPhone: '13812345678',
    });
    expect(consentRes.statusCode).toBe(200);
    const consent = consentRes.json();
    expect(consent.contactPhone).toBe('138****5678');
    expect(JSON.stringify(consent)).not.toContain('13812345678');
    // scope is kept: a door contact is not covered by this consent
    const door = await session.call('POST', '/api/iot/devices', {
      code: uniq('dc-'),
      kind: 'door_contact',
      name: '门磁',
      estateId,
      householdId: s.householdId,
    });
    expect(door.statusCode).toBe(409);
    const ok = await session.call('POST', '/api/iot/devices', {
      code,
      kind: 'water_meter',
      name: '水表',
      estateId,
      householdId: s.householdId,
    });
    expect(ok.statusCode).toBe(200);
    const meter = ok.json().device;
    expect(meter.householdLabel).toBe('7号 201室');
    await s.send('water_meter', code, 'telemetry', { totalM3: 12.5 });
    expect((await getDevice(s.t.deps, ctxFor(s.leader), meter.id)).messages).toBe(1);

    const withdrawn = await session.call('POST', `/api/iot/consents/${consent.id}/withdraw`, {
      reason: '子女接回同住',
    });
    expect(withdrawn.statusCode).toBe(200);
    const after = await getDevice(s.t.deps, ctxFor(s.leader), meter.id);
    expect(after.enabled).toBe(false);
    await s.send('water_meter', code, 'telemetry', { totalM3: 12.6 });
    expect((await getDevice(s.t.deps, ctxFor(s.leader), meter.id)).messages).toBe(1);
    const reenable = await session.call('PATCH', `/api/iot/devices/${meter.id}`, { enabled: true });
    expect(reenable.statusCode).toBe(409);
  });

  it('accepts a webhook push with a good signature and refuses a bad one', async () => {
    const created = await device(s, 'ebike_station', { webhook: true });
    expect(created.webhookSecret).toBeTruthy();
    const secret = created.webhookSecret!;
    const body = JSON.stringify({ type: 'event', payload: { type: 'fault', port: 2, faultCode: 'E07' } });
    const url = created.webhookUrl!;
    const bad = await s.t.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/json', 'x-gongzhi-signature': signBody('wrong', body) },
    });
    expect(bad.statusCode).toBe(401);
    const none = await s.t.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/json' },
    });
    expect(none.statusCode).toBe(401);
    const good = await s.t.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/json', 'x-gongzhi-signature': signBody(secret, body) },
    });
    expect(good.statusCode).toBe(202);
    expect(await alarmsOf(s, created.device.id)).toMatchObject([{ type: 'port_fault', status: 'active' }]);
    const malformedBody = JSON.stringify({ type: 'event', payload: { type: 'explode' } });
    const malformed = await s.t.app.inject({
      method: 'POST',
      url,
      payload: malformedBody,
      headers: {
        'content-type': 'application/json',
        'x-gongzhi-signature': signBody(secret, malformedBody),
      },
    });
    expect(malformed.statusCode).toBe(422);
    // rotation: the old secret stops working
    const rotated = await rotateWebhookSecret(s.t.deps, ctxFor(s.leader), created.device.id);
    const old = await s.t.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/json', 'x-gongzhi-signature': signBody(secret, body) },
    });
    expect(old.statusCode).toBe(401);
    const fresh = await s.t.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: {
        'content-type': 'application/json',
        'x-gongzhi-signature': signBody(rotated.webhookSecret, body),
      },
    });
    expect(fresh.statusCode).toBe(202);
  });

  it('counts thirty repeats of one open alarm (a named statement on its generic plan still finds the open-alarm index)', async () => {
    const { device: smoke } = await device(s, 'smoke_alarm');
    const rule = effectiveRules('smoke_alarm', []).find((r) => r.type === 'event')!;
    const info = { ...smoke, tenantId: s.tenantId, householdId: null, consentId: null };
    // more calls than connections × 5: PostgreSQL switches a named statement to its generic plan
    // after five executions on a connection
    for (let i = 0; i < 30; i++) await raiseAlarm(s.t.deps, info, rule, { type: 'alarm' }, { repeat: true });
    const [alarm] = await s.t.deps.db
      .selectFrom('iot_alarms')
      .select('count')
      .where('device_id', '=', smoke.id)
      .execute();
    expect(alarm?.count).toBe(30);
  });

  it('lets staff acknowledge and clear alarms, and reports the figures', async () => {
    const { device: detector } = await device(s, 'indoor_charging_detector');
    await s.send('indoor_charging_detector', detector.code, 'event', {
      type: 'ebike_battery_detected',
      confidence: 0.93,
    });
    const [alarm] = await alarmsOf(s, detector.id);
    s.clock.advance(6 * MINUTE);
    const acked = await acknowledgeAlarm(s.t.deps, ctxFor(s.cadre), alarm!.id);
    expect(acked).toMatchObject({
      acknowledged: true,
      status: 'active',
      acknowledgedAt: s.clock.now().toISOString(),
    });
    const volunteer = await newUser(s.t.deps, 'resident', s.tenantId);
    await expect(clearAlarm(s.t.deps, ctxFor(volunteer), alarm!.id, { note: 'x' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const cleared = await clearAlarm(s.t.deps, ctxFor(s.cadre), alarm!.id, {
      note: '现场核实：住户已将电池移出',
    });
    expect(cleared).toMatchObject({ status: 'cleared', clearNote: '现场核实：住户已将电池移出' });
    const shown = await figures(s.t.deps, ctxFor(s.leader));
    expect(shown.byKind.find((k) => k.kind === 'indoor_charging_detector')).toMatchObject({
      total: 1,
      open: 0,
    });
    expect(shown.meanMinutesToAcknowledge).not.toBeNull();
  });
});

describe('the periodic sweep (ManualClock)', () => {
  let s: Street;
  beforeAll(async () => {
    s = await street();
  });
  afterAll(async () => close(s));
  afterEach(() => undefined);

  it('finds “no water for 12 hours” for an elderly person living alone, tells the emergency contact, and clears when water flows', async () => {
    const ctx = ctxFor(s.leader);
    const consent = await recordConsent(s.t.deps, ctx, {
      householdId: s.householdId,
      consentedBy: '独居老人甲',
      consentedAt: '2026-11-20T02:00:00Z',
      scope: ['water_meter', 'door_contact'],
      contactName: '女儿乙',
      contactPhone: '13900001111',
    });
    const { device: meter } = await device(s, 'water_meter', {
      householdId: s.householdId,
      buildingId: undefined,
    });
    const { device: door } = await device(s, 'door_contact', {
      householdId: s.householdId,
      buildingId: undefined,
    });
    expect(consent.scope).toEqual(['water_meter', 'door_contact']);
    // normal use in the morning, then nothing for 13 hours
    await s.send('water_meter', meter.code, 'telemetry', { totalM3: 40.0 });
    await s.send('door_contact', door.code, 'event', { type: 'opened' });
    s.clock.advance(HOUR);
    await s.send('water_meter', meter.code, 'telemetry', { totalM3: 40.08 });
    for (let h = 0; h < 13; h++) {
      s.clock.advance(HOUR);
      await s.send('water_meter', meter.code, 'telemetry', { totalM3: 40.083 });
    }
    // a message never finds it; only the sweep does
    expect(await alarmsOf(s, meter.id)).toHaveLength(0);
    const first = await sweepIot(s.t.deps);
    expect(first.opened).toBe(1);
    expect(await alarmsOf(s, meter.id)).toMatchObject([
      { type: 'no_water', severity: 'critical', status: 'active' },
    ]);
    const contact = await s.t.deps.db
      .selectFrom('notifications')
      .selectAll()
      .where('tenant_id', '=', s.tenantId)
      .where('contact_phone_cipher', 'is not', null)
      .execute();
    expect(contact).toHaveLength(1);
    expect(contact[0]!.contact_name).toBe('女儿乙');
    expect(s.t.deps.cipher.decrypt(contact[0]!.contact_phone_cipher!)).toBe('13900001111');
    // the next sweep does not open a second one
    expect((await sweepIot(s.t.deps)).opened).toBe(0);
    expect(await alarmsOf(s, meter.id)).toHaveLength(1);

    // door opened 14 h ago: not yet 24 h
    expect(await alarmsOf(s, door.id)).toHaveLength(0);
    s.clock.advance(11 * HOUR);
    await s.send('water_meter', meter.code, 'telemetry', { totalM3: 40.083 });
    await sweepIot(s.t.deps);
    expect(await alarmsOf(s, door.id)).toMatchObject([{ type: 'not_opened', status: 'active' }]);
    // she opens the door: the alarm clears on the message itself
    await s.send('door_contact', door.code, 'event', { type: 'opened' });
    expect(await alarmsOf(s, door.id)).toMatchObject([{ status: 'cleared' }]);

    // water flows again: the sweep clears the alarm
    s.clock.advance(HOUR);
    await s.send('water_meter', meter.code, 'telemetry', { totalM3: 40.25 });
    const later = await sweepIot(s.t.deps);
    expect(later.cleared).toBeGreaterThanOrEqual(1);
    expect(await alarmsOf(s, meter.id)).toMatchObject([{ status: 'cleared' }]);
  });

  it('uses the street’s own threshold once edited', async () => {
    const ctx = ctxFor(s.leader);
    const rule = await updateRule(s.t.deps, ctx, 'smart_breaker', 'overcurrent', {
      params: { value: 20, readings: 1 },
    });
    expect(rule).toMatchObject({ customised: true, params: { value: 20, readings: 1 } });
    await expect(
      updateRule(s.t.deps, ctx, 'smart_breaker', 'overcurrent', { params: { metric: 'battery' } }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const { device: breaker } = await device(s, 'smart_breaker');
    await s.send('smart_breaker', breaker.code, 'telemetry', { currentA: 25, voltageV: 228 });
    expect(await alarmsOf(s, breaker.id)).toMatchObject([{ type: 'overcurrent', status: 'active' }]);
  });
});

describe.skipIf(!process.env.TEST_MQTT_URL)('IoT over Mosquitto (TEST_MQTT_URL)', () => {
  let s: Street;
  beforeAll(async () => {
    s = await street({ external: process.env.TEST_MQTT_URL! });
  });
  afterAll(async () => close(s));

  it('ingests through a shared subscription and opens, de-duplicates and clears alarms', async () => {
    expect(s.transport.embedded).toBe(false);
    const { device: gate } = await device(s, 'access_gate');
    await s.send('access_gate', gate.code, 'telemetry', { locked: true, doorOpen: false });
    for (let i = 0; i < 4; i++) {
      s.clock.advance(MINUTE);
      await s.send('access_gate', gate.code, 'event', { type: 'forced_open' });
    }
    expect(await alarmsOf(s, gate.id)).toMatchObject([{ type: 'forced_open', status: 'active', count: 2 }]);
    s.clock.advance(HOUR);
    await sweepIot(s.t.deps);
    expect(await alarmsOf(s, gate.id)).toMatchObject([{ status: 'cleared' }]);
    expect(
      await s.t.deps.db
        .selectFrom('iot_telemetry')
        .select('device_id')
        .where('device_id', '=', gate.id)
        .execute(),
    ).toHaveLength(5);
  });

  it('splits the messages between two server processes of one shared-subscription group, each once', async () => {
    // a second server process, as far as the broker can tell: its own client in the same group
    const second = await startIotTransport(s.t.deps, {
      url: process.env.TEST_MQTT_URL!,
      group: s.group,
      tenantCode: s.tenantCode,
    });
    try {
      const { device: gate } = await device(s, 'access_gate');
      const ingest = ingestFor(s.t.deps);
      const [before1, before2, receivedBefore] = [s.transport.received, second.received, ingest.received];
      const N = 40;
      for (let i = 0; i < N; i++)
        await s.publisher.publishAsync(
          deviceTopic(s.tenantCode, 'access_gate', gate.code, 'up/telemetry'),
          JSON.stringify({ locked: i % 2 === 0, doorOpen: false }),
          { qos: 1 },
        );
      for (let i = 0; i < 500 && ingest.received < receivedBefore + N; i++)
        await new Promise((r) => setTimeout(r, 10));
      await ingest.idle();
      const first = s.transport.received - before1;
      const other = second.received - before2;
      expect(first + other, 'every message delivered exactly once across the group').toBe(N);
      expect(first, 'the first process had a share').toBeGreaterThan(0);
      expect(other, 'the second process had a share').toBeGreaterThan(0);
      const rows = await s.t.deps.db
        .selectFrom('iot_telemetry')
        .select('device_id')
        .where('device_id', '=', gate.id)
        .execute();
      expect(rows).toHaveLength(N);
    } finally {
      await second.stop();
    }
  });
});
