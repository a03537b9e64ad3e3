import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Deps } from './deps.ts';
import { publish } from './events.ts';
import type { PeriodicTask } from './jobs.ts';

/**
 * Notifications go through an outbox: `notify` only inserts rows inside the caller's transaction
 * (so a rolled-back alarm notifies nobody), and a periodic task delivers them through channels.
 * In-app delivery is built in; SMS and WeChat are adapters behind `NotificationChannel`, configured
 * by URL, because every street contracts its own gateway.
 */

export type ChannelName = 'in_app' | 'sms' | 'wechat';

export type Recipient = { userId: number } | { phoneCipher: string; name: string };

export interface NotifyInput {
  tenantId: number;
  recipients: readonly Recipient[];
  /** Short machine topic, e.g. 'iot.alarm', 'safety.work_order.overdue'. */
  topic: string;
  title: string;
  body: string;
  /** An app path the notification opens, e.g. '/safety/work-orders/12'. */
  link?: string;
}

export const NOTIFICATION_TOPIC = 'notification';

export async function notify(
  executor: Executor,
  deps: Pick<Deps, 'clock'>,
  input: NotifyInput,
): Promise<void> {
  const seen = new Set<string>();
  const rows = [];
  for (const recipient of input.recipients) {
    const key = 'userId' in recipient ? `u${recipient.userId}` : `p${recipient.phoneCipher}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      tenant_id: input.tenantId,
      user_id: 'userId' in recipient ? recipient.userId : null,
      contact_name: 'userId' in recipient ? null : recipient.name,
      contact_phone_cipher: 'userId' in recipient ? null : recipient.phoneCipher,
      channel: ('userId' in recipient ? 'in_app' : 'sms') as ChannelName,
      topic: input.topic,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      created_at: deps.clock.now(),
    });
  }
  if (rows.length > 0) await executor.insertInto('notifications').values(rows).execute();
}

export interface OutboxMessage {
  tenantId: number;
  id: number;
  userId: number | null;
  contactName: string | null;
  /** Decrypted only for the adapter that dials it. */
  phone: string | null;
  topic: string;
  title: string;
  body: string;
  link: string | null;
}

export interface NotificationChannel {
  readonly name: ChannelName;
  /** Throws when the message could not be handed over; the outbox retries a few times. */
  deliver(deps: Deps, message: OutboxMessage): Promise<void>;
}

/** In-app: the row itself is the inbox; delivering means telling the open tabs. */
export const inAppChannel: NotificationChannel = {
  name: 'in_app',
  async deliver(deps, message) {
    await publish(deps.db, {
      tenantId: message.tenantId,
      topic: NOTIFICATION_TOPIC,
      data: { userId: message.userId, id: message.id },
    });
  },
};

/**
 * A gateway reached by HTTP POST of `{to, name, title, body}` (most SMS and WeChat-template relays
 * accept such a call). Configured with NOTIFY_SMS_URL / NOTIFY_WECHAT_URL.
 */
export function httpGatewayChannel(name: ChannelName, url: string): NotificationChannel {
  return {
    name,
    async deliver(_deps, message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          to: message.phone,
          name: message.contactName,
          title: message.title,
          body: message.body,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`${name} gateway answered ${response.status}`);
    },
  };
}

export function configuredChannels(env: NodeJS.ProcessEnv = process.env): NotificationChannel[] {
  const channels: NotificationChannel[] = [inAppChannel];
  if (env.NOTIFY_SMS_URL) channels.push(httpGatewayChannel('sms', env.NOTIFY_SMS_URL));
  if (env.NOTIFY_WECHAT_URL) channels.push(httpGatewayChannel('wechat', env.NOTIFY_WECHAT_URL));
  return channels;
}

const MAX_ATTEMPTS = 5;
const BATCH = 200;

/** Delivers pending notifications; returns how many were sent. Safe to run in several processes. */
export async function deliverPending(deps: Deps, channels: readonly NotificationChannel[]): Promise<number> {
  let sent = 0;
  await deps.db.transaction().execute(async (trx) => {
    const pending = await sql<{
      tenant_id: number;
      id: number;
      user_id: number | null;
      contact_name: string | null;
      contact_phone_cipher: string | null;
      channel: ChannelName;
      topic: string;
      title: string;
      body: string;
      link: string | null;
      attempts: number;
    }>`select tenant_id, id, user_id, contact_name, contact_phone_cipher, channel, topic, title, body, link, attempts
       from notifications where status = 'pending' order by id limit ${BATCH} for update skip locked`.execute(
      trx,
    );
    for (const row of pending.rows) {
      const channel = channels.find((c) => c.name === row.channel);
      const message: OutboxMessage = {
        tenantId: Number(row.tenant_id),
        id: Number(row.id),
        userId: row.user_id === null ? null : Number(row.user_id),
        contactName: row.contact_name,
        phone: row.contact_phone_cipher ? deps.cipher.decrypt(row.contact_phone_cipher) : null,
        topic: row.topic,
        title: row.title,
        body: row.body,
        link: row.link,
      };
      let error: string | null = null;
      if (!channel) error = `No ${row.channel} gateway is configured`;
      else {
        try {
          await channel.deliver({ ...deps, db: trx }, message);
        } catch (e) {
          error = (e as Error).message;
        }
      }
      const attempts = Number(row.attempts) + 1;
      // Without a configured gateway retrying cannot help: the row fails at once and says why.
      const status = error === null ? 'sent' : !channel || attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
      await trx
        .updateTable('notifications')
        .set({ status, attempts, last_error: error, sent_at: error === null ? deps.clock.now() : null })
        .where('tenant_id', '=', message.tenantId)
        .where('id', '=', message.id)
        .execute();
      if (error === null) sent += 1;
    }
  });
  return sent;
}

export function notificationDeliveryTask(channels: readonly NotificationChannel[]): PeriodicTask {
  return {
    name: 'notifications.deliver',
    everyMs: 2_000,
    run: (deps) => deliverPending(deps, channels).then(() => {}),
  };
}
