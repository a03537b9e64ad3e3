import { z } from 'zod';
import { IdParams, Ok, pageOf } from '../../../contract/common.ts';
import { AllowanceRule, AllowanceRuleBody, ComputedAllowances } from '../../../contract/allowances.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import * as svc from './allowance-rules.service.ts';

const tags = ['renewal'];
const EstateParams = z.object({ estateId: z.coerce.number().int().positive() });

/** An estate's allowance rules, and their computation for one household. */
export function allowanceRuleRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/estates/:estateId/allowance-rules',
    {
      config: { permission: 'board.read' },
      schema: {
        tags,
        summary: 'Allowance rules of an estate (过渡费, 搬家补贴 ...)',
        params: EstateParams,
        response: { 200: pageOf(AllowanceRule) },
      },
    },
    (req) => svc.listAllowanceRules(deps, ctxOf(req), req.params.estateId),
  );
  app.post(
    '/api/estates/:estateId/allowance-rules',
    {
      config: { permission: 'plan.write' },
      schema: {
        tags,
        summary: 'Add an allowance rule',
        params: EstateParams,
        body: AllowanceRuleBody,
        response: { 200: AllowanceRule },
      },
    },
    (req) => svc.createAllowanceRule(deps, ctxOf(req), req.params.estateId, req.body),
  );
  app.put(
    '/api/allowance-rules/:id',
    {
      config: { permission: 'plan.write' },
      schema: {
        tags,
        summary: 'Change an allowance rule (plans already made keep what they computed)',
        params: IdParams,
        body: AllowanceRuleBody,
        response: { 200: AllowanceRule },
      },
    },
    (req) => svc.updateAllowanceRule(deps, ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/allowance-rules/:id',
    {
      config: { permission: 'plan.write' },
      schema: { tags, summary: 'Remove an allowance rule', params: IdParams, response: { 200: Ok } },
    },
    (req) => svc.deleteAllowanceRule(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/households/:id/allowances/computed',
    {
      config: { permission: 'plan.write' },
      schema: {
        tags,
        summary: "Compute the estate's allowance rules for this household from its file (按规则计算)",
        params: IdParams,
        response: { 200: ComputedAllowances },
      },
    },
    (req) => svc.computeForHousehold(deps, ctxOf(req), req.params.id),
  );
}
