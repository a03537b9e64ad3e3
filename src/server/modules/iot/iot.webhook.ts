/** The devices' webhook: a signed report from a vendor platform, checked and ingested. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { ingestFor, type IngestOutcome } from './iot.ingest.ts';

export const SIGNATURE_HEADER = 'x-gongzhi-signature';

export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * A vendor's HTTP push: authenticated by the HMAC-SHA256 of the raw body with the device's secret,
 * then fed to the same pipeline as MQTT.
 */
export async function webhook(
  deps: Deps,
  code: string,
  raw: Buffer,
  signature: string | undefined,
): Promise<{ outcome: IngestOutcome }> {
  const device = await deps.db
    .selectFrom('iot_devices as d')
    .innerJoin('tenants as t', 't.id', 'd.tenant_id')
    .select(['d.kind', 'd.webhook_secret_enc', 't.code as tenant_code'])
    .where('d.code', '=', code)
    .executeTakeFirst();
  // unknown device, no webhook, or a bad signature: the same answer, so codes cannot be probed
  const secret = device?.webhook_secret_enc ? deps.cipher.decrypt(device.webhook_secret_enc) : null;
  const expected = Buffer.from(secret ? signBody(secret, raw) : 'sha256=none');
  const given = Buffer.from(signature ?? '');
  if (!device || !secret || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError('unauthenticated', undefined, {
      zh: '签名无效：请用设备密钥对请求体计算 HMAC-SHA256，放在 x-gongzhi-signature 头中',
      en: 'Invalid signature: send the HMAC-SHA256 of the body with the device secret in x-gongzhi-signature',
    });
  let body: { type?: unknown; payload?: unknown };
  try {
    body = JSON.parse(raw.toString('utf8')) as typeof body;
  } catch {
    body = {};
  }
  const leaf = body?.type === 'telemetry' || body?.type === 'event' ? body.type : 'invalid';
  const payload =
    body && typeof body.payload === 'object' && body.payload !== null
      ? (body.payload as Record<string, unknown>)
      : Buffer.from('');
  const outcome = await ingestFor(deps).accept({
    tenantCode: device.tenant_code,
    kind: device.kind,
    deviceCode: code,
    leaf,
    body: payload,
    via: 'webhook',
  });
  return { outcome };
}
