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
  /** A second factor is required and not yet set up: the session may only enrol (or sign out). */
  mfaEnrolmentRequired: z.boolean(),
  /** Second factor required for this role, but the server exempts it (demo mode): say so. */
  mfaExempt: z.boolean(),
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

/** The password was right and the account has a second factor: send a code with this challenge. */
export const MfaChallenge = z.object({ mfaRequired: z.literal(true), challenge: z.string() });
export const LoginAnswer = z.union([Me, MfaChallenge]);
export type LoginAnswer = z.infer<typeof LoginAnswer>;

export const MfaLoginBody = z.object({
  challenge: z.string().min(1).max(200),
  /** A 6-digit authenticator code or a recovery code. */
  code: z.string().trim().min(1).max(40),
});

export const MfaStatus = z.object({
  enrolled: z.boolean(),
  enrolledAt: Timestamp.nullable(),
  /** This user must have a second factor (system administrator, street leader). */
  required: z.boolean(),
  /** It would be required, but this server exempts everyone (the demo: GONGZHI_MFA_REQUIRED=false). */
  exempt: z.boolean(),
  recoveryCodesLeft: z.number(),
});
export type MfaStatus = z.infer<typeof MfaStatus>;

export const MfaSetup = z.object({
  /** Base32, for typing into an authenticator app by hand. */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The otpauth URL as a QR code (SVG markup). */
  qrSvg: z.string(),
});
export type MfaSetup = z.infer<typeof MfaSetup>;

export const MfaConfirmBody = z.object({ code: z.string().trim().min(1).max(12) });
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export const MfaResetBody = z.object({ password: z.string().min(1).max(200) });
