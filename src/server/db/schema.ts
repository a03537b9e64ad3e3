import type { ColumnType, Generated } from 'kysely';
import type { SuggestionTables } from '../modules/suggestions/suggestions.tables.ts';
import type { LegislationTables } from '../modules/legislation/legislation.tables.ts';
import type { HouseholdTables } from '../modules/households/households.tables.ts';
import type { RenewalTables } from '../modules/renewal/renewal.tables.ts';
import type { RelocationTables } from '../modules/relocation/relocation.tables.ts';
import type { CouncilTables } from '../modules/council/council.tables.ts';
import type { MediationTables } from '../modules/mediation/mediation.tables.ts';

/**
 * Table types for Kysely. Timestamps come back as ISO strings and bigint as number (see database.ts);
 * on insert they accept a Date or string, hence ColumnType.
 */
export type Timestamp = ColumnType<string, Date | string, Date | string>;
export type CreatedAt = ColumnType<string, Date | string | undefined, Date | string>;
/** jsonb: read as parsed JSON, written as a JSON string. */
export type Json = ColumnType<unknown, string, string>;

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
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  files: FilesTable;
  file_chunks: FileChunksTable;
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
    RelocationTables {}
