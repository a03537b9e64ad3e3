import type { Generated } from 'kysely';
import type { SuggestionTables } from '../modules/suggestions/suggestions.tables.ts';
import type { LegislationTables } from '../modules/legislation/legislation.tables.ts';
import type { HouseholdTables } from '../modules/households/households.tables.ts';
import type { RenewalTables } from '../modules/renewal/renewal.tables.ts';
import type { RelocationTables } from '../modules/relocation/relocation.tables.ts';
import type { CouncilTables } from '../modules/council/council.tables.ts';
import type { MediationTables } from '../modules/mediation/mediation.tables.ts';
import type { IotTables } from '../modules/iot/iot.tables.ts';
import type { AntifraudTables } from '../modules/antifraud/antifraud.tables.ts';
import type { SafetyTables } from '../modules/safety/safety.tables.ts';
import type { OpinionTables } from '../modules/opinion/opinion.tables.ts';

import type { CreatedAt, Json, Timestamp } from './columns.ts';

export type { CreatedAt, DateCol, Json, Timestamp } from './columns.ts';

export interface TenantsTable {
  id: Generated<number>;
  code: string;
  name: string;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  tenant_id: number | null;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  household_id: number | null;
  /** A liaison's unit (派出所, 司法所, 律师事务所); null for every other role. */
  liaison_org: Generated<'police' | 'judicial' | 'law_firm' | null>;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface UserTenantGrantsTable {
  user_id: number;
  tenant_id: number;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  tenant_id: number | null;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface UserMfaTable {
  user_id: number;
  secret_enc: string;
  confirmed_at: Timestamp | null;
  last_step: number | null;
  created_at: CreatedAt;
}

export interface UserRecoveryCodesTable {
  user_id: number;
  code_digest: string;
  used_at: Timestamp | null;
}

export interface MfaChallengesTable {
  id_hash: string;
  user_id: number;
  expires_at: Timestamp;
}

export interface RateLimitHitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

/** One Idempotency-Key of a user in a street: claimed (status null) or answered (platform/idempotency.ts). */
export interface IdempotencyKeysTable {
  tenant_id: number;
  user_id: number;
  key: string;
  fingerprint: string;
  status: number | null;
  content_type: string | null;
  body: string | null;
  created_at: Timestamp;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface AuditLogTable {
  tenant_id: number;
  seq: number;
  id: Generated<number>;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  payload: Json;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  tenant_id: number;
  seq: number;
  hash: string;
  /** The audit key that sealed this chain; null: legacy plain SHA-256, not yet re-sealed. */
  key_id: string | null;
}

export interface FilesTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface FileChunksTable {
  tenant_id: number;
  file_id: number;
  n: number;
  data: Uint8Array;
}

export interface JobsTable {
  tenant_id: number;
  id: Generated<number>;
  kind: string;
  payload: Json;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  result: Json | null;
  file_id: number | null;
  error: string | null;
  attempts: Generated<number>;
  lease_until: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface PeriodicTasksTable {
  name: string;
  next_run_at: Timestamp;
  last_started_at: Timestamp | null;
  last_finished_at: Timestamp | null;
  last_error: string | null;
}

export interface NotificationsTable {
  tenant_id: number;
  id: Generated<number>;
  user_id: number | null;
  contact_name: string | null;
  contact_phone_cipher: string | null;
  channel: 'in_app' | 'sms' | 'wechat';
  topic: string;
  title: string;
  body: string;
  link: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  read_at: Timestamp | null;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: CreatedAt;
}

/** Platform tables. */
export interface PlatformTables {
  tenants: TenantsTable;
  users: UsersTable;
  user_tenant_grants: UserTenantGrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  rate_limit_hits: RateLimitHitsTable;
  idempotency_keys: IdempotencyKeysTable;
  user_mfa: UserMfaTable;
  user_recovery_codes: UserRecoveryCodesTable;
  mfa_challenges: MfaChallengesTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  files: FilesTable;
  file_chunks: FileChunksTable;
  jobs: JobsTable;
  periodic_tasks: PeriodicTasksTable;
  notifications: NotificationsTable;
  schema_migrations: SchemaMigrationsTable;
}

/**
 * The whole database as Kysely sees it: platform tables plus each module's own table types
 * (declared beside the module in `<module>.tables.ts`). A new module adds itself to this list.
 */
export interface DB
  extends
    PlatformTables,
    HouseholdTables,
    LegislationTables,
    SuggestionTables,
    RenewalTables,
    CouncilTables,
    MediationTables,
    IotTables,
    RelocationTables,
    AntifraudTables,
    SafetyTables,
    OpinionTables {}
