import type { ColumnType } from 'kysely';

/**
 * Column types shared by every table declaration (db/schema.ts and each module's *.tables.ts).
 * They live apart from schema.ts so that a module's tables never import the schema that imports them.
 * Timestamps come back as ISO strings and bigint as number (see database.ts); on insert they accept a
 * Date or string, hence ColumnType.
 */
export type Timestamp = ColumnType<string, Date | string, Date | string>;
export type CreatedAt = ColumnType<string, Date | string | undefined, Date | string>;
/** A `date` column: read as 'YYYY-MM-DD', written as a string or Date. */
export type DateCol = ColumnType<string, string | Date, string | Date>;
/** jsonb: read as parsed JSON, written as a JSON string. */
export type Json = ColumnType<unknown, string, string>;
/** integer[] / text[] with a database default: optional on insert. */
export type IdArray = ColumnType<number[], number[] | undefined, number[]>;
export type TextArray = ColumnType<string[], string[] | undefined, string[]>;
