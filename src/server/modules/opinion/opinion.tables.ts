import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../db/columns.ts';

export interface OpinionMapsTable {
  tenant_id: number;
  id: Generated<number>;
  title: string;
  topic_id: number | null;
  consultation_id: number | null;
  draft_id: number | null;
  status: Generated<string>;
  votes_version: Generated<number>;
  recompute_queued: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface OpinionStatementsTable {
  tenant_id: number;
  id: Generated<number>;
  map_id: number;
  text: string;
  status: string;
  by_staff: boolean;
  author_id: number | null;
  created_at: Timestamp;
  moderated_by: number | null;
  moderated_at: Timestamp | null;
}

export interface OpinionParticipantsTable {
  tenant_id: number;
  id: Generated<number>;
  map_id: number;
  user_id: number | null;
  ref: string | null;
  created_at: Timestamp;
}

export interface OpinionVotesTable {
  tenant_id: number;
  map_id: number;
  participant_id: number;
  statement_id: number;
  vote: number;
  voted_at: Timestamp;
}

export interface OpinionAnalysesTable {
  tenant_id: number;
  map_id: number;
  votes_version: number;
  result: Json;
  computed_at: Timestamp;
  took_ms: number;
}

export interface OpinionTables {
  opinion_maps: OpinionMapsTable;
  opinion_statements: OpinionStatementsTable;
  opinion_participants: OpinionParticipantsTable;
  opinion_votes: OpinionVotesTable;
  opinion_analyses: OpinionAnalysesTable;
}
