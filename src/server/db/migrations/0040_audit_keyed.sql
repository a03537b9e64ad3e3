-- Audit chains become keyed (HMAC-SHA-256 with a secret outside the database, see platform/audit.ts).
-- key_id names the key that sealed a chain; null marks a chain still hashed with plain SHA-256,
-- which the server re-seals with the key on its first start after this migration (SQL cannot: it
-- has no key).
alter table audit_heads add column key_id text;
