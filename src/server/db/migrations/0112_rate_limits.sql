-- Requests per client address and minute on anonymous and public routes, counted in the database so
-- every process shares one limit (the processes are stateless). One row per address, reset when a
-- new minute starts; rows of addresses gone quiet are swept.
create table rate_limit_hits (
  key text primary key,
  window_start timestamptz not null,
  hits integer not null
);
create index rate_limit_hits_window_idx on rate_limit_hits (window_start);
