-- Household timeline entries become a kind + parameters that each interface renders in its own
-- language (issue #19 point 23); `title` stays as the Chinese sentence for exports and old rows.
-- params null = a free-text entry from before, shown by its stored title.
alter table household_events add column params jsonb;

-- Backfill what the old sentences let us read back exactly; anything else keeps its text.
create function pg_temp.backfill_timeline(p_kinds text[], p_pattern text, p_build text) returns void
language plpgsql as $$
begin
  execute format(
    'update household_events e set params = %s
       from (select tenant_id, id, regexp_match(title, %L) m from household_events
              where kind = any(%L) and params is null) x
      where e.tenant_id = x.tenant_id and e.id = x.id and x.m is not null',
    p_build, p_pattern, p_kinds);
end $$;

select pg_temp.backfill_timeline(array['visit'], '^(上门走访|电话走访|微信联系)：(.*)$',
  $b$jsonb_build_object('method', case x.m[1] when '上门走访' then 'door' when '电话走访' then 'phone'
     else 'wechat' end, 'summary', x.m[2])$b$);
select pg_temp.backfill_timeline(array['concern'], '^诉求：(.*)$', $b$jsonb_build_object('content', x.m[1])$b$);
select pg_temp.backfill_timeline(array['concern_resolved'], '^诉求已解决：(.*)$',
  $b$jsonb_build_object('resolution', x.m[1])$b$);
select pg_temp.backfill_timeline(array['assignment'], '^包干人：(.*)$', $b$jsonb_build_object('name', x.m[1])$b$);
select pg_temp.backfill_timeline(array['plan_version'], '^一户一方案 第(\d+)版已编制$',
  $b$jsonb_build_object('version', x.m[1]::int)$b$);
select pg_temp.backfill_timeline(array['plan_confirmed', 'drawing_confirmed'],
  '^(?:方案|图纸)第(\d+)版已确认（(线上确认|纸质签字|当面确认)(?:，(.*))?）$',
  $b$jsonb_build_object('version', x.m[1]::int, 'method', case x.m[2] when '线上确认' then 'online'
     when '纸质签字' then 'paper' else 'in_person' end, 'by', x.m[3])$b$);
select pg_temp.backfill_timeline(array['drawing_change_request'], '^图纸修改申请：(.*)$',
  $b$jsonb_build_object('content', x.m[1])$b$);
select pg_temp.backfill_timeline(array['round_willingness', 'round_plan', 'round_signing'],
  '^(?:意愿征询|方案征询|签约)「(.*)」：(同意|不同意|未决定)(?:（(.*)）)?$',
  $b$jsonb_build_object('title', x.m[1], 'decision', case x.m[2] when '同意' then 'agree'
     when '不同意' then 'disagree' else 'undecided' end, 'reason', x.m[3])$b$);
select pg_temp.backfill_timeline(array['phase_moved_out'], '^(.*)搬离完成$', $b$jsonb_build_object('building', x.m[1])$b$);
select pg_temp.backfill_timeline(array['phase_started'], '^(.*)开工$', $b$jsonb_build_object('building', x.m[1])$b$);
select pg_temp.backfill_timeline(array['phase_structure_done'], '^(.*)主体完成$',
  $b$jsonb_build_object('building', x.m[1])$b$);
select pg_temp.backfill_timeline(array['phase_completed'], '^(.*)竣工$', $b$jsonb_build_object('building', x.m[1])$b$);
select pg_temp.backfill_timeline(array['phase_accepted'], '^(.*)验收$', $b$jsonb_build_object('building', x.m[1])$b$);
select pg_temp.backfill_timeline(array['phase_moved_back'], '^(.*)回搬$', $b$jsonb_build_object('building', x.m[1])$b$);
select pg_temp.backfill_timeline(array['council_topic'], '^红色议事厅议题：(.*)$', $b$jsonb_build_object('title', x.m[1])$b$);
select pg_temp.backfill_timeline(array['council_project'], '^参与自治项目：(.*)$', $b$jsonb_build_object('name', x.m[1])$b$);
select pg_temp.backfill_timeline(array['safety_work_order'],
  '^平安工单 #(\d+) ?(已登记|待派单|已派单|处置中|待核查|已结案|已撤销)：(.*)$',
  $b$jsonb_build_object('orderId', x.m[1]::int, 'status', case x.m[2] when '已登记' then 'registered'
     when '待派单' then 'pending' when '已派单' then 'dispatched' when '处置中' then 'in_progress'
     when '待核查' then 'to_verify' when '已结案' then 'closed' else 'cancelled' end, 'orderTitle', x.m[3])$b$);
drop function pg_temp.backfill_timeline(text[], text, text);
