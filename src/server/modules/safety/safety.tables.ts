import type { Generated } from 'kysely';
import type { DateCol, IdArray, Json, TextArray, Timestamp } from '../../db/columns.ts';

/** numeric: parsed as a number by database.ts. */
type Numeric = number;

export interface SafetySlaTable {
  tenant_id: number;
  priority: string;
  accept_minutes: number;
  resolve_minutes: number;
}

export interface SafetyPhotosTable {
  tenant_id: number;
  file_id: number;
  uploaded_by: number;
  created_at: Timestamp;
}

export interface SafetyWorkOrdersTable {
  tenant_id: number;
  id: Generated<number>;
  source: string;
  alarm_id: number | null;
  patrol_record_id: number | null;
  hotline_ticket: string | null;
  category: string | null;
  title: string;
  description: string | null;
  place: string | null;
  household_id: number | null;
  building_id: number | null;
  priority: string;
  status: Generated<string>;
  assignee_id: number | null;
  reporter_user_id: number | null;
  reporter_name: string | null;
  created_by: number | null;
  created_at: Timestamp;
  accept_due_at: Timestamp;
  resolve_due_at: Timestamp;
  dispatched_at: Timestamp | null;
  accepted_at: Timestamp | null;
  submitted_at: Timestamp | null;
  closed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  feedback: string | null;
  closure_code: string | null;
  verify_note: string | null;
  cancel_reason: string | null;
  escalation_level: Generated<number>;
  escalated_at: Timestamp | null;
}

export interface SafetyWorkOrderEventsTable {
  tenant_id: number;
  id: Generated<number>;
  work_order_id: number;
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: number | null;
  note: string | null;
  detail: Json;
  at: Timestamp;
}

export interface SafetyWorkOrderPhotosTable {
  tenant_id: number;
  work_order_id: number;
  file_id: number;
  stage: string;
}

export interface SafetyPatrolPlansTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  category: string;
  estate_id: number | null;
  places: TextArray;
  checklist: Json;
  frequency: string;
  times_per_period: number;
  assignee_ids: IdArray;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SafetyPatrolRecordsTable {
  tenant_id: number;
  id: Generated<number>;
  plan_id: number;
  patrolled_by: number;
  patrolled_at: Timestamp;
  place: string | null;
  note: string | null;
  failed_count: Generated<number>;
  created_at: Timestamp;
}

export interface SafetyPatrolItemsTable {
  tenant_id: number;
  record_id: number;
  position: number;
  item_key: string;
  item_text: string;
  passed: boolean;
  note: string | null;
  photo_file_id: number | null;
  work_order_id: number | null;
}

export interface SafetyBuildingRisksTable {
  tenant_id: number;
  id: Generated<number>;
  building_id: number;
  hazards: TextArray;
  risk_level: string;
  note: string | null;
  checked_at: Timestamp;
  checked_by: number | null;
}

export interface SafetyRentalFlatsTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number | null;
  building_id: number | null;
  address: string;
  landlord_name: string | null;
  status: Generated<string>;
  occupants: number;
  rooms: number;
  area_m2: Numeric;
  flags: TextArray;
  notice_no: string | null;
  notice_issued_at: Timestamp | null;
  notice_deadline: DateCol | null;
  last_checked_at: Timestamp;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SafetyRentalChecksTable {
  tenant_id: number;
  id: Generated<number>;
  flat_id: number;
  kind: string;
  occupants: number;
  rooms: number;
  area_m2: Numeric;
  partitions: boolean;
  beds_in_kitchen_or_balcony: boolean;
  flags: TextArray;
  note: string | null;
  checked_at: Timestamp;
  checked_by: number | null;
}

export interface SafetyPrepaidMerchantsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  business_type: string;
  address: string;
  issuance_band: string;
  custody: string;
  complaints: number;
  months_operating: number | null;
  risk_level: string;
  note: string | null;
  checked_at: Timestamp;
  checked_by: number | null;
}

export interface SafetyChargingSitesTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  place: string;
  kind: string;
  ports: number;
  distance_ok: boolean;
  canopy: boolean;
  extinguisher: boolean;
  cctv: boolean;
  auto_cutoff: boolean;
  risk_level: string;
  note: string | null;
  checked_at: Timestamp;
  checked_by: number | null;
}

export interface SafetyTables {
  safety_sla: SafetySlaTable;
  safety_photos: SafetyPhotosTable;
  safety_work_orders: SafetyWorkOrdersTable;
  safety_work_order_events: SafetyWorkOrderEventsTable;
  safety_work_order_photos: SafetyWorkOrderPhotosTable;
  safety_patrol_plans: SafetyPatrolPlansTable;
  safety_patrol_records: SafetyPatrolRecordsTable;
  safety_patrol_items: SafetyPatrolItemsTable;
  safety_building_risks: SafetyBuildingRisksTable;
  safety_rental_flats: SafetyRentalFlatsTable;
  safety_rental_checks: SafetyRentalChecksTable;
  safety_prepaid_merchants: SafetyPrepaidMerchantsTable;
  safety_charging_sites: SafetyChargingSitesTable;
}
