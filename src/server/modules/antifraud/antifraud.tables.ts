import type { Generated } from 'kysely';
import type { DateCol, TextArray, Timestamp } from '../../db/columns.ts';

export interface AntifraudEntriesTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number;
  member_name: string | null;
  source: string;
  tier: string;
  reason_code: string;
  worker_id: number | null;
  review_on: DateCol;
  retain_until: DateCol;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AntifraudVisitsTable {
  tenant_id: number;
  id: Generated<number>;
  entry_id: number;
  worker_id: number | null;
  channel: string;
  visited_on: DateCol;
  minutes: Generated<string>;
  outcomes: TextArray;
  created_at: Timestamp;
}

export interface AntifraudRoundsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  starts_on: DateCol;
  ends_on: DateCol;
  created_by: number | null;
  created_at: Timestamp;
}

export interface AntifraudRoundEntriesTable {
  tenant_id: number;
  round_id: number;
  entry_id: number;
}

export interface AntifraudLessonsTable {
  tenant_id: number;
  id: Generated<number>;
  title: string;
  script: string;
  duration_seconds: number;
  audio_file_id: number | null;
  published: Generated<boolean>;
  plays: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface AntifraudTables {
  antifraud_entries: AntifraudEntriesTable;
  antifraud_visits: AntifraudVisitsTable;
  antifraud_rounds: AntifraudRoundsTable;
  antifraud_round_entries: AntifraudRoundEntriesTable;
  antifraud_lessons: AntifraudLessonsTable;
}
