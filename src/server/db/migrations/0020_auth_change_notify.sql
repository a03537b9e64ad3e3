-- Each server process keeps the actors behind recently seen sessions and API tokens in a short
-- in-memory cache (modules/auth/actor-cache.ts). Any change that can end or alter a sign-in — a user
-- edited, disabled or removed, a token revoked, a session ended or moved to another street — tells
-- every process to forget them: the NOTIFY is delivered on commit, whoever made the change (a
-- request on any process, the CLI, a sweep, plain SQL). Statement-level, so a bulk change sends one.
create function notify_auth_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('gongzhi_auth', tg_table_name);
  return null;
end;
$$;

create trigger users_auth_changed after update or delete or truncate on users
  for each statement execute function notify_auth_changed();
-- last_used_at / last_seen_at (written at most once a minute) change nothing a request relies on.
create trigger api_tokens_auth_changed after update of user_id, token_hash, revoked_at or delete or truncate
  on api_tokens for each statement execute function notify_auth_changed();
create trigger sessions_auth_changed after update of id_hash, user_id, tenant_id, csrf_token, expires_at
  or delete or truncate on sessions for each statement execute function notify_auth_changed();
