import type { Generated } from 'kysely';
import type { DateCol, IdArray, Json, Timestamp } from '../../db/columns.ts';

export interface CouncilTopicsTable {
  tenant_id: number;
  id: Generated<number>;
  title: string;
  description: string | null;
  source: string;
  source_ref: number | null;
  raised_by_name: string;
  raised_by: number | null;
  household_ids: IdArray;
  building_ids: IdArray;
  status: Generated<string>;
  created_at: Timestamp;
}

export interface CouncilMeetingsTable {
  tenant_id: number;
  id: Generated<number>;
  title: string;
  held_at: Timestamp;
  place: string;
  host: string;
  status: Generated<string>;
  sign_in_token: string;
  minutes: string | null;
  /** When the minutes and resolutions were published to the invited; null while a draft. */
  minutes_published_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface CouncilMeetingTopicsTable {
  tenant_id: number;
  meeting_id: number;
  topic_id: number;
  position: number;
}

export interface CouncilParticipantsTable {
  tenant_id: number;
  id: Generated<number>;
  meeting_id: number;
  name: string;
  kind: string;
  user_id: number | null;
  household_id: number | null;
  organisation: string | null;
  invited: Generated<boolean>;
  signed_in_at: Timestamp | null;
  sign_in_method: string | null;
  /** 参加 / 不参加 / 待定, answered by `rsvp_by` (the invitee or someone of the household). */
  rsvp: string | null;
  rsvp_at: Timestamp | null;
  rsvp_by: number | null;
}

export interface CouncilResolutionsTable {
  tenant_id: number;
  id: Generated<number>;
  meeting_id: number;
  topic_id: number | null;
  text: string;
  votes_for: number;
  votes_against: number;
  votes_abstain: number;
  individual: boolean;
  passed: boolean;
  created_at: Timestamp;
}

export interface CouncilVotesTable {
  tenant_id: number;
  resolution_id: number;
  participant_id: number;
  choice: string;
}

export interface CouncilProjectsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  kind: string;
  description: string | null;
  owners: Json;
  members: Json;
  topic_ids: IdArray;
  household_ids: IdArray;
  status: Generated<string>;
  progress: Generated<number>;
  published: Generated<boolean>;
  result_summary: string | null;
  published_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface CouncilProjectMilestonesTable {
  tenant_id: number;
  id: Generated<number>;
  project_id: number;
  title: string;
  due_on: DateCol | null;
  done_at: Timestamp | null;
}

export interface CouncilTables {
  council_topics: CouncilTopicsTable;
  council_meetings: CouncilMeetingsTable;
  council_meeting_topics: CouncilMeetingTopicsTable;
  council_participants: CouncilParticipantsTable;
  council_resolutions: CouncilResolutionsTable;
  council_votes: CouncilVotesTable;
  council_projects: CouncilProjectsTable;
  council_project_milestones: CouncilProjectMilestonesTable;
}
