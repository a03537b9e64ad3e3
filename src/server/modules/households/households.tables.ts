import type { ColumnType, Generated } from 'kysely';
import type { TimelineParams } from '../../../contract/timeline.ts';
import type { CreatedAt, DateCol, Json, Timestamp } from '../../db/columns.ts';

export interface EstatesTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  address: string | null;
  site_width: Generated<number>;
  site_height: Generated<number>;
  created_at: CreatedAt;
}

export interface BuildingsTable {
  tenant_id: number;
  id: Generated<number>;
  estate_id: number;
  number: string;
  sort_key: Generated<number>;
  floors: number | null;
  year_built: number | null;
  heritage_note: string | null;
  outline: Json | null;
  created_at: CreatedAt;
}

export interface HouseholdsTable {
  tenant_id: number;
  id: Generated<number>;
  estate_id: number;
  building_id: number;
  room: string;
  floor: number | null;
  head_name: string;
  phone_enc: string | null;
  id_number_enc: string | null;
  id_number_index: string | null;
  registered_count: number | null;
  resident_count: number | null;
  area_building: number | null;
  area_usable: number | null;
  tenure: string | null;
  elderly_alone: Generated<boolean>;
  very_old: Generated<boolean>;
  disability: Generated<boolean>;
  hardship: Generated<boolean>;
  party_member: Generated<boolean>;
  needs_moving_help: Generated<boolean>;
  needs_storage: Generated<boolean>;
  notes: string | null;
  members: ColumnType<unknown, string | undefined, string>;
  search_tokens: ColumnType<string[], string[] | undefined, string[]>;
  stage: Generated<string>;
  stage_rank: Generated<number>;
  next_follow_up: DateCol | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface HouseholdMilestonesTable {
  tenant_id: number;
  household_id: number;
  milestone: string;
  reached_at: Timestamp;
  source: string;
}

export interface VisitsTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number;
  visitor_id: number | null;
  visited_at: Timestamp;
  method: string;
  summary: string;
  decision_maker: string | null;
  trusted_person: string | null;
  emotional_notes: string | null;
  next_follow_up: DateCol | null;
  created_at: CreatedAt;
}

export interface ConcernsTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number;
  content: string;
  category: string | null;
  owner_id: number | null;
  due_date: DateCol | null;
  status: Generated<string>;
  resolution: string | null;
  visit_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
  resolved_at: Timestamp | null;
}

export interface OrgUnitsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  kind: string;
  parent_id: number | null;
  created_at: CreatedAt;
}

export interface OrgMembersTable {
  tenant_id: number;
  org_unit_id: number;
  user_id: number;
  role: Generated<string>;
  sees_unit: Generated<boolean>;
}

export interface AssignmentsTable {
  tenant_id: number;
  household_id: number;
  user_id: number;
  org_unit_id: number | null;
  assigned_at: CreatedAt;
}

export interface HouseholdEventsTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number;
  occurred_at: Timestamp;
  module: string;
  kind: string;
  title: string;
  /** Null for entries written as free text before 0200 that the backfill could not parse. */
  params: ColumnType<TimelineParams | null, string | null | undefined, string | null>;
  detail: Json;
  actor_id: number | null;
}

export interface HouseholdPhotosTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number;
  file_id: number;
  caption: string | null;
  taken_at: Timestamp;
  created_by: number | null;
  created_at: Timestamp;
}

export interface HouseholdTables {
  estates: EstatesTable;
  buildings: BuildingsTable;
  households: HouseholdsTable;
  household_milestones: HouseholdMilestonesTable;
  visits: VisitsTable;
  concerns: ConcernsTable;
  org_units: OrgUnitsTable;
  org_members: OrgMembersTable;
  assignments: AssignmentsTable;
  household_events: HouseholdEventsTable;
  household_photos: HouseholdPhotosTable;
}
