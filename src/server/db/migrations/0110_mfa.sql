-- Second factor (TOTP, RFC 6238) and one-time recovery codes.
-- The shared secret is encrypted with the field key (FieldCipher), never stored in clear; a row with
-- confirmed_at null is an enrolment begun but not yet proven with a code. last_step is the last
-- 30-second step a sign-in used, so a code cannot be replayed.
create table user_mfa (
  user_id bigint primary key references users (id) on delete cascade,
  secret_enc text not null,
  confirmed_at timestamptz,
  last_step bigint,
  created_at timestamptz not null default now()
);

-- Recovery codes as keyed digests (FieldCipher.blindIndex): useless without the key, each used once.
create table user_recovery_codes (
  user_id bigint not null references users (id) on delete cascade,
  code_digest text not null,
  used_at timestamptz,
  primary key (user_id, code_digest)
);

-- A password accepted, the second step still to come: a short-lived, single-use token.
create table mfa_challenges (
  id_hash text primary key,
  user_id bigint not null references users (id) on delete cascade,
  expires_at timestamptz not null
);
create index mfa_challenges_user_idx on mfa_challenges (user_id);

-- Enrolling or resetting changes what a session may do (enrolment required first): processes forget
-- their cached actors, as for any other sign-in change (0020).
create trigger user_mfa_auth_changed after insert or update of confirmed_at or delete or truncate
  on user_mfa for each statement execute function notify_auth_changed();
