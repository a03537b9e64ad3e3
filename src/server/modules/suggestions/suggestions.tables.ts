import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from '../../db/columns.ts';

/** tsvector: written as an SQL expression (to_tsvector(...)), read back as its text form. */
type TsVector = ColumnType<string, string, string>;

export interface SuggestionSettingsTable {
  tenant_id: number;
  accept_days: Generated<number>;
  assign_days: Generated<number>;
  handle_days: Generated<number>;
  answer_days: Generated<number>;
  updated_at: CreatedAt;
}

export interface SuggestionPointsTable {
  tenant_id: number;
  id: Generated<number>;
  kind: string;
  parent_id: number | null;
  name: string;
  address: Generated<string>;
  staff: Generated<string>;
  opening_hours: Generated<string>;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SuggestionMailboxesTable {
  tenant_id: number;
  id: Generated<number>;
  point_id: number | null;
  name: string;
  location: Generated<string>;
  created_at: CreatedAt;
}

export interface SuggestionMailboxCollectionsTable {
  tenant_id: number;
  id: Generated<number>;
  mailbox_id: number;
  collected_at: Timestamp;
  collected_by: number | null;
  letters: number;
  note: Generated<string>;
}

export interface SuggestionVisitsTable {
  tenant_id: number;
  id: Generated<number>;
  leader_name: string;
  visited_on: ColumnType<string, string, string>;
  place: string;
  notes: Generated<string>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface SuggestionTopicsTable {
  tenant_id: number;
  id: Generated<number>;
  subject: string;
  background: string;
  channels: Json;
  deadline: Timestamp;
  status: Generated<string>;
  published_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface SuggestionRepliesTable {
  tenant_id: number;
  id: Generated<number>;
  topic_id: number | null;
  title: string;
  body: string;
  published_at: Timestamp;
  created_by: number | null;
}

export interface SuggestionsTable {
  tenant_id: number;
  id: Generated<number>;
  subject: string;
  reason: string;
  proposal: string;
  proposer_name: string;
  proposer_phone_enc: string | null;
  proposer_user_id: number | null;
  household_id: number | null;
  thank_consent: Generated<boolean>;
  channel: string;
  topic_id: number | null;
  point_id: number | null;
  mailbox_id: number | null;
  visit_id: number | null;
  status: Generated<string>;
  due_at: Timestamp | null;
  assignee_department: string | null;
  assignee_unit_id: number | null;
  assignee_user_id: number | null;
  handling_note: string | null;
  answer: string | null;
  reply_id: number | null;
  answered_at: Timestamp | null;
  redirect_target: string | null;
  redirect_reason: string | null;
  merged_into_id: number | null;
  adopted: Generated<boolean>;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Timestamp | null;
  search_vector: TsVector;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SuggestionEventsTable {
  tenant_id: number;
  id: Generated<number>;
  suggestion_id: number;
  from_status: string | null;
  to_status: string;
  due_at: Timestamp | null;
  on_time: boolean | null;
  note: string | null;
  actor_user_id: number | null;
  created_at: Timestamp;
}

export interface SuggestionAttachmentsTable {
  tenant_id: number;
  suggestion_id: number;
  file_id: number;
  created_at: CreatedAt;
}

export interface SuggestionProjectsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  summary: Generated<string>;
  owner: string;
  status: Generated<string>;
  progress: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SuggestionProjectSourcesTable {
  tenant_id: number;
  project_id: number;
  suggestion_id: number;
}

export interface SuggestionMilestonesTable {
  tenant_id: number;
  id: Generated<number>;
  project_id: number;
  title: string;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  done_at: Timestamp | null;
}

/** The suggestions module's tables (migration 0004). */
export interface SuggestionUnitsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SuggestionTables {
  suggestion_units: SuggestionUnitsTable;
  suggestion_settings: SuggestionSettingsTable;
  suggestion_points: SuggestionPointsTable;
  suggestion_mailboxes: SuggestionMailboxesTable;
  suggestion_mailbox_collections: SuggestionMailboxCollectionsTable;
  suggestion_visits: SuggestionVisitsTable;
  suggestion_topics: SuggestionTopicsTable;
  suggestion_replies: SuggestionRepliesTable;
  suggestions: SuggestionsTable;
  suggestion_events: SuggestionEventsTable;
  suggestion_attachments: SuggestionAttachmentsTable;
  suggestion_projects: SuggestionProjectsTable;
  suggestion_project_sources: SuggestionProjectSourcesTable;
  suggestion_milestones: SuggestionMilestonesTable;
}
