import { z } from 'zod';
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  AnswerBody,
  AssignBody,
  Attachment,
  AttachmentParams,
  CreatedSuggestion,
  CreateSuggestionBody,
  HandleBody,
  MergeBody,
  NoteBody,
  RateBody,
  RedirectBody,
  SimilarBody,
  SimilarSuggestion,
  SuggestionDetail,
  SuggestionFigures,
  SuggestionItem,
  SuggestionQuery,
} from '../../../contract/suggestions.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import * as outcomes from './outcomes.service.ts';
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
import { suggestionNetworkRoutes } from './network.routes.ts';
import { suggestionOutcomeRoutes } from './outcomes.routes.ts';

const tags = ['suggestions'];
const submitters = 'suggestion.submit' as const;
const handlers = 'suggestion.handle' as const;
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

  suggestionNetworkRoutes(app, deps);
  suggestionOutcomeRoutes(app, deps);
}
