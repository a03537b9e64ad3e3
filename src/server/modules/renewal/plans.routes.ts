/** Renewal routes for layout options and each household's plan versions (一户一方案). */
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  ConfirmBody,
  CreateLayoutOptionBody,
  LayoutOption,
  Plan,
  PlanBody,
} from '../../../contract/renewal.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import * as plans from './plans.service.ts';
import { EstateParams, HouseholdVersion } from './renewal.route-params.ts';

const tags = ['renewal'];

export function planRoutes(app: App, deps: Deps): void {
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
}
