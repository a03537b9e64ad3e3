/** Renewal routes for consultation and signing rounds: opening and closing, answers, progress, the public board. */
import { z } from 'zod';
import { IdParams, Pagination, pageOf } from '../../../contract/common.ts';
import {
  HouseholdRound,
  CreateRoundBody,
  Holdouts,
  Progress,
  PublicBoard,
  ResponseBody,
  ResponseHistoryEntry,
  ResponseRecord,
  Round,
  RoundKinds,
  Decisions,
} from '../../../contract/renewal.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { readUpload } from '../../platform/uploads.ts';
import { closeRound, createRound, getRound, listRounds, roundsOfHousehold } from './rounds.manage.ts';
import { holdouts, progress, publicBoard } from './rounds.progress.ts';
import { attachScan, respond, responseHistory } from './rounds.responses.ts';
import { EstateParams, multipart } from './renewal.route-params.ts';

const tags = ['renewal'];
const RoundHousehold = z.object({
  id: z.coerce.number().int().positive(),
  householdId: z.coerce.number().int().positive(),
});
const SCAN_UPLOAD = { maxBytes: 20 * 1024 * 1024, extensions: ['pdf', 'png', 'jpg', 'jpeg'] } as const;

export function roundRoutes(app: App, deps: Deps): void {
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
}
