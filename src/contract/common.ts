import { z } from 'zod';

/** Numeric database id as it travels in URLs and JSON. */
export const Id = z.coerce.number().int().positive();
export const IdParams = z.object({ id: Id });

export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** `{ items, total }`: every list endpoint answers in this shape. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/**
 * A page of a list that may be very long (a whole street): its total is counted up to `TOTAL_CAP`
 * only, so the count costs the same at 500,000 rows as at 2,000; `totalCapped` says there are more.
 * 2,000 is 40 pages of 50 — further than anyone pages before filtering or searching — and counting
 * it costs ~2 ms of the database per request where 10,000 cost ~10 ms (issue 16, whole-street page).
 */
export const TOTAL_CAP = 2_000;
export function cappedPageOf<T extends z.ZodType>(item: T) {
  return pageOf(item).extend({ totalCapped: z.boolean() });
}

export const Ok = z.object({ ok: z.literal(true) });

/** ISO-8601 timestamp string, as the database layer hands timestamps out. */
export const Timestamp = z.string();
