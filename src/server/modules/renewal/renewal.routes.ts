import { z } from 'zod';
import {
  ActivateBody,
  ActivationLetterBody,
  RenewalSettings,
  RenewalSettingsBody,
} from '../../../contract/renewal.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import * as activation from './activation.service.ts';
import { allowanceRuleRoutes } from './allowance-rules.routes.ts';
import * as rules from './renewal.rules.ts';
import { constructionRoutes } from './construction.routes.ts';
import { drawingRoutes } from './drawings.routes.ts';
import { planRoutes } from './plans.routes.ts';
import { roundRoutes } from './rounds.routes.ts';

const tags = ['renewal'];

export function renewalRoutes(app: App, deps: Deps): void {
  allowanceRuleRoutes(app, deps);
  roundRoutes(app, deps);
  planRoutes(app, deps);
  drawingRoutes(app, deps);

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

  constructionRoutes(app, deps);

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
