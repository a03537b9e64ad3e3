import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from '../../db/columns.ts';

export interface LegislationDraftsTable {
  tenant_id: number;
  id: Generated<number>;
  title: string;
  format: 'markdown' | 'text';
  history: Json;
  preface: Json;
  appendices: ColumnType<unknown, string | undefined, string>;
  structure: Json;
  parts: number;
  subparts: number;
  chapters: number;
  sections: number;
  articles: number;
  source_sha256: string;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface LegislationArticlesTable {
  tenant_id: number;
  id: Generated<number>;
  draft_id: number;
  ord: number;
  number: number;
  suffix: number;
  label: string;
  sep: string;
  anchor: string;
  paragraphs: Json;
}

export interface LegislationEventsTable {
  tenant_id: number;
  id: Generated<number>;
  title: string;
  held_on: string;
  mode: 'offline' | 'online';
  place: string | null;
  organiser: string;
  attendance: number;
  materials: string | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface LegislationEventDraftsTable {
  tenant_id: number;
  event_id: number;
  draft_id: number;
}

export interface LegislationEventParticipantsTable {
  tenant_id: number;
  event_id: number;
  id: Generated<number>;
  name: string;
  user_id: number | null;
}

export interface LegislationOpinionsTable {
  tenant_id: number;
  id: Generated<number>;
  draft_id: number;
  article_id: number | null;
  paragraph: number | null;
  item: number | null;
  event_id: number | null;
  kind: 'amend' | 'delete' | 'add' | 'principle';
  text: string;
  reason: string | null;
  author_user_id: number | null;
  author_name: string | null;
  anonymous: boolean;
  channel: 'online' | 'paper' | 'meeting';
  entered_by: number | null;
  moderation: 'pending' | 'accepted' | 'rejected';
  moderation_note: string | null;
  moderated_by: number | null;
  outcome: 'adopted' | 'partly_adopted' | 'not_adopted' | null;
  outcome_note: string | null;
  outcome_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface LegislationSubmissionsTable {
  tenant_id: number;
  id: Generated<number>;
  draft_id: number;
  submitted_to: string;
  note: string | null;
  opinion_count: number;
  file_id: number | null;
  submitted_by: number | null;
  submitted_at: Timestamp;
}

export interface LegislationTables {
  legislation_drafts: LegislationDraftsTable;
  legislation_articles: LegislationArticlesTable;
  legislation_events: LegislationEventsTable;
  legislation_event_drafts: LegislationEventDraftsTable;
  legislation_event_participants: LegislationEventParticipantsTable;
  legislation_opinions: LegislationOpinionsTable;
  legislation_submissions: LegislationSubmissionsTable;
}
