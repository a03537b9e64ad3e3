-- The renewal's order of steps per street: which prerequisites the street has relaxed (none by default).
create table renewal_settings (
  tenant_id bigint not null references tenants (id),
  relaxed text[] not null default '{}',
  updated_by bigint references users (id),
  updated_at timestamptz not null default now(),
  primary key (tenant_id)
);
