/** Renewal routes for construction: building phases, acceptance with its punch list, the estate outcome. */
import { z } from 'zod';
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  Acceptance,
  AcceptanceBody,
  BuildingSchedule,
  Outcome,
  PhaseBody,
} from '../../../contract/renewal.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import * as construction from './construction.service.ts';
import * as outcome from './outcome.service.ts';
import { EstateParams } from './renewal.route-params.ts';

const tags = ['renewal'];

export function constructionRoutes(app: App, deps: Deps): void {
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
    (req) => outcome.estateOutcome(deps, ctxOf(req), req.params.estateId),
  );
}
