/** Suggestion routes for what suggestions lead to: collective replies, projects and their milestones. */
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  CreateMilestoneBody,
  CreateProjectBody,
  CreateReplyBody,
  MilestoneParams,
  Project,
  Reply,
  UpdateMilestoneBody,
  UpdateProjectBody,
} from '../../../contract/suggestions.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import * as outcomes from './outcomes.service.ts';
import * as projects from './projects.service.ts';

const tags = ['suggestions'];
const handlers = 'suggestion.handle' as const;
const managers = 'suggestion.manage' as const;

export function suggestionOutcomeRoutes(app: App, deps: Deps): void {
  // --- Collective replies and projects -------------------------------------------------------
  app.get(
    '/api/suggestion-replies',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Published collective replies', response: { 200: pageOf(Reply) } },
    },
    (request) => outcomes.listReplies(deps, ctxOf(request)),
  );
  app.post(
    '/api/suggestion-replies',
    {
      config: { permission: handlers },
      schema: {
        tags,
        summary: 'Publish one reply answering many suggestions (第十二条（一）)',
        body: CreateReplyBody,
        response: { 200: Reply },
      },
    },
    (request) => outcomes.createReply(deps, ctxOf(request), request.body),
  );
  app.get(
    '/api/suggestion-projects',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Projects suggestions became (金点子 → 金钥匙)',
        response: { 200: pageOf(Project) },
      },
    },
    (request) => projects.listProjects(deps, ctxOf(request)),
  );
  app.post(
    '/api/suggestion-projects',
    {
      config: { permission: managers },
      schema: {
        tags,
        summary: 'Turn suggestions into a project',
        body: CreateProjectBody,
        response: { 200: Project },
      },
    },
    (request) => projects.createProject(deps, ctxOf(request), request.body),
  );
  app.patch(
    '/api/suggestion-projects/:id',
    {
      config: { permission: managers },
      schema: {
        tags,
        summary: 'Update a project',
        params: IdParams,
        body: UpdateProjectBody,
        response: { 200: Project },
      },
    },
    (request) => projects.updateProject(deps, ctxOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/suggestion-projects/:id/milestones',
    {
      config: { permission: managers },
      schema: {
        tags,
        summary: 'Add a milestone',
        params: IdParams,
        body: CreateMilestoneBody,
        response: { 200: Project },
      },
    },
    (request) => projects.addMilestone(deps, ctxOf(request), request.params.id, request.body),
  );
  app.patch(
    '/api/suggestion-projects/:id/milestones/:milestoneId',
    {
      config: { permission: managers },
      schema: {
        tags,
        summary: 'Mark a milestone done or not',
        params: MilestoneParams,
        body: UpdateMilestoneBody,
        response: { 200: Project },
      },
    },
    (request) =>
      projects.setMilestoneDone(
        deps,
        ctxOf(request),
        request.params.id,
        request.params.milestoneId,
        request.body.done,
      ),
  );
}
