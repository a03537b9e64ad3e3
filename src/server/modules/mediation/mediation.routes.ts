import { z } from 'zod';
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  Case,
  CaseBody,
  CaseStatuses,
  CaseSummary,
  ConfirmationDue,
  DecisionBody,
  FollowupBody,
  LiaisonEntryBody,
  LiaisonOrgs,
  MediationFigures,
  MemberBody,
  OutcomeBody,
  PartyBody,
  PartyContact,
  Reminder,
  RiskBody,
  SessionBody,
  SignBody,
} from '../../../contract/mediation.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import { agreementPdf, decisionNoticePdf } from './mediation.documents.ts';
import { addFollowup, confirmationDue, sign } from './mediation.agreement.ts';
import {
  createCase,
  findHouseholds,
  getCase,
  listCases,
  partyContact,
  saveParty,
} from './mediation.cases.ts';
import { figures } from './mediation.figures.ts';
import {
  addMember,
  addSession,
  candidates,
  decide,
  flagRisk,
  recordOutcome,
} from './mediation.proceedings.ts';
import { reminders } from './mediation.reminders.ts';
import { addLiaisonEntry } from './mediation.liaison.ts';
import { HouseholdOption } from '../../../contract/council.ts';

const tags = ['mediation'];
const READ = ['mediation.oversee', 'mediation.handle', 'mediation.liaise', 'mediation.self'] as const;
const STAFF = ['mediation.oversee', 'mediation.handle', 'mediation.liaise'] as const;
const CaseParty = z.object({
  id: z.coerce.number().int().positive(),
  partyId: z.coerce.number().int().positive(),
});

export function mediationRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/mediation/cases',
    {
      config: { permission: READ },
      schema: {
        tags,
        summary: 'Mediation cases the actor may see (confidential)',
        querystring: z.object({
          status: z.enum(CaseStatuses).optional(),
          atRisk: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: pageOf(CaseSummary) },
      },
    },
    (req) => listCases(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/mediation/cases',
    {
      config: { permission: 'mediation.handle' },
      schema: { tags, summary: 'Register a case (调解申请/登记)', body: CaseBody, response: { 200: Case } },
    },
    (req) => createCase(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/mediation/cases/:id',
    {
      config: { permission: READ },
      schema: { tags, summary: 'One case with its file (卷宗)', params: IdParams, response: { 200: Case } },
    },
    (req) => getCase(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/mediation/cases/:id/decision',
    {
      config: { permission: 'mediation.handle' },
      schema: {
        tags,
        summary: '受理 or 不予受理 (with reason)',
        params: IdParams,
        body: DecisionBody,
        response: { 200: Case },
      },
    },
    (req) => decide(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/mediation/cases/:id/members',
    {
      config: { permission: 'mediation.handle' },
      schema: {
        tags,
        summary: 'Assign a mediator or invite a liaison (派出所/司法所/律师事务所)',
        params: IdParams,
        body: MemberBody,
        response: { 200: Case },
      },
    },
    (req) => addMember(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/mediation/cases/:id/parties',
    {
      config: { permission: 'mediation.handle' },
      schema: {
        tags,
        summary: 'Add a party (a household of the street or an outsider)',
        params: IdParams,
        body: PartyBody,
        response: { 200: Case },
      },
    },
    (req) => saveParty(deps, ctxOf(req), req.params.id, undefined, req.body),
  );
  app.put(
    '/api/mediation/cases/:id/parties/:partyId',
    {
      config: { permission: 'mediation.handle' },
      schema: {
        tags,
        summary: 'Correct a party who has not signed (e.g. link the household)',
        params: CaseParty,
        body: PartyBody,
        response: { 200: Case },
      },
    },
    (req) => saveParty(deps, ctxOf(req), req.params.id, req.params.partyId, req.body),
  );
  app.get(
    '/api/mediation/cases/:id/parties/:partyId/contact',
    {
      config: { permission: 'mediation.handle' },
      schema: {
        tags,
        summary: 'A party’s full contact phone (audited)',
        params: CaseParty,
        response: { 200: PartyContact },
      },
    },
    (req) => partyContact(deps, ctxOf(req), req.params.id, req.params.partyId),
  );
  app.get(
    '/api/mediation/households',
    {
      config: { permission: 'mediation.handle' },
      schema: {
        tags,
        summary: 'Households to register as parties: q matches names and 21号101',
        querystring: z.object({ q: z.string().trim().max(50).optional() }),
        response: { 200: z.array(HouseholdOption) },
      },
    },
    (req) => findHouseholds(deps, ctxOf(req), req.query.q),
  );
  app.post(
    '/api/mediation/cases/:id/sessions',
    {
      config: { permission: 'mediation.handle' },
      schema: {
        tags,
        summary: 'Record a session (调解记录)',
        params: IdParams,
        body: SessionBody,
        response: { 200: Case },
      },
    },
    (req) => addSession(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/mediation/cases/:id/outcome',
    {
      config: { permission: 'mediation.handle' },
      schema: {
        tags,
        summary: 'Outcome: agreement | oral | failed | withdrawn',
        params: IdParams,
        body: OutcomeBody,
        response: { 200: Case },
      },
    },
    (req) => recordOutcome(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/mediation/cases/:id/signatures',
    {
      config: { permission: ['mediation.handle', 'mediation.self'] },
      schema: {
        tags,
        summary: 'Sign the agreement (a party, or the acting mediator); effective when all have signed',
        params: IdParams,
        body: SignBody,
        response: { 200: Case },
      },
    },
    (req) => sign(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/mediation/cases/:id/followups',
    {
      config: { permission: 'mediation.handle' },
      schema: {
        tags,
        summary: 'Performance follow-up, return visit (回访) or judicial confirmation applied',
        params: IdParams,
        body: FollowupBody,
        response: { 200: Case },
      },
    },
    (req) => addFollowup(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/mediation/cases/:id/liaison-entries',
    {
      config: { permission: 'mediation.liaise' },
      schema: {
        tags,
        summary: 'A liaison records its unit’s part (派出所 处置, 司法所 司法确认, 律所 法律意见)',
        params: IdParams,
        body: LiaisonEntryBody,
        response: { 200: Case },
      },
    },
    (req) => addLiaisonEntry(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/mediation/cases/:id/risk',
    {
      config: { permission: 'mediation.handle' },
      schema: {
        tags,
        summary:
          'Mark at risk of a public-order or criminal matter (第二十五条); notifies the police liaison',
        params: IdParams,
        body: RiskBody,
        response: { 200: Case },
      },
    },
    (req) => flagRisk(deps, ctxOf(req), req.params.id, req.body.note),
  );
  app.get(
    '/api/mediation/cases/:id/decision-notice.pdf',
    {
      config: { permission: READ },
      schema: { tags, summary: '受理/不予受理通知书 (PDF)', params: IdParams },
    },
    async (req, reply) =>
      sendDownload(
        reply,
        `通知书-${req.params.id}.pdf`,
        'application/pdf',
        await decisionNoticePdf(deps, ctxOf(req), req.params.id),
      ),
  );
  app.get(
    '/api/mediation/cases/:id/agreement.pdf',
    {
      config: { permission: READ },
      schema: { tags, summary: '人民调解协议书 (PDF)', params: IdParams },
    },
    async (req, reply) =>
      sendDownload(
        reply,
        `调解协议书-${req.params.id}.pdf`,
        'application/pdf',
        await agreementPdf(deps, ctxOf(req), req.params.id),
      ),
  );
  app.get(
    '/api/mediation/confirmation-due',
    {
      config: { permission: STAFF },
      schema: {
        tags,
        summary: 'Agreements within (or past) the 30-day judicial confirmation window (第三十三条)',
        querystring: z.object({ withinDays: z.coerce.number().int().min(0).max(365).default(30) }),
        response: { 200: pageOf(ConfirmationDue) },
      },
    },
    (req) => confirmationDue(deps, ctxOf(req), req.query.withinDays),
  );
  app.get(
    '/api/mediation/reminders',
    {
      config: { permission: 'mediation.handle' },
      schema: { tags, summary: 'The acting mediator’s reminders', response: { 200: pageOf(Reminder) } },
    },
    (req) => reminders(deps, ctxOf(req)),
  );
  app.get(
    '/api/mediation/figures',
    {
      config: { permission: 'mediation.oversee' },
      schema: { tags, summary: 'Cases by type, level, outcome; rates', response: { 200: MediationFigures } },
    },
    (req) => figures(deps, ctxOf(req)),
  );
  app.get(
    '/api/mediation/candidates',
    {
      config: { permission: 'mediation.handle' },
      schema: {
        tags,
        summary: 'Users who can be assigned or invited',
        response: {
          200: z.array(
            z.object({
              id: z.number(),
              name: z.string(),
              role: z.string(),
              org: z.enum(LiaisonOrgs).nullable(),
            }),
          ),
        },
      },
    },
    (req) => candidates(deps, ctxOf(req)),
  );
}
