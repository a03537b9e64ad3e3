import { z } from 'zod';
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  AnswerBody,
  AssignBody,
  Attachment,
  AttachmentParams,
  CollectionPoint,
  CollectMailboxBody,
  CreatedSuggestion,
  CreateMailboxBody,
  CreateMilestoneBody,
  CreatePointBody,
  CreateProjectBody,
  CreateReplyBody,
  CreateSuggestionBody,
  CreateTopicBody,
  CreateVisitBody,
  HandleBody,
  Mailbox,
  MailboxCollection,
  MergeBody,
  MilestoneParams,
  NoteBody,
  Project,
  RateBody,
  RedirectBody,
  Reply,
  SimilarBody,
  SimilarSuggestion,
  SuggestionDetail,
  SuggestionFigures,
  SuggestionItem,
  SuggestionQuery,
  SuggestionSettings,
  Topic,
  TopicClusters,
  TopicQuery,
  UpdateMilestoneBody,
  UpdatePointBody,
  HandlingUnit,
  HandlingUnitBody,
  UpdateHandlingUnitBody,
  UpdateProjectBody,
  UpdateTopicBody,
  Visit,
} from '../../../contract/suggestions.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import * as network from './network.service.ts';
import * as outcomes from './outcomes.service.ts';
import * as projects from './projects.service.ts';
import * as settings from './settings.service.ts';
import { ATTACHMENT_MAX_BYTES, addAttachment, readAttachment } from './suggestions.attachments.ts';
import {
  acceptSuggestion,
  answerSuggestion,
  assignSuggestion,
  handleSuggestion,
  mergeSuggestion,
  rateSuggestion,
  redirectSuggestion,
} from './suggestions.handling.ts';
import { getSuggestion, listSuggestions } from './suggestions.reading.ts';
import { findSimilar } from './suggestions.similar.ts';
import { createSuggestion } from './suggestions.submitting.ts';
import { topicClusters } from './suggestions.topics.ts';
import * as topicCalls from './topic-calls.service.ts';
import * as units from './units.service.ts';

const tags = ['suggestions'];
const submitters = 'suggestion.submit' as const;
const handlers = 'suggestion.handle' as const;
const managers = 'suggestion.manage' as const;
const readers = 'suggestion.read' as const;

export function suggestionRoutes(app: App, deps: Deps): void {
  // --- Suggestions ---------------------------------------------------------------------------
  app.post(
    '/api/suggestions',
    {
      config: { permission: submitters },
      schema: {
        tags,
        summary: 'Propose a suggestion (第十条); answers with similar ones and a redirect hint',
        body: CreateSuggestionBody,
        response: { 200: CreatedSuggestion },
      },
    },
    (request) => createSuggestion(deps, ctxOf(request), request.body),
  );
  app.get(
    '/api/suggestions',
    {
      config: { permission: submitters },
      schema: {
        tags,
        summary: 'Suggestions (residents: their own); full-text search ranked by relevance with q',
        querystring: SuggestionQuery,
        response: { 200: pageOf(SuggestionItem) },
      },
    },
    (request) => listSuggestions(deps, ctxOf(request), request.query),
  );
  app.post(
    '/api/suggestions/similar',
    {
      config: { permission: submitters },
      schema: {
        tags,
        summary: 'Suggestions similar to a text being typed',
        body: SimilarBody,
        response: { 200: z.object({ items: z.array(SimilarSuggestion) }) },
      },
    },
    async (request) => ({ items: await findSimilar(deps, ctxOf(request), request.body) }),
  );
  app.get(
    '/api/suggestions/figures',
    {
      config: { permission: readers },
      schema: { tags, summary: 'Figures from the records', response: { 200: SuggestionFigures } },
    },
    (request) => outcomes.figures(deps, ctxOf(request)),
  );
  app.get(
    '/api/suggestions/:id',
    {
      config: { permission: submitters },
      schema: {
        tags,
        summary: 'One suggestion with its steps',
        params: IdParams,
        response: { 200: SuggestionDetail },
      },
    },
    (request) => getSuggestion(deps, ctxOf(request), request.params.id),
  );

  const step = <B extends z.ZodType>(
    name: string,
    summary: string,
    body: B,
    run: (ctx: ReturnType<typeof ctxOf>, id: number, body: z.output<B>) => Promise<SuggestionDetail>,
  ) =>
    app.post(
      `/api/suggestions/:id/${name}`,
      {
        config: { permission: handlers },
        schema: { tags, summary, params: IdParams, body, response: { 200: SuggestionDetail } },
      },
      (request) => run(ctxOf(request), request.params.id, request.body as z.output<B>),
    );
  step('accept', 'Accept (受理)', NoteBody, (ctx, id, b) => acceptSuggestion(deps, ctx, id, b.note));
  step(
    'assign',
    "Assign to one of the street's handling units, optionally a person (交办)",
    AssignBody,
    (ctx, id, b) => assignSuggestion(deps, ctx, id, b),
  );
  step('handle', 'Record the handling (办理)', HandleBody, (ctx, id, b) =>
    handleSuggestion(deps, ctx, id, b),
  );
  step('answer', 'Answer individually (答复)', AnswerBody, (ctx, id, b) =>
    answerSuggestion(deps, ctx, id, b.answer),
  );
  step('redirect', 'Not a suggestion: redirect with a reason (第十条第二款)', RedirectBody, (ctx, id, b) =>
    redirectSuggestion(deps, ctx, id, b),
  );
  step('merge', 'Merge a duplicate into another suggestion', MergeBody, (ctx, id, b) =>
    mergeSuggestion(deps, ctx, id, b.intoId),
  );
  app.post(
    '/api/suggestions/:id/rate',
    {
      config: { permission: submitters },
      schema: {
        tags,
        summary: 'The proposer rates the answer (公众评价)',
        params: IdParams,
        body: RateBody,
        response: { 200: SuggestionDetail },
      },
    },
    (request) => rateSuggestion(deps, ctxOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/suggestions/:id/attachments',
    {
      config: { permission: submitters },
      schema: {
        tags,
        summary: 'Add a photo (multipart field "file"; JPG/PNG/WebP, at most 5 MB)',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: Attachment },
      },
    },
    async (request) => {
      const file = await request.file({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } });
      if (!file)
        throw new AppError('bad_request', undefined, {
          zh: '请选择要上传的照片',
          en: 'Choose a photo to upload',
        });
      let data: Buffer;
      try {
        data = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError(
            'payload_too_large',
            { maxBytes: ATTACHMENT_MAX_BYTES },
            { zh: '照片不能超过 5 MB', en: 'A photo may be at most 5 MB' },
          );
        throw error;
      }
      return addAttachment(deps, ctxOf(request), request.params.id, {
        name: file.filename,
        mime: file.mimetype,
        data,
      });
    },
  );
  app.get(
    '/api/suggestions/:id/attachments/:fileId',
    {
      config: { permission: submitters },
      schema: { tags, summary: 'Download a photo', params: AttachmentParams },
    },
    async (request, reply) => {
      const file = await readAttachment(deps, ctxOf(request), request.params.id, request.params.fileId);
      return sendDownload(reply, file.meta.name, file.meta.mime, file.data);
    },
  );

  // --- Collection network --------------------------------------------------------------------
  app.get(
    '/api/suggestion-points',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Collection points (一心、三片、廿点)',
        response: { 200: pageOf(CollectionPoint) },
      },
    },
    (request) => network.listPoints(deps, ctxOf(request)),
  );
  app.post(
    '/api/suggestion-points',
    {
      config: { permission: managers },
      schema: {
        tags,
        summary: 'Add a centre, zone or point',
        body: CreatePointBody,
        response: { 200: CollectionPoint },
      },
    },
    (request) => network.createPoint(deps, ctxOf(request), request.body),
  );
  app.patch(
    '/api/suggestion-points/:id',
    {
      config: { permission: managers },
      schema: {
        tags,
        summary: 'Change a collection point',
        params: IdParams,
        body: UpdatePointBody,
        response: { 200: CollectionPoint },
      },
    },
    (request) => network.updatePoint(deps, ctxOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/suggestion-mailboxes',
    {
      config: { permission: readers },
      schema: { tags, summary: 'Suggestion mailboxes (建议邮筒)', response: { 200: pageOf(Mailbox) } },
    },
    (request) => network.listMailboxes(deps, ctxOf(request)),
  );
  app.post(
    '/api/suggestion-mailboxes',
    {
      config: { permission: managers },
      schema: { tags, summary: 'Add a mailbox', body: CreateMailboxBody, response: { 200: Mailbox } },
    },
    (request) => network.createMailbox(deps, ctxOf(request), request.body),
  );
  app.get(
    '/api/suggestion-mailboxes/:id/collections',
    {
      config: { permission: readers },
      schema: {
        tags,
        summary: 'Log of emptyings',
        params: IdParams,
        response: { 200: pageOf(MailboxCollection) },
      },
    },
    (request) => network.listCollections(deps, ctxOf(request), request.params.id),
  );
  app.post(
    '/api/suggestion-mailboxes/:id/collections',
    {
      config: { permission: handlers },
      schema: {
        tags,
        summary: 'Log an emptying of the mailbox',
        params: IdParams,
        body: CollectMailboxBody,
        response: { 200: MailboxCollection },
      },
    },
    (request) => network.collectMailbox(deps, ctxOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/suggestion-visits',
    {
      config: { permission: readers },
      schema: { tags, summary: "Leaders' visits (大走访)", response: { 200: pageOf(Visit) } },
    },
    (request) => network.listVisits(deps, ctxOf(request)),
  );
  app.post(
    '/api/suggestion-visits',
    {
      config: { permission: handlers },
      schema: { tags, summary: "Record a leader's visit", body: CreateVisitBody, response: { 200: Visit } },
    },
    (request) => network.createVisit(deps, ctxOf(request), request.body),
  );

  // --- Topic calls ---------------------------------------------------------------------------
  app.get(
    '/api/suggestion-topics',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Topic calls (专项征集); closes those past their deadline first',
        querystring: TopicQuery,
        response: { 200: pageOf(Topic) },
      },
    },
    (request) => topicCalls.listTopics(deps, ctxOf(request), request.query.status),
  );
  app.post(
    '/api/suggestion-topics',
    {
      config: { permission: managers },
      schema: {
        tags,
        summary: 'Start a topic call (第八条)',
        body: CreateTopicBody,
        response: { 200: Topic },
      },
    },
    (request) => topicCalls.createTopic(deps, ctxOf(request), request.body),
  );
  app.patch(
    '/api/suggestion-topics/:id',
    {
      config: { permission: managers },
      schema: {
        tags,
        summary: 'Publish, close or extend a topic call',
        params: IdParams,
        body: UpdateTopicBody,
        response: { 200: Topic },
      },
    },
    (request) => topicCalls.updateTopic(deps, ctxOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/suggestion-topics/:id/clusters',
    {
      config: { permission: readers },
      schema: {
        tags,
        summary: "A topic's suggestions grouped by similar content",
        params: IdParams,
        response: { 200: TopicClusters },
      },
    },
    (request) => topicClusters(deps, ctxOf(request), request.params.id),
  );

  // --- Handling units (承办单位) ------------------------------------------------------------------
  app.get(
    '/api/suggestion-units',
    {
      config: { permission: readers },
      schema: {
        tags,
        summary: "The street's handling units (承办单位)",
        response: { 200: pageOf(HandlingUnit) },
      },
    },
    (request) => units.listUnits(deps, ctxOf(request)),
  );
  app.post(
    '/api/suggestion-units',
    {
      config: { permission: managers },
      schema: {
        tags,
        summary: 'Add a handling unit',
        body: HandlingUnitBody,
        response: { 200: HandlingUnit },
      },
    },
    (request) => units.createUnit(deps, ctxOf(request), request.body),
  );
  app.patch(
    '/api/suggestion-units/:id',
    {
      config: { permission: managers },
      schema: {
        tags,
        summary: 'Rename or retire a handling unit',
        params: IdParams,
        body: UpdateHandlingUnitBody,
        response: { 200: HandlingUnit },
      },
    },
    (request) => units.updateUnit(deps, ctxOf(request), request.params.id, request.body),
  );

  // --- Settings ------------------------------------------------------------------------------
  app.get(
    '/api/suggestion-settings',
    {
      config: { permission: readers },
      schema: { tags, summary: 'Handling deadlines (days per step)', response: { 200: SuggestionSettings } },
    },
    (request) => settings.getSettings(deps, ctxOf(request)),
  );
  app.put(
    '/api/suggestion-settings',
    {
      config: { permission: managers },
      schema: {
        tags,
        summary: 'Set handling deadlines',
        body: SuggestionSettings,
        response: { 200: SuggestionSettings },
      },
    },
    (request) => settings.putSettings(deps, ctxOf(request), request.body),
  );

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
