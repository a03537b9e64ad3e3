import type { Generated } from 'kysely';
import type { CreatedAt, DateCol, Json, Timestamp } from '../../db/columns.ts';

export interface RoundsTable {
  tenant_id: number;
  id: Generated<number>;
  estate_id: number;
  title: string;
  kind: string;
  threshold: number;
  target: number;
  building_ids: number[] | null;
  opens_on: DateCol | null;
  closes_on: DateCol | null;
  status: Generated<string>;
  effective_at: Timestamp | null;
  board_shows_names: Generated<boolean>;
  signing_place: string | null;
  signing_hours: string | null;
  signing_bring: string | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface RoundHouseholdsTable {
  tenant_id: number;
  round_id: number;
  household_id: number;
  building_id: number;
  decision: string | null;
  reason: string | null;
  agreement_no: string | null;
  signer: string | null;
  witness: string | null;
  scan_file_id: number | null;
  responded_at: Timestamp | null;
  recorded_by: number | null;
}

export interface RoundResponseHistoryTable {
  tenant_id: number;
  id: Generated<number>;
  round_id: number;
  household_id: number;
  decision: string;
  reason: string | null;
  recorded_by: number | null;
  at: Timestamp;
}

export interface LayoutOptionsTable {
  tenant_id: number;
  id: Generated<number>;
  estate_id: number;
  code: string;
  name: string;
  description: string | null;
  added_area: number;
}

export interface AllowanceRulesTable {
  tenant_id: number;
  id: Generated<number>;
  estate_id: number;
  name: string;
  kind: string;
  rate_fen: number;
  area_basis: string | null;
  person_basis: string | null;
  months: number | null;
  note: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PlansTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number;
  version: number;
  layout_option_id: number;
  added_area: number;
  transition: string;
  allowances: Json;
  special_needs: string | null;
  created_by: number | null;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  confirmed_by: string | null;
  confirm_method: string | null;
  confirm_witness: string | null;
}

export interface DrawingChangeRequestsTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number;
  content: string;
  status: Generated<string>;
  requested_by: number | null;
  created_at: Timestamp;
  answered_by_version: number | null;
}

export interface DrawingsTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number;
  version: number;
  file_id: number;
  comment: string | null;
  change_request_id: number | null;
  uploaded_by: number | null;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  confirmed_by: string | null;
  confirm_method: string | null;
  confirm_witness: string | null;
}

export interface BuildingPhasesTable {
  tenant_id: number;
  building_id: number;
  phase: string;
  on_date: DateCol;
  recorded_by: number | null;
}

export interface AcceptancesTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number;
  drawing_id: number;
  checklist: Json;
  beautification_ok: boolean;
  status: Generated<string>;
  inspected_by: number | null;
  inspected_at: Timestamp;
  passed_at: Timestamp | null;
}

export interface DefectsTable {
  tenant_id: number;
  id: Generated<number>;
  acceptance_id: number;
  description: string;
  status: Generated<string>;
  created_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface ActivationCodesTable {
  tenant_id: number;
  household_id: number;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  user_id: number | null;
}

export interface RenewalSettingsTable {
  tenant_id: number;
  relaxed: string[];
  updated_by: number | null;
  updated_at: CreatedAt;
}

/** One household's renewal outcome, kept by triggers on its records (migration 0160). */
export interface HouseholdOutcomesTable {
  tenant_id: number;
  household_id: number;
  estate_id: number;
  signed: Generated<boolean>;
  planned: Generated<boolean>;
  accepted: Generated<boolean>;
  beautified: Generated<boolean>;
  drawings: Generated<boolean>;
}

export interface RenewalTables {
  renewal_settings: RenewalSettingsTable;
  rounds: RoundsTable;
  round_households: RoundHouseholdsTable;
  round_response_history: RoundResponseHistoryTable;
  layout_options: LayoutOptionsTable;
  allowance_rules: AllowanceRulesTable;
  plans: PlansTable;
  drawing_change_requests: DrawingChangeRequestsTable;
  drawings: DrawingsTable;
  building_phases: BuildingPhasesTable;
  acceptances: AcceptancesTable;
  defects: DefectsTable;
  activation_codes: ActivationCodesTable;
  household_outcomes: HouseholdOutcomesTable;
}
