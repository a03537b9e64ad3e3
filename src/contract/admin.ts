import { z } from 'zod';
import { Roles } from './permissions.ts';
import { Timestamp } from './common.ts';
import { LiaisonOrgs } from './mediation.ts';

export const Username = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9_.-]{3,64}$/, '3–64 letters, digits, _ . -');
/** Only bounds here: the policy (length, classes, common passwords, username) is checked by the server with a clear message. */
export const Password = z.string().min(1).max(200);

export const User = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(Roles),
  tenantId: z.number().nullable(),
  tenantName: z.string().nullable(),
  /** A liaison's unit (派出所, 司法所, 律师事务所); null for other roles. */
  liaisonOrg: z.enum(LiaisonOrgs).nullable(),
  disabled: z.boolean(),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const CreateUserBody = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(100),
  password: Password,
  role: z.enum(Roles),
  /** Street of the new user; defaults to the actor's current street. */
  tenantId: z.number().int().positive().optional(),
  /** Required for a liaison: the unit it speaks for. */
  liaisonOrg: z.enum(LiaisonOrgs).optional(),
});

export const UpdateUserBody = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  role: z.enum(Roles).optional(),
  liaisonOrg: z.enum(LiaisonOrgs).optional(),
  disabled: z.boolean().optional(),
  password: Password.optional(),
});

export const UserQuery = z.object({
  q: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const Tenant = z.object({ id: z.number(), code: z.string(), name: z.string(), createdAt: Timestamp });
export const CreateTenantBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,40}$/),
  name: z.string().trim().min(2).max(100),
});

export const AuditEntry = z.object({
  id: z.number(),
  seq: z.number(),
  actorUserId: z.number().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  payload: z.unknown(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: Timestamp,
});
export const AuditQuery = z.object({
  entityType: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const AuditBreak = z.object({
  tenantId: z.number(),
  seq: z.number(),
  id: z.number().nullable(),
  kind: z.enum(['missing', 'link', 'contents', 'truncated', 'key', 'checkpoint']),
  reason: z.string(),
});
export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number(),
  /** Every break in the streets checked (the first 1,000; `totalBreaks` counts them all). */
  breaks: z.array(AuditBreak),
  totalBreaks: z.number(),
  /** Signed checkpoints the chains were compared with. */
  checkpoints: z.number(),
  firstBroken: AuditBreak.nullable(),
});
