-- Where, when and how households sign in a signing round, so a resident told "请您签约" knows what to do.
alter table rounds add column signing_place text;
alter table rounds add column signing_hours text;
alter table rounds add column signing_bring text;
