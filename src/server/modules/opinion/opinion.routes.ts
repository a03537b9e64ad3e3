import { z } from 'zod';
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  Analysis,
  BallotBody,
  BallotResult,
  MapBody,
  MapDetail,
  MapQuery,
  MapStatusBody,
  MapSummary,
  ModerateBody,
  NextStatement,
  Statement,
  StatementBody,
  VoteBody,
} from '../../../contract/opinion.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import { getAnalysis } from './opinion.jobs.ts';
import { reportPdf } from './opinion.report.ts';
import * as opinion from './opinion.service.ts';
import * as statements from './opinion.statements.ts';
import * as votes from './opinion.votes.ts';

const tags = ['opinion'];
const anyone = ['opinion.read', 'opinion.manage', 'opinion.vote'] as const;
const StatementParams = z.object({
  id: z.coerce.number().int().positive(),
  statementId: z.coerce.number().int().positive(),
});

export function opinionRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/opinion-maps',
    {
      config: { permission: [...anyone] },
      schema: {
        tags,
        summary: 'Opinion maps (意见地图), optionally of one topic, consultation or draft',
        querystring: MapQuery,
        response: { 200: pageOf(MapSummary) },
      },
    },
    (req) => opinion.listMaps(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/opinion-maps',
    {
      config: { permission: 'opinion.manage' },
      schema: { tags, summary: 'Create an opinion map', body: MapBody, response: { 200: MapDetail } },
    },
    (req) => opinion.createMap(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/opinion-maps/:id',
    {
      config: { permission: [...anyone] },
      schema: { tags, summary: 'An opinion map', params: IdParams, response: { 200: MapDetail } },
    },
    (req) => opinion.getMap(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/opinion-maps/:id/status',
    {
      config: { permission: 'opinion.manage' },
      schema: {
        tags,
        summary: 'Open or close a map to votes',
        params: IdParams,
        body: MapStatusBody,
        response: { 200: MapDetail },
      },
    },
    (req) => opinion.setMapStatus(deps, ctxOf(req), req.params.id, req.body.status),
  );
  app.get(
    '/api/opinion-maps/:id/statements',
    {
      config: { permission: [...anyone] },
      schema: {
        tags,
        summary: 'Statements of a map',
        params: IdParams,
        response: { 200: pageOf(Statement) },
      },
    },
    (req) => statements.listStatements(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/opinion-maps/:id/statements',
    {
      config: { permission: ['opinion.manage', 'opinion.vote'] },
      schema: {
        tags,
        summary: 'Add a statement (staff: shown at once; participants: after moderation)',
        params: IdParams,
        body: StatementBody,
        response: { 200: Statement },
      },
    },
    (req) => statements.addStatement(deps, ctxOf(req), req.params.id, req.body.text),
  );
  app.post(
    '/api/opinion-maps/:id/statements/:statementId/moderate',
    {
      config: { permission: 'opinion.manage' },
      schema: {
        tags,
        summary: 'Approve or reject a statement',
        params: StatementParams,
        body: ModerateBody,
        response: { 200: Statement },
      },
    },
    (req) => statements.moderateStatement(deps, ctxOf(req), req.params.id, req.params.statementId, req.body),
  );
  app.get(
    '/api/opinion-maps/:id/next',
    {
      config: { permission: 'opinion.vote' },
      schema: {
        tags,
        summary: 'The next statement for the signed-in participant',
        params: IdParams,
        response: { 200: NextStatement },
      },
    },
    (req) => votes.nextStatement(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/opinion-maps/:id/votes',
    {
      config: { permission: 'opinion.vote' },
      schema: {
        tags,
        summary: 'Vote on a statement (1 agree, -1 disagree, 0 pass); answers with the next one',
        params: IdParams,
        body: VoteBody,
        response: { 200: NextStatement },
      },
    },
    (req) => votes.vote(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/opinion-maps/:id/ballots',
    {
      config: { permission: 'opinion.manage' },
      schema: {
        tags,
        summary: 'Enter a paper card as the ballot of an anonymous reference',
        params: IdParams,
        body: BallotBody,
        response: { 200: BallotResult },
      },
    },
    (req) => votes.enterBallot(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/opinion-maps/:id/analysis',
    {
      config: { permission: [...anyone] },
      schema: {
        tags,
        summary: 'Groups of opinion, consensus and divisive statements (residents: after voting)',
        params: IdParams,
        response: { 200: Analysis },
      },
    },
    (req) => getAnalysis(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/opinion-maps/:id/report.pdf',
    {
      config: { permission: ['opinion.read', 'opinion.manage'] },
      schema: { tags, summary: 'The printable report (PDF)', params: IdParams },
    },
    async (req, reply) => {
      const file = await reportPdf(deps, ctxOf(req), req.params.id);
      return sendDownload(reply, file.name, 'application/pdf', file.data);
    },
  );
}
