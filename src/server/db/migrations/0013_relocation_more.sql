-- The transitional arrangement a household states for its relocation (self / agency / relatives).
-- It takes precedence over the arrangement written in the household's renewal plan, which may be
-- older: residents change their minds as the moving date nears.
alter table relocation_needs add column transition text;
alter table relocation_needs add constraint relocation_needs_transition_check
  check (transition is null or transition in ('self', 'agency', 'relatives'));
