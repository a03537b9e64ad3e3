-- Council hall: a participant's organisation (an expert's institute, a cadre's unit); one invitation
-- per household member name per meeting.
-- Mediation: structured parties (a household of the street or an outsider, with an encrypted
-- contact phone), and the record of reminders already sent so a sweep never sends one twice.

alter table council_participants add column organisation text;

alter table mediation_parties add column kind text not null default 'outsider';
-- existing parties: those linked to a household are household parties, the others outsiders; their
-- free-text details stay in `info` (basic particulars: sex, age, occupation, address).
update mediation_parties set kind = 'household' where household_id is not null;
alter table mediation_parties add constraint mediation_parties_kind_check
  check (kind in ('household', 'outsider') and ((kind = 'household') = (household_id is not null)));
alter table mediation_parties add column contact_enc text;

create table mediation_reminders_sent (
  tenant_id bigint not null,
  case_id bigint not null,
  kind text not null,
  due_on date not null,
  sent_at timestamptz not null,
  primary key (tenant_id, case_id, kind, due_on),
  foreign key (tenant_id, case_id) references mediation_cases (tenant_id, id) on delete cascade
);
