import { z } from 'zod';
import { IdParams, Pagination, pageOf } from '../../../contract/common.ts';
import {
  Acceptance,
  AcceptanceBody,
  ActivateBody,
  ActivationLetterBody,
  BuildingSchedule,
  ChangeRequestBody,
  ConfirmBody,
  HouseholdRound,
  CreateLayoutOptionBody,
  CreateRoundBody,
  DrawingSet,
  Holdouts,
  LayoutOption,
  Outcome,
  PhaseBody,
  Plan,
  PlanBody,
  Progress,
  PublicBoard,
  ResponseBody,
  ResponseHistoryEntry,
  ResponseRecord,
  Round,
  RoundKinds,
  Decisions,
  RenewalSettings,
  RenewalSettingsBody,
} from '../../../contract/renewal.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import { readUpload } from '../../platform/uploads.ts';
import * as activation from './activation.service.ts';
import { allowanceRuleRoutes } from './allowance-rules.routes.ts';
import * as construction from './construction.service.ts';
import * as drawings from './drawings.service.ts';
import * as plans from './plans.service.ts';
import { closeRound, createRound, getRound, listRounds, roundsOfHousehold } from './rounds.manage.ts';
import { holdouts, progress, publicBoard } from './rounds.progress.ts';
import { attachScan, respond, responseHistory } from './rounds.responses.ts';
import * as rules from './renewal.rules.ts';

const tags = ['renewal'];
const EstateParams = z.object({ estateId: z.coerce.number().int().positive() });
const HouseholdVersion = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
});
const RoundHousehold = z.object({
  id: z.coerce.number().int().positive(),
  householdId: z.coerce.number().int().positive(),
});
const multipart = { consumes: ['multipart/form-data'] };
const SCAN_UPLOAD = { maxBytes: 20 * 1024 * 1024, extensions: ['pdf', 'png', 'jpg', 'jpeg'] } as const;

export function renewalRoutes(app: App, deps: Deps): void {
  allowanceRuleRoutes(app, deps);
  // consultation and signing rounds
  app.get(
    '/api/rounds',
    {
      config: { permission: 'board.read' },
      schema: {
        tags,
        summary: 'Consultation and signing rounds',
        querystring: z.object({ estateId: z.coerce.number().int().positive().optional() }),
        response: { 200: pageOf(Round) },
      },
    },
    (req) => listRounds(deps, ctxOf(req), req.query.estateId),
  );
  app.post(
    '/api/estates/:estateId/consultations',
    {
      config: { permission: 'round.manage' },
      schema: {
        tags,
        summary: `Open a round (kind: ${RoundKinds.join(' | ')})`,
        params: EstateParams,
        body: CreateRoundBody,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    (req) => createRound(deps, ctxOf(req), req.params.estateId, req.body),
  );
  app.get(
    '/api/consultations/:id',
    {
      config: { permission: 'board.read' },
      schema: { tags, summary: 'One round', params: IdParams, response: { 200: Round } },
    },
    (req) => getRound(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/consultations/:id/close',
    {
      config: { permission: 'round.manage' },
      schema: { tags, summary: 'Close a round', params: IdParams, response: { 200: Round } },
    },
    (req) => closeRound(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/consultations/:id/responses',
    {
      config: { permission: 'round.respond' },
      schema: {
        tags,
        summary: `Record a household's answer (decision: ${Decisions.join(' | ')}); repeats count once`,
        params: IdParams,
        body: ResponseBody,
        response: { 200: ResponseRecord },
      },
    },
    (req) => respond(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/consultations/:id/responses/:householdId/history',
    {
      config: { permission: 'round.read' },
      schema: {
        tags,
        summary: 'Every change of one household’s answer',
        params: RoundHousehold,
        response: { 200: pageOf(ResponseHistoryEntry) },
      },
    },
    (req) => responseHistory(deps, ctxOf(req), req.params.id, req.params.householdId),
  );
  app.post(
    '/api/consultations/:id/responses/:householdId/scan',
    {
      config: { permission: 'round.respond' },
      schema: {
        tags,
        ...multipart,
        summary: 'Attach the scanned signed agreement (PDF/JPG/PNG)',
        params: RoundHousehold,
        response: { 200: ResponseRecord.omit({ changed: true }) },
      },
    },
    async (req) => {
      const { file } = await readUpload(req, SCAN_UPLOAD);
      return attachScan(deps, ctxOf(req), req.params.id, req.params.householdId, file);
    },
  );
  app.get(
    '/api/consultations/:id/progress',
    {
      config: { permission: 'round.read' },
      schema: {
        tags,
        summary: 'Progress overall and per building',
        params: IdParams,
        response: { 200: Progress },
      },
    },
    (req) => progress(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/consultations/:id/holdouts',
    {
      config: { permission: 'round.read' },
      schema: {
        tags,
        summary: 'Households not yet agreeing; buildings ranked by gap to target',
        params: IdParams,
        querystring: Pagination,
        response: { 200: Holdouts },
      },
    },
    (req) => holdouts(deps, ctxOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/consultations/:id/board',
    {
      config: { permission: 'board.read' },
      schema: {
        tags,
        summary: 'Public board (公示), names masked',
        params: IdParams,
        response: { 200: PublicBoard },
      },
    },
    (req) => publicBoard(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/households/:id/rounds',
    {
      config: { permission: ['household.read', 'household.read_all', 'self.read'] },
      schema: {
        tags,
        summary: 'Rounds a household takes part in, with its answer',
        params: IdParams,
        response: {
          200: z.array(HouseholdRound),
        },
      },
    },
    (req) => roundsOfHousehold(deps, ctxOf(req), req.params.id),
  );

  // plans
  app.get(
    '/api/estates/:estateId/layout-options',
    {
      config: { permission: 'board.read' },
      schema: {
        tags,
        summary: 'Standard layout options (户型方案)',
        params: EstateParams,
        response: { 200: pageOf(LayoutOption) },
      },
    },
    (req) => plans.listLayoutOptions(deps, ctxOf(req), req.params.estateId),
  );
  app.post(
    '/api/estates/:estateId/layout-options',
    {
      config: { permission: 'plan.write' },
      schema: {
        tags,
        summary: 'Add a layout option',
        params: EstateParams,
        body: CreateLayoutOptionBody,
        response: { 200: LayoutOption },
      },
    },
    (req) => plans.createLayoutOption(deps, ctxOf(req), req.params.estateId, req.body),
  );
  app.get(
    '/api/households/:id/plans',
    {
      config: { permission: ['household.read', 'household.read_all', 'self.read'] },
      schema: {
        tags,
        summary: 'Plan versions (一户一方案)',
        params: IdParams,
        response: { 200: pageOf(Plan) },
      },
    },
    (req) => plans.listPlans(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/households/:id/plans',
    {
      config: { permission: 'plan.write' },
      schema: {
        tags,
        summary: 'New plan version',
        params: IdParams,
        body: PlanBody,
        response: { 200: Plan },
      },
    },
    (req) => plans.createPlanVersion(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/households/:id/plans/:version/confirm',
    {
      config: { permission: 'plan.confirm' },
      schema: {
        tags,
        summary: 'Confirm a plan version',
        params: HouseholdVersion,
        body: ConfirmBody,
        response: { 200: Plan },
      },
    },
    (req) => plans.confirmPlan(deps, ctxOf(req), req.params.id, req.params.version, req.body),
  );
  app.get(
    '/api/households/:id/plans/:version/pdf',
    {
      config: { permission: ['household.read', 'household.read_all', 'self.read'] },
      schema: { tags, summary: 'Printable plan (PDF)', params: HouseholdVersion },
    },
    async (req, reply) =>
      sendDownload(
        reply,
        `一户一方案-${req.params.id}-v${req.params.version}.pdf`,
        'application/pdf',
        await plans.planPdf(deps, ctxOf(req), req.params.id, req.params.version),
      ),
  );

  // drawings
  app.get(
    '/api/households/:id/drawings',
    {
      config: { permission: ['household.read', 'household.read_all', 'self.read'] },
      schema: {
        tags,
        summary: 'Drawing versions and change requests (一户一图纸)',
        params: IdParams,
        response: { 200: DrawingSet },
      },
    },
    (req) => drawings.listDrawings(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/households/:id/drawings',
    {
      config: { permission: 'drawing.upload' },
      schema: {
        tags,
        ...multipart,
        summary: 'Upload a drawing version (PDF/PNG/JPG/DWG ≤ 20 MB; fields comment, changeRequestId)',
        params: IdParams,
        response: { 200: DrawingSet },
      },
    },
    async (req) => {
      const { file, fields } = await readUpload(req, drawings.DRAWING_UPLOAD);
      return drawings.uploadDrawing(deps, ctxOf(req), req.params.id, file, fields);
    },
  );
  app.post(
    '/api/households/:id/drawings/:version/confirm',
    {
      config: { permission: 'drawing.confirm' },
      schema: {
        tags,
        summary: 'Confirm a drawing version',
        params: HouseholdVersion,
        body: ConfirmBody,
        response: { 200: DrawingSet },
      },
    },
    (req) => drawings.confirmDrawing(deps, ctxOf(req), req.params.id, req.params.version, req.body),
  );
  app.post(
    '/api/households/:id/drawing-changes',
    {
      config: { permission: 'drawing.request_change' },
      schema: {
        tags,
        summary: 'Request a change of the drawing',
        params: IdParams,
        body: ChangeRequestBody,
        response: { 200: DrawingSet },
      },
    },
    (req) => drawings.requestDrawingChange(deps, ctxOf(req), req.params.id, req.body.content),
  );
  app.get(
    '/api/drawings/:id/file',
    {
      config: { permission: ['household.read', 'household.read_all', 'self.read'] },
      schema: { tags, summary: 'The drawing file', params: IdParams },
    },
    async (req, reply) => {
      const file = await drawings.drawingFile(deps, ctxOf(req), req.params.id);
      return reply
        .header('content-type', file.meta.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.meta.name)}`)
        .send(file.data);
    },
  );

  // the order of steps, and the prerequisites the street relaxed
  app.get(
    '/api/renewal-settings',
    {
      config: { permission: 'round.read' },
      schema: { tags, summary: 'Prerequisites the street relaxed', response: { 200: RenewalSettings } },
    },
    (req) => rules.getSettings(deps, ctxOf(req)),
  );
  app.put(
    '/api/renewal-settings',
    {
      config: { permission: 'round.manage' },
      schema: {
        tags,
        summary: 'Relax or restore prerequisites (audited, with a reason)',
        body: RenewalSettingsBody,
        response: { 200: RenewalSettings },
      },
    },
    (req) => rules.updateSettings(deps, ctxOf(req), req.body),
  );

  // construction and acceptance
  app.get(
    '/api/estates/:estateId/construction',
    {
      config: { permission: 'round.read' },
      schema: {
        tags,
        summary: 'Building phases',
        params: EstateParams,
        response: { 200: pageOf(BuildingSchedule) },
      },
    },
    (req) => construction.buildingSchedule(deps, ctxOf(req), req.params.estateId),
  );
  app.post(
    '/api/buildings/:id/phases',
    {
      config: { permission: 'construction.manage' },
      schema: {
        tags,
        summary: 'Record a building phase (搬离完成 → 开工 → 主体完成 → 竣工 → 验收 → 回搬)',
        params: IdParams,
        body: PhaseBody,
        response: { 200: BuildingSchedule },
      },
    },
    (req) => construction.recordPhase(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/households/:id/acceptance',
    {
      config: { permission: ['household.read', 'household.read_all', 'self.read'] },
      schema: {
        tags,
        summary: 'Latest acceptance and the standard checklist',
        params: IdParams,
        response: {
          200: z.object({ acceptance: Acceptance.nullable(), standardChecklist: z.array(z.string()) }),
        },
      },
    },
    (req) => construction.getAcceptance(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/households/:id/acceptance',
    {
      config: { permission: 'construction.manage' },
      schema: {
        tags,
        summary: 'Inspect against the confirmed drawing',
        params: IdParams,
        body: AcceptanceBody,
        response: { 200: Acceptance },
      },
    },
    (req) => construction.inspect(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/defects/:id/close',
    {
      config: { permission: 'construction.manage' },
      schema: {
        tags,
        summary: 'Close a defect of the punch list',
        params: IdParams,
        response: { 200: Acceptance },
      },
    },
    (req) => construction.closeDefect(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/estates/:estateId/outcome',
    {
      config: { permission: 'round.read' },
      schema: {
        tags,
        summary: 'Signing, success and beautification rates',
        params: EstateParams,
        response: { 200: Outcome },
      },
    },
    (req) => construction.estateOutcome(deps, ctxOf(req), req.params.estateId),
  );

  // residents' accounts
  app.post(
    '/api/activation-letters',
    {
      config: { permission: 'resident.activate' },
      schema: {
        tags,
        summary: 'Print 入户通知单 letters with one-time activation codes (PDF)',
        body: ActivationLetterBody,
      },
    },
    async (req, reply) =>
      sendDownload(
        reply,
        '入户通知单.pdf',
        'application/pdf',
        await activation.activationLetters(deps, ctxOf(req), req.body.householdIds),
      ),
  );
  app.post(
    '/api/activate',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Activate a resident account with the code from the letter',
        body: ActivateBody,
        response: { 200: z.object({ username: z.string() }) },
      },
    },
    (req) =>
      activation.activate(deps, {
        ...req.body,
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent'] ?? null,
      }),
  );
}
