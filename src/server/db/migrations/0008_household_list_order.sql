-- Household lists are ordered by estate, building, room: an index in that order lets a page of 50
-- be read straight from the index instead of sorting every household of the estate (or street).
drop index if exists households_estate_idx;
create index households_list_idx on households (tenant_id, estate_id, building_id, room, id);
create index households_stage_list_idx on households (tenant_id, estate_id, stage, building_id, room);
