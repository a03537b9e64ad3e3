import { z } from 'zod';
import { Permissions, Roles } from './permissions.ts';
import { Timestamp } from './common.ts';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const TenantRef = z.object({ id: z.number(), name: z.string() });

export const Me = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(Roles),
  permissions: z.array(z.enum(Permissions)),
  /** The street the session currently acts in (null for a district user with no street chosen). */
  tenant: TenantRef.nullable(),
  /** Streets this user may switch to (system admin: all; district official: granted ones). */
  tenants: z.array(TenantRef),
  householdId: z.number().nullable(),
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

export const SwitchTenantBody = z.object({ tenantId: z.number().int().positive() });

export const CreateTokenBody = z.object({ name: z.string().trim().min(1).max(100) });
export const CreatedToken = z.object({ id: z.number(), name: z.string(), token: z.string() });
export const ApiToken = z.object({
  id: z.number(),
  name: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
