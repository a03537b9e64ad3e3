-- A drawing's confirmation records who confirmed and how, as a plan's does: the resident online, or on
-- paper / in person with the staff member who took it down as witness (plans gain the witness too).
alter table drawings add column confirm_method text
  check (confirm_method in ('online', 'paper', 'in_person'));
alter table drawings add column confirm_witness text;
alter table plans add column confirm_witness text;
