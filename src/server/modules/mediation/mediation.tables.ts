import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../../db/columns.ts';

export interface MediationCasesTable {
  tenant_id: number;
  id: Generated<number>;
  case_no: string;
  title: string;
  type: string;
  source: string;
  facts: string;
  claims: string;
  level: Generated<string>;
  status: Generated<string>;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  decided_by: number | null;
  at_risk: Generated<boolean>;
  risk_note: string | null;
  risk_flagged_at: Timestamp | null;
  outcome_note: string | null;
  other_routes: string | null;
  agreement: Json | null;
  agreement_effective_at: Timestamp | null;
  confirmation_applied_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface MediationPartiesTable {
  tenant_id: number;
  id: Generated<number>;
  case_id: number;
  household_id: number | null;
  kind: Generated<string>;
  name: string;
  role: string;
  info: string | null;
  contact_enc: string | null;
  signed_at: Timestamp | null;
  signed_how: Generated<'paper' | 'device' | 'fingerprint' | 'proxy' | 'online' | null>;
  signed_proxy: Generated<string | null>;
  signed_witness_id: Generated<number | null>;
  signed_authorisation: Generated<string | null>;
  signed_witness_name: Generated<string | null>;
}

export interface MediationMembersTable {
  tenant_id: number;
  case_id: number;
  user_id: number;
  role: string;
  org: string | null;
  signed_at: Timestamp | null;
  added_at: Timestamp;
}

export interface MediationSessionsTable {
  tenant_id: number;
  id: Generated<number>;
  case_id: number;
  held_at: Timestamp;
  place: string;
  record: string;
  recorded_by: number | null;
}

export interface MediationFollowupsTable {
  tenant_id: number;
  id: Generated<number>;
  case_id: number;
  kind: string;
  at: Timestamp;
  note: string;
  performed: boolean | null;
  recorded_by: number | null;
}

export interface MediationRemindersSentTable {
  tenant_id: number;
  case_id: number;
  kind: string;
  due_on: ColumnType<string, string, string>;
  sent_at: Timestamp;
}

export interface MediationLiaisonEntriesTable {
  tenant_id: number;
  id: Generated<number>;
  case_id: number;
  user_id: number;
  org: 'police' | 'judicial' | 'law_firm';
  kind: 'police_action' | 'confirmation_applied' | 'confirmation_result' | 'legal_advice';
  at: Timestamp;
  note: string;
  result: 'confirmed' | 'refused' | null;
  created_at: Timestamp;
}

export interface MediationTables {
  mediation_liaison_entries: MediationLiaisonEntriesTable;
  mediation_reminders_sent: MediationRemindersSentTable;
  mediation_cases: MediationCasesTable;
  mediation_parties: MediationPartiesTable;
  mediation_members: MediationMembersTable;
  mediation_sessions: MediationSessionsTable;
  mediation_followups: MediationFollowupsTable;
}
