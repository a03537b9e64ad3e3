-- A household's rows across rounds (the estate outcome, the dashboard, the household file): the
-- primary key leads with round_id, so without this every per-household lookup scanned a round.
create index round_households_household_idx on round_households (tenant_id, household_id);
