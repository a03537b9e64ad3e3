/**
 * Response types of the API, inferred from the shared Zod schemas in src/contract.
 * Type-only imports: the schemas (and zod) never end up in the browser bundle.
 */
import type { z } from 'zod';
import type {
  ApiToken as ApiTokenSchema,
  CreatedToken as CreatedTokenSchema,
  LoginAnswer as LoginAnswerSchema,
  Me as MeSchema,
  MfaSetup as MfaSetupSchema,
  MfaStatus as MfaStatusSchema,
} from '../../contract/auth.ts';
import type {
  AuditEntry as AuditEntrySchema,
  AuditVerifyResult as AuditVerifyResultSchema,
  CreateTenantBody as CreateTenantBodySchema,
  CreateUserBody as CreateUserBodySchema,
  Tenant as TenantSchema,
  UpdateUserBody as UpdateUserBodySchema,
  User as UserSchema,
} from '../../contract/admin.ts';

export type Me = z.infer<typeof MeSchema>;
export type LoginAnswer = z.infer<typeof LoginAnswerSchema>;
export type MfaStatus = z.infer<typeof MfaStatusSchema>;
export type MfaSetup = z.infer<typeof MfaSetupSchema>;
export type ApiToken = z.infer<typeof ApiTokenSchema>;
export type CreatedToken = z.infer<typeof CreatedTokenSchema>;
export type User = z.infer<typeof UserSchema>;
export type CreateUserBody = z.input<typeof CreateUserBodySchema>;
export type UpdateUserBody = z.input<typeof UpdateUserBodySchema>;
export type Tenant = z.infer<typeof TenantSchema>;
export type CreateTenantBody = z.input<typeof CreateTenantBodySchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditVerifyResult = z.infer<typeof AuditVerifyResultSchema>;
