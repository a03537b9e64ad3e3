-- 红色议事厅: invited residents answer 参加 / 不参加 / 待定 (who answered, when), and the minutes and
-- resolutions become visible to the invited once staff publish them.
alter table council_participants add column rsvp text check (rsvp in ('yes', 'no', 'maybe'));
alter table council_participants add column rsvp_at timestamptz;
alter table council_participants add column rsvp_by bigint references users (id);
alter table council_meetings add column minutes_published_at timestamptz;
