-- How each party signed a mediation agreement, and who witnessed it: 人民调解法 第二十九条 wants the
-- parties' own signatures, so a signature recorded by the mediator says how it was given.
alter table mediation_parties add column signed_how text
  check (signed_how in ('paper', 'device', 'proxy', 'online'));
alter table mediation_parties add column signed_proxy text;
alter table mediation_parties add column signed_witness_id bigint references users (id);
