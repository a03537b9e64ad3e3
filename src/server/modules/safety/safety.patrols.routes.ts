/** Safety routes for patrols: plans with their checklists and the records made against them. */
import { z } from 'zod';
import { Id, IdParams, pageOf } from '../../../contract/common.ts';
import { PatrolPlan, PatrolPlanBody, PatrolRecord, PatrolRecordBody } from '../../../contract/safety.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import * as patrols from './safety.patrols.ts';

const tags = ['safety'];

export function safetyPatrolRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/safety/patrol-plans',
    {
      config: { permission: ['safety.read', 'safety.handle', 'safety.manage'] },
      schema: {
        tags,
        summary: 'Patrol plans with this period’s progress',
        response: { 200: pageOf(PatrolPlan) },
      },
    },
    (req) => patrols.listPlans(deps, ctxOf(req)),
  );
  app.post(
    '/api/safety/patrol-plans',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'A patrol plan with its checklist',
        body: PatrolPlanBody,
        response: { 200: PatrolPlan },
      },
    },
    (req) => patrols.savePlan(deps, ctxOf(req), null, req.body),
  );
  app.get(
    '/api/safety/patrol-plans/:id',
    {
      config: { permission: ['safety.read', 'safety.handle', 'safety.manage'] },
      schema: { tags, summary: 'One patrol plan', params: IdParams, response: { 200: PatrolPlan } },
    },
    (req) => patrols.getPlan(deps, ctxOf(req), req.params.id),
  );
  app.put(
    '/api/safety/patrol-plans/:id',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Change a patrol plan',
        params: IdParams,
        body: PatrolPlanBody,
        response: { 200: PatrolPlan },
      },
    },
    (req) => patrols.savePlan(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/safety/patrol-plans/:id/records',
    {
      config: { permission: 'safety.handle' },
      schema: {
        tags,
        summary: 'Record a patrol; every failed item opens a work order',
        params: IdParams,
        body: PatrolRecordBody,
        response: { 200: PatrolRecord },
      },
    },
    (req) => patrols.recordPatrol(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/safety/patrol-records',
    {
      config: { permission: ['safety.read', 'safety.handle'] },
      schema: {
        tags,
        summary: 'Patrol records (handlers: their own)',
        querystring: z.object({ planId: Id.optional() }),
        response: { 200: pageOf(PatrolRecord) },
      },
    },
    (req) => patrols.listRecords(deps, ctxOf(req), req.query.planId),
  );
  app.get(
    '/api/safety/patrol-records/:id',
    {
      config: { permission: ['safety.read', 'safety.handle'] },
      schema: { tags, summary: 'One patrol record', params: IdParams, response: { 200: PatrolRecord } },
    },
    (req) => patrols.getRecord(deps, ctxOf(req), req.params.id),
  );
}
