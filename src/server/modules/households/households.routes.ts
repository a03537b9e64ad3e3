import { z } from 'zod';
import { cappedPageOf, IdParams, Ok, pageOf } from '../../../contract/common.ts';
import {
  AddOrgMemberBody,
  AssignBody,
  Building,
  BuildingGrid,
  Concern,
  CreateBuildingBody,
  SitePlanBody,
  CreateConcernBody,
  CreateEstateBody,
  CreateHouseholdBody,
  CreateOrgUnitBody,
  CreateVisitBody,
  Estate,
  EstateMap,
  HouseholdFile,
  HouseholdPhoto,
  HouseholdQuery,
  HouseholdSummary,
  ImportFields,
  ImportPreview,
  ImportReport,
  MapQuery,
  MyWork,
  OrgUnit,
  PhotoParams,
  PhotoQuery,
  RevealedId,
  RevealIdBody,
  StaffOption,
  UpdateConcernBody,
  UpdateHouseholdBody,
  Visit,
} from '../../../contract/households.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField } from '../../platform/errors.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import { IdempotencyHeaders } from '../../platform/idempotency.ts';
import { PHOTO_MIMES, readUpload } from '../../platform/uploads.ts';
import * as estates from './estates.service.ts';
import * as photos from './households.photos.ts';
import { getHouseholdFile, revealIdNumber } from './households.file.ts';
import { listHouseholds, myWork } from './households.list.ts';
import { createHousehold, updateHousehold } from './households.records.ts';
import { addConcern, recordVisit, updateConcern } from './households.visits.ts';
import * as ledger from './ledger/ledger.service.ts';
import * as org from './org.service.ts';

const tags = ['households'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LEDGER_UPLOAD = { maxBytes: 30 * 1024 * 1024, extensions: ['xlsx', 'csv', 'txt', 'xls'] } as const;
const EstateParams = z.object({ estateId: z.coerce.number().int().positive() });
const multipart = { consumes: ['multipart/form-data'] };

function parseMapping(text: string | undefined) {
  if (!text) return undefined;
  try {
    const parsed = z.partialRecord(z.enum(ImportFields), z.string()).safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the field error
  }
  throw invalidField(
    'mapping',
    '字段对应关系格式不正确，应为 {"字段": "表头"}',
    'mapping must be JSON {"field": "header"}',
  );
}

export function householdRoutes(app: App, deps: Deps): void {
  // estates and buildings
  app.get(
    '/api/estates',
    {
      config: { permission: 'estate.read' },
      schema: { tags, summary: 'Estates of my street', response: { 200: pageOf(Estate) } },
    },
    (req) => estates.listEstates(deps, ctxOf(req)),
  );
  app.post(
    '/api/estates',
    {
      config: { permission: 'estate.manage' },
      schema: {
        tags,
        summary: 'Create an estate',
        body: CreateEstateBody,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    (req) => estates.createEstate(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/estates/:id',
    {
      config: { permission: 'estate.read' },
      schema: { tags, summary: 'One estate', params: IdParams, response: { 200: Estate } },
    },
    (req) => estates.getEstate(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/estates/:id/buildings',
    {
      config: { permission: 'estate.read' },
      schema: {
        tags,
        summary: 'Buildings of an estate',
        params: IdParams,
        response: { 200: pageOf(Building) },
      },
    },
    (req) => estates.listBuildings(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/estates/:id/buildings',
    {
      config: { permission: 'estate.manage' },
      schema: {
        tags,
        summary: 'Add a building',
        params: IdParams,
        body: CreateBuildingBody,
        response: { 200: Building },
      },
    },
    (req) => estates.createBuilding(deps, ctxOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/estates/:id/site-plan',
    {
      config: { permission: 'estate.manage' },
      schema: {
        tags,
        summary: "Save building outlines drawn on the estate's site plan (all or none)",
        params: IdParams,
        body: SitePlanBody,
        response: { 200: pageOf(Building) },
      },
    },
    (req) => estates.saveSitePlan(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/estates/:id/map',
    {
      config: { permission: 'estate.read' },
      schema: {
        tags,
        summary: 'Battle map: buildings coloured by share at or past a stage',
        params: IdParams,
        querystring: MapQuery,
        response: { 200: EstateMap },
      },
    },
    (req) => estates.estateMap(deps, ctxOf(req), req.params.id, req.query.stage),
  );
  app.get(
    '/api/buildings/:id/grid',
    {
      config: { permission: 'estate.read' },
      schema: {
        tags,
        summary: 'Floor × room grid of a building',
        params: IdParams,
        response: { 200: BuildingGrid },
      },
    },
    (req) => estates.buildingGrid(deps, ctxOf(req), req.params.id),
  );

  // households
  app.get(
    '/api/households',
    {
      config: { permission: ['household.read', 'household.read_all', 'self.read'] },
      schema: {
        tags,
        summary: 'Households I may see; q matches names, 21号101, phone tail, ID tail',
        querystring: HouseholdQuery,
        response: { 200: cappedPageOf(HouseholdSummary) },
      },
    },
    (req) => listHouseholds(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/households',
    {
      config: { permission: 'household.write' },
      schema: {
        tags,
        summary: 'Create a household file',
        body: CreateHouseholdBody,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    (req) => createHousehold(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/households/export',
    {
      config: { permission: 'household.export' },
      schema: { tags, summary: 'Export the filtered list as an .xlsx ledger', querystring: HouseholdQuery },
    },
    async (req, reply) =>
      sendDownload(reply, '住户台账.xlsx', XLSX, await ledger.exportLedger(deps, ctxOf(req), req.query)),
  );
  app.get(
    '/api/household-imports/template',
    {
      config: { permission: 'household.import' },
      schema: { tags, summary: 'Blank ledger template (.xlsx)' },
    },
    async (_req, reply) => sendDownload(reply, '住户台账模板.xlsx', XLSX, await ledger.ledgerTemplate()),
  );
  app.get(
    '/api/households/:id',
    {
      config: { permission: ['household.read', 'household.read_all', 'self.read'] },
      schema: {
        tags,
        summary: 'The household file (一户一档)',
        params: IdParams,
        response: { 200: HouseholdFile },
      },
    },
    (req) => getHouseholdFile(deps, ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/households/:id',
    {
      config: { permission: 'household.write' },
      schema: {
        tags,
        summary: 'Update profile, members, flags',
        params: IdParams,
        body: UpdateHouseholdBody,
        response: { 200: HouseholdFile },
      },
    },
    (req) => updateHousehold(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/households/:id/reveal-id',
    {
      config: { permission: 'household.reveal_id' },
      schema: {
        tags,
        summary: 'Reveal the full ID number (reason required, audited)',
        params: IdParams,
        body: RevealIdBody,
        response: { 200: RevealedId },
      },
    },
    (req) => revealIdNumber(deps, ctxOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/households/:id/visits',
    {
      config: { permission: 'visit.write', idempotent: true },
      schema: {
        tags,
        summary: 'Record a visit (走访); honours Idempotency-Key',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: CreateVisitBody,
        response: { 200: Visit },
      },
    },
    (req) => recordVisit(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/households/:id/concerns',
    {
      config: { permission: 'concern.write', idempotent: true },
      schema: {
        tags,
        summary: 'Add a concern (诉求); honours Idempotency-Key',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: CreateConcernBody,
        response: { 200: Concern },
      },
    },
    (req) => addConcern(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/households/:id/photos',
    {
      config: { permission: 'visit.write', idempotent: true },
      bodyLimit: photos.HOUSEHOLD_PHOTO_MAX_BYTES + 64 * 1024,
      schema: {
        tags,
        summary: 'Add a photo (the body is the JPG/PNG/WebP itself, at most 5 MB); honours Idempotency-Key',
        params: IdParams,
        querystring: PhotoQuery,
        headers: IdempotencyHeaders,
        consumes: PHOTO_MIMES,
        response: { 200: HouseholdPhoto },
      },
    },
    (req) => photos.addHouseholdPhoto(deps, ctxOf(req), req.params.id, req.body, req.query),
  );
  app.get(
    '/api/households/:id/photos/:photoId',
    {
      config: { permission: ['household.read', 'household.read_all'] },
      schema: { tags, summary: 'A photo taken at the household', params: PhotoParams },
    },
    async (req, reply) => {
      const photo = await photos.readHouseholdPhoto(deps, ctxOf(req), req.params.id, req.params.photoId);
      return reply
        .header('content-type', photo.mime)
        .header('cache-control', 'private, max-age=3600')
        .send(photo.data);
    },
  );
  app.patch(
    '/api/concerns/:id',
    {
      config: { permission: 'concern.write' },
      schema: {
        tags,
        summary: 'Update or resolve a concern',
        params: IdParams,
        body: UpdateConcernBody,
        response: { 200: Concern },
      },
    },
    (req) => updateConcern(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/my-work',
    {
      config: { permission: 'household.read' },
      schema: { tags, summary: "A cadre's home: my households and follow-ups", response: { 200: MyWork } },
    },
    (req) => myWork(deps, ctxOf(req)),
  );

  // ledger import
  app.post(
    '/api/estates/:estateId/household-imports/preview',
    {
      config: { permission: 'household.import' },
      schema: {
        tags,
        ...multipart,
        summary: 'Header row, proposed mapping and first rows of a ledger',
        params: EstateParams,
        response: { 200: ImportPreview },
      },
    },
    async (req) => {
      const { file } = await readUpload(req, LEDGER_UPLOAD);
      return ledger.previewLedger(deps, ctxOf(req), req.params.estateId, file.data, file.filename);
    },
  );
  app.post(
    '/api/estates/:estateId/household-imports',
    {
      config: { permission: 'household.import' },
      schema: {
        tags,
        ...multipart,
        summary: 'Import a ledger (.xlsx/.csv; fields: file, mapping JSON, dryRun); all or nothing',
        params: EstateParams,
        querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
        response: { 200: ImportReport },
      },
    },
    async (req) => {
      const { file, fields } = await readUpload(req, LEDGER_UPLOAD);
      const dryRun = (fields.dryRun ?? req.query.dryRun) === 'true';
      return ledger.importLedger(deps, ctxOf(req), req.params.estateId, file.data, file.filename, {
        mapping: parseMapping(fields.mapping),
        dryRun,
      });
    },
  );

  // organisation and 包干
  app.get(
    '/api/org-units',
    {
      config: { permission: 'estate.read' },
      schema: { tags, summary: 'Org units with members', response: { 200: pageOf(OrgUnit) } },
    },
    (req) => org.listOrgUnits(deps, ctxOf(req)),
  );
  app.post(
    '/api/org-units',
    {
      config: { permission: 'org.manage' },
      schema: { tags, summary: 'Create an org unit', body: CreateOrgUnitBody, response: { 200: OrgUnit } },
    },
    (req) => org.createOrgUnit(deps, ctxOf(req), req.body),
  );
  app.post(
    '/api/org-units/:id/members',
    {
      config: { permission: 'org.manage' },
      schema: {
        tags,
        summary: 'Add or update a member',
        params: IdParams,
        body: AddOrgMemberBody,
        response: { 200: OrgUnit },
      },
    },
    (req) => org.addOrgMember(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/staff',
    {
      config: { permission: 'estate.read' },
      schema: { tags, summary: 'Staff who can take households', response: { 200: pageOf(StaffOption) } },
    },
    (req) => org.listStaff(deps, ctxOf(req)),
  );
  app.post(
    '/api/assignments',
    {
      config: { permission: 'org.manage' },
      schema: {
        tags,
        summary: 'Assign households to a cadre or volunteer (包干)',
        body: AssignBody,
        response: { 200: z.object({ assigned: z.number() }) },
      },
    },
    (req) => org.assignHouseholds(deps, ctxOf(req), req.body),
  );
  app.delete(
    '/api/households/:id/assignees/:userId',
    {
      config: { permission: 'org.manage' },
      schema: {
        tags,
        summary: 'Remove an assignment',
        params: z.object({
          id: z.coerce.number().int().positive(),
          userId: z.coerce.number().int().positive(),
        }),
        response: { 200: Ok },
      },
    },
    (req) => org.unassign(deps, ctxOf(req), req.params.id, req.params.userId),
  );
}
