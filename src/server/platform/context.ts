import type { Permission, Role } from '../../contract/permissions.ts';
import type { Lang } from '../../contract/errors.ts';

/** Who is acting: resolved once per request from the session cookie or the bearer token. */
export interface Actor {
  readonly userId: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly permissions: ReadonlySet<Permission>;
  /** The street the actor acts in now; null only for a district user who has not chosen one. */
  readonly tenantId: number | null;
  readonly householdId: number | null;
  readonly via: 'session' | 'token';
  /** Signed in with a password, but a required second factor is not set up yet: may only enrol. */
  readonly mfaEnrolmentPending?: boolean;
}

/** Everything a service needs to know about the request it serves. */
export interface RequestContext {
  readonly actor: Actor;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly lang: Lang;
}

/** A context for work the system does by itself (CLI, seeding, sweeps). */
export function systemContext(actor: Actor): RequestContext {
  return { actor, ip: null, userAgent: 'gongzhi-cli', lang: 'zh' };
}
