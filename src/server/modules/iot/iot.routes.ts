import { z } from 'zod';
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  Alarm,
  AlarmListQuery,
  ClearAlarmBody,
  Consent,
  ConsentBody,
  ConsentListQuery,
  CreateDeviceBody,
  CreatedDevice,
  Device,
  DeviceDetail,
  DeviceListQuery,
  IngestStats,
  IotFigures,
  IotPlan,
  PlanQuery,
  Rule,
  RuleParamsPath,
  UpdateDeviceBody,
  UpdateRuleBody,
  WebhookSecret,
  WithdrawConsentBody,
} from '../../../contract/iot.ts';
import { onReplica, type Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { acknowledgeAlarm, clearAlarm, getAlarm, listAlarms } from './iot.alarm-desk.ts';
import { listConsents, recordConsent, withdrawConsent } from './iot.consents.ts';
import { createDevice, getDevice, listDevices, rotateWebhookSecret, updateDevice } from './iot.devices.ts';
import { figures, ingestStats, plan } from './iot.overview.ts';
import { listRules, updateRule } from './iot.rule-settings.ts';
import { SIGNATURE_HEADER, webhook } from './iot.webhook.ts';

const tags = ['iot'];
const AnyAlarmHandler = ['safety.dispatch', 'safety.handle', 'safety.manage'] as const;

export function iotRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/iot/devices',
    {
      config: { permission: 'safety.read' },
      schema: {
        tags,
        summary: 'Devices (filters: kind, status, estate, building)',
        querystring: DeviceListQuery,
        response: { 200: pageOf(Device) },
      },
    },
    (req) => listDevices(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/iot/devices',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Register a device (in-home devices need the household’s consent in force)',
        body: CreateDeviceBody,
        response: { 200: CreatedDevice },
      },
    },
    (req) => createDevice(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/iot/devices/:id',
    {
      config: { permission: 'safety.read' },
      schema: {
        tags,
        summary: 'A device with its latest reading, recent history, consent and alarms',
        params: IdParams,
        response: { 200: DeviceDetail },
      },
    },
    (req) => getDevice(deps, ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/iot/devices/:id',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Edit, move, enable or disable a device',
        params: IdParams,
        body: UpdateDeviceBody,
        response: { 200: Device },
      },
    },
    (req) => updateDevice(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/iot/devices/:id/webhook-secret',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Issue a new webhook secret (shown once; the old one stops working)',
        params: IdParams,
        response: { 200: WebhookSecret },
      },
    },
    (req) => rotateWebhookSecret(deps, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/iot/consents',
    {
      config: { permission: 'safety.read' },
      schema: {
        tags,
        summary: 'Recorded consents to in-home devices',
        querystring: ConsentListQuery,
        response: { 200: pageOf(Consent) },
      },
    },
    (req) => listConsents(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/iot/consents',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Record a household’s consent with an emergency contact',
        body: ConsentBody,
        response: { 200: Consent },
      },
    },
    (req) => recordConsent(deps, ctxOf(req), req.body),
  );
  app.post(
    '/api/iot/consents/:id/withdraw',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Withdraw a consent: its in-home devices are disabled at once',
        params: IdParams,
        body: WithdrawConsentBody,
        response: { 200: Consent },
      },
    },
    (req) => withdrawConsent(deps, ctxOf(req), req.params.id, req.body.reason),
  );

  app.get(
    '/api/iot/alarms',
    {
      config: { permission: 'safety.read' },
      schema: {
        tags,
        summary: 'Alarms (open by default)',
        querystring: AlarmListQuery,
        response: { 200: pageOf(Alarm) },
      },
    },
    (req) => listAlarms(deps, ctxOf(req), req.query),
  );
  app.get(
    '/api/iot/alarms/:id',
    {
      config: { permission: 'safety.read' },
      schema: { tags, summary: 'One alarm', params: IdParams, response: { 200: Alarm } },
    },
    (req) => getAlarm(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/iot/alarms/:id/acknowledge',
    {
      config: { permission: AnyAlarmHandler },
      schema: {
        tags,
        summary: 'Acknowledge an alarm (who and when are kept)',
        params: IdParams,
        response: { 200: Alarm },
      },
    },
    (req) => acknowledgeAlarm(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/iot/alarms/:id/clear',
    {
      config: { permission: ['safety.dispatch', 'safety.manage'] },
      schema: {
        tags,
        summary: 'Clear an alarm by hand, with a note',
        params: IdParams,
        body: ClearAlarmBody,
        response: { 200: Alarm },
      },
    },
    (req) => clearAlarm(deps, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/iot/rules',
    {
      config: { permission: 'safety.read' },
      schema: {
        tags,
        summary: 'Alarm rules per device kind, with this street’s thresholds',
        response: { 200: pageOf(Rule) },
      },
    },
    (req) => listRules(deps, ctxOf(req)),
  );
  app.patch(
    '/api/iot/rules/:kind/:key',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Change a rule’s threshold, severity or switch it off for this street',
        params: RuleParamsPath,
        body: UpdateRuleBody,
        response: { 200: Rule },
      },
    },
    (req) => updateRule(deps, ctxOf(req), req.params.kind, req.params.key, req.body),
  );

  app.get(
    '/api/iot/stats',
    {
      config: { permission: 'safety.read' },
      schema: {
        tags,
        summary: 'Ingest counters of the last 7 days (messages, malformed, rejected)',
        response: { 200: IngestStats },
      },
    },
    (req) => ingestStats(deps, ctxOf(req)),
  );
  app.get(
    '/api/iot/figures',
    {
      config: { permission: 'safety.read' },
      schema: {
        tags,
        summary: 'Alarms by kind and severity, open count, mean time to acknowledge',
        response: { 200: IotFigures },
      },
    },
    (req) => figures(onReplica(deps), ctxOf(req)),
  );
  app.get(
    '/api/iot/plan',
    {
      config: { permission: 'safety.read' },
      schema: {
        tags,
        summary: 'Estate plan with device markers for the live page',
        querystring: PlanQuery,
        response: { 200: IotPlan },
      },
    },
    (req) => plan(deps, ctxOf(req), req.query.estateId),
  );

  // Vendors' HTTP push: the raw body is needed for the signature, so JSON is parsed here, not by Fastify.
  void app.register(async (plain) => {
    const scope = plain as unknown as App;
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, body),
    );
    scope.post(
      '/api/iot/webhook/:code',
      {
        config: { permission: 'public' },
        schema: {
          tags,
          summary:
            'Device push over HTTP: {type, payload}, signed with x-gongzhi-signature: sha256=<HMAC of the body>',
          security: [],
          params: z.object({ code: z.string().max(64) }),
          response: {
            202: z.object({ outcome: z.literal('stored') }),
            409: z.object({ outcome: z.literal('rejected') }),
            422: z.object({ outcome: z.literal('malformed') }),
          },
        },
      },
      async (req, reply) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.from('');
        const header = req.headers[SIGNATURE_HEADER];
        const { outcome } = await webhook(
          deps,
          req.params.code,
          raw,
          typeof header === 'string' ? header : undefined,
        );
        if (outcome === 'malformed') return reply.code(422).send({ outcome });
        if (outcome === 'rejected' || outcome === 'status')
          return reply.code(409).send({ outcome: 'rejected' as const });
        return reply.code(202).send({ outcome });
      },
    );
  });
}
