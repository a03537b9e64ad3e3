import { createHmac } from 'node:crypto';
import QRCode from 'qrcode';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import { safeEqual } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { addTimelineEvent } from '../households/index.ts';
import { STAFF_ROLES, type Kind } from './council.common.ts';
import { loadMeeting, meetingRow } from './council.meetings.ts';

/**
 * Signing in at the door (扫码签到). The QR code on the projector carries a token that changes every
 * minute: an HMAC of the meeting and the minute, under a key derived from the street's encryption key
 * and the meeting's own secret. Every server process computes the same token from the database row
 * and the configured key alone, so nothing is kept in memory; a link forwarded out of the room stops
 * working within two minutes.
 */
export const SIGN_IN_WINDOW_MS = 60_000;

interface MeetingSecret {
  tenant_id: number;
  id: number;
  sign_in_token: string;
}

function windowOf(at: Date): number {
  return Math.floor(at.getTime() / SIGN_IN_WINDOW_MS);
}

function tokenFor(deps: Deps, m: MeetingSecret, window: number): string {
  const key = deps.cipher.blindIndex(`council-sign-in\0${m.tenant_id}\0${m.id}\0${m.sign_in_token}`);
  const mac = createHmac('sha256', key).update(`${m.id}:${window}`).digest('base64url').slice(0, 22);
  return `${window.toString(36)}.${mac}`;
}

/** The token the door shows now. */
export function currentSignInToken(deps: Deps, m: MeetingSecret): string {
  return tokenFor(deps, m, windowOf(deps.clock.now()));
}

/**
 * Accepts the token of this minute and of the one before (a code scanned as it changes). A well-formed
 * token of an older minute is refused with a message saying so; anything else is an unknown meeting.
 */
function verifySignInToken(deps: Deps, m: MeetingSecret, token: string): void {
  const match = /^([0-9a-z]{1,12})\.[A-Za-z0-9_-]{22}$/.exec(token);
  if (!match) throw notFound();
  const window = parseInt(match[1]!, 36);
  if (!safeEqual(token, tokenFor(deps, m, window))) throw notFound();
  const now = windowOf(deps.clock.now());
  if (window === now || window === now - 1) return;
  throw badRequest(
    '签到二维码已过期（每分钟更新）。请在会场扫描屏幕上的最新二维码，或请工作人员代为签到。',
    'This sign-in code has expired (it changes every minute). Scan the code on the screen in the room, or ask the staff to sign you in.',
    { reason: window < now ? 'expired' : 'not_yet_valid' },
  );
}

export function signInPath(meetingId: number, token: string): string {
  return `/council/check-in/${meetingId}?t=${encodeURIComponent(token)}`;
}

/**
 * The URL the door's QR code encodes and the QR code itself (PNG data URL). Its host is
 * GONGZHI_PUBLIC_URL; without it, the address this request came to (said so, for the staff page).
 */
export async function signInLink(deps: Deps, ctx: RequestContext, meetingId: number, requestOrigin: string) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  const m = await meetingRow(deps.db, tenantId, meetingId);
  const now = deps.clock.now();
  const token = tokenFor(deps, m, windowOf(now));
  const base = deps.config.publicUrl ?? requestOrigin;
  const url = `${base}${signInPath(m.id, token)}`;
  const qrDataUrl = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 360 });
  const windowEnd = (windowOf(now) + 1) * SIGN_IN_WINDOW_MS;
  return {
    url,
    token,
    qrDataUrl,
    // accepted through the next minute as "the previous one"
    expiresAt: new Date(windowEnd + SIGN_IN_WINDOW_MS).toISOString(),
    refreshInSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
    origin: deps.config.publicUrl ? ('config' as const) : ('request' as const),
  };
}

async function markPresent(
  trx: Executor,
  deps: Deps,
  tenantId: number,
  meetingId: number,
  participantId: number,
  method: 'qr' | 'staff',
) {
  await trx
    .updateTable('council_participants')
    .set({ signed_in_at: deps.clock.now(), sign_in_method: method })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', participantId)
    .where('signed_in_at', 'is', null)
    .execute();
  await publish(trx, { tenantId, topic: 'council.sign_in', data: { meetingId } });
}

/** Staff sign a participant in at the door (for those without a phone). */
export async function staffSignIn(deps: Deps, ctx: RequestContext, meetingId: number, participantId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await deps.db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('council_participants')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .where('id', '=', participantId)
      .executeTakeFirst();
    if (!p) throw notFound();
    await markPresent(trx, deps, tenantId, meetingId, participantId, 'staff');
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'council.sign_in',
      entityType: 'council_meeting',
      entityId: meetingId,
      payload: { participantId, method: 'staff' },
    });
  });
  return loadMeeting(deps, tenantId, meetingId);
}

/**
 * The name a user goes by in their household's file: the head's or a member's name that their
 * display name holds ('居民 刘桂芳' → 刘桂芳), the longest such; else the display name itself.
 */
export async function nameInHousehold(
  db: Executor,
  tenantId: number,
  householdId: number | null,
  displayName: string,
): Promise<string> {
  if (householdId === null) return displayName;
  const h = await db
    .selectFrom('households')
    .select(['head_name', 'members'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', householdId)
    .executeTakeFirst();
  if (!h) return displayName;
  const members = Array.isArray(h.members) ? (h.members as Array<{ name?: unknown }>) : [];
  const names = [h.head_name, ...members.map((x) => x.name)].filter(
    (n): n is string => typeof n === 'string' && n.trim().length > 0,
  );
  const held = names.filter((n) => displayName.includes(n.trim())).sort((a, b) => b.length - a.length);
  return held[0]?.trim() ?? displayName;
}

/**
 * Whom a scan signs in: the participant row of this account; else the household's invitation made
 * out to this very person (by name) and not yet claimed by another account; else the scanner joins
 * as themselves (of their household, not invited by name). Never someone else of the household.
 */
async function scannerParticipant(
  trx: Executor,
  ctx: RequestContext,
  tenantId: number,
  meetingId: number,
): Promise<{ id: number; name: string; signed_in_at: string | null }> {
  const householdId = ctx.actor.householdId;
  const own = await trx
    .selectFrom('council_participants')
    .select(['id', 'name', 'signed_in_at'])
    .where('tenant_id', '=', tenantId)
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', ctx.actor.userId)
    .executeTakeFirst();
  if (own) return own;
  const name = await nameInHousehold(trx, tenantId, householdId, ctx.actor.displayName);
  if (householdId !== null) {
    const invited = await trx
      .selectFrom('council_participants')
      .select(['id', 'name', 'signed_in_at'])
      .where('tenant_id', '=', tenantId)
      .where('meeting_id', '=', meetingId)
      .where('household_id', '=', householdId)
      .where('user_id', 'is', null)
      .where('name', 'in', [...new Set([name, ctx.actor.displayName])])
      .orderBy('id')
      .executeTakeFirst();
    if (invited) {
      await trx
        .updateTable('council_participants')
        .set({ user_id: ctx.actor.userId })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', invited.id)
        .execute();
      return invited;
    }
  }
  const kind: Kind = STAFF_ROLES.has(ctx.actor.role) ? 'cadre' : 'resident';
  const row = await trx
    .insertInto('council_participants')
    .values({
      tenant_id: tenantId,
      meeting_id: meetingId,
      name,
      kind,
      user_id: ctx.actor.userId,
      household_id: householdId,
      organisation: null,
      invited: false,
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  return { ...row, signed_in_at: null };
}

/**
 * A signed-in user opens the QR link: the person who scanned is signed in to the meeting — their own
 * invitation, or as a walk-in. A wrong token answers 404 like an unknown meeting; an expired one, 400
 * with a message saying to scan the code in the room.
 */
export async function checkIn(deps: Deps, ctx: RequestContext, meetingId: number, token: string) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.participate');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom('council_meetings')
      .select(['tenant_id', 'id', 'title', 'sign_in_token'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', meetingId)
      .executeTakeFirst();
    if (!m) throw notFound();
    verifySignInToken(deps, m, token);
    const p = await scannerParticipant(trx, ctx, tenantId, meetingId);
    const householdId = ctx.actor.householdId;
    if (!p.signed_in_at) {
      await markPresent(trx, deps, tenantId, meetingId, p.id, 'qr');
      if (householdId !== null)
        await addTimelineEvent(trx, {
          tenantId,
          householdId,
          occurredAt: now,
          module: 'council',
          kind: 'council_attendance',
          params: { meeting: m.title, name: p.name },
          detail: { meetingId, participantId: p.id },
          actorId: ctx.actor.userId,
        });
      await writeAudit(trx, deps.clock, ctx, {
        tenantId,
        action: 'council.sign_in',
        entityType: 'council_meeting',
        entityId: meetingId,
        payload: { participantId: p.id, name: p.name, method: 'qr' },
      });
    }
    const signed = await trx
      .selectFrom('council_participants')
      .select('signed_in_at')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    return { meetingId, title: m.title, signedInAt: signed.signed_in_at!, name: p.name };
  });
}
