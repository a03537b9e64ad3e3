import { z } from 'zod';
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  Changed,
  ConsolidatedReport,
  ConsultationEvent,
  CreateEventBody,
  DraftQuery,
  DraftSummary,
  DraftTree,
  EventQuery,
  Figures,
  ImportDraftBody,
  ImportedDraft,
  ModerateBody,
  Opinion,
  OpinionQuery,
  OutcomeBody,
  RecordOpinionsBody,
  SubmitOpinionBody,
  SubmitReportBody,
  Submission,
} from '../../../contract/legislation.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import { getDraft, importDraft, listDrafts } from './legislation.drafts.ts';
import { createEvent, listEvents } from './legislation.events.ts';
import { figures } from './legislation.figures.ts';
import {
  listOpinions,
  moderateOpinions,
  myOpinions,
  recordOpinions,
  setOutcome,
  submitOpinion,
} from './legislation.opinions.ts';
import { consolidatedReport, reportFile, submitReport } from './legislation.submission.ts';

const tags = ['legislation'];
const staff = ['legislation.manage', 'legislation.record'] as const;

export function legislationRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/legislation/drafts',
    {
      config: { permission: 'legislation.manage' },
      schema: {
        tags,
        summary:
          'Import a draft: multipart `file` (Markdown or plain text, optional `title` field) or JSON {title, text}',
        description:
          'The draft is parsed into 编 / 分编 / 章 / 节 / 条 / 款 / 项. A malformed draft (no articles, duplicated or ' +
          'skipped numbering) is refused with validation_failed, each detail naming the line.',
        response: { 200: ImportedDraft },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      if (request.isMultipart()) {
        let text: string | null = null;
        let title: string | undefined;
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file') {
              await part.toBuffer();
              continue;
            }
            const name = part.filename.toLowerCase();
            if (!/\.(md|markdown|txt)$/.test(name) && !/^text\//.test(part.mimetype)) {
              throw new AppError('unsupported_file', [
                {
                  path: 'file',
                  message: { zh: '请上传 .md 或 .txt 文本文件', en: 'Upload a .md or .txt text file' },
                },
              ]);
            }
            text = (await part.toBuffer()).toString('utf8');
            title ??= undefined;
          } else if (part.fieldname === 'title' && typeof part.value === 'string' && part.value.trim()) {
            title = part.value.trim().slice(0, 200);
          }
        }
        if (text === null) {
          throw new AppError('validation_failed', [
            { path: 'file', message: { zh: '请选择草案文件', en: 'Choose the draft file' } },
          ]);
        }
        return importDraft(deps, ctx, { text, title, source: 'file' });
      }
      const parsed = ImportDraftBody.safeParse(request.body);
      if (!parsed.success) {
        throw new AppError(
          'validation_failed',
          parsed.error.issues.map((i) => ({
            path: ['body', ...i.path.map(String)].join('.'),
            message: i.message,
          })),
        );
      }
      return importDraft(deps, ctx, { ...parsed.data, source: 'body.text' });
    },
  );
  app.get(
    '/api/legislation/drafts',
    {
      config: { permission: 'legislation.read' },
      schema: {
        tags,
        summary: 'Drafts of the street',
        querystring: DraftQuery,
        response: { 200: pageOf(DraftSummary) },
      },
    },
    (request) => listDrafts(deps, ctxOf(request), request.query),
  );
  app.get(
    '/api/legislation/drafts/:id',
    {
      config: { permission: 'legislation.read' },
      schema: {
        tags,
        summary: 'A draft as a tree of headings, articles (条), paragraphs (款) and items (项)',
        params: IdParams,
        response: { 200: DraftTree },
      },
    },
    (request) => getDraft(deps, ctxOf(request), request.params.id),
  );
  app.post(
    '/api/legislation/drafts/:id/opinions',
    {
      config: { permission: 'legislation.comment' },
      schema: {
        tags,
        summary: 'Give my opinion on the draft, an article, a paragraph or an item (waits for moderation)',
        params: IdParams,
        body: SubmitOpinionBody,
        response: { 200: Opinion },
      },
    },
    (request) => submitOpinion(deps, ctxOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/legislation/drafts/:id/opinions/record',
    {
      config: { permission: 'legislation.record' },
      schema: {
        tags,
        summary: 'Enter opinions collected on paper or at a meeting (信息员)',
        params: IdParams,
        body: RecordOpinionsBody,
        response: { 200: Changed },
      },
    },
    (request) => recordOpinions(deps, ctxOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/legislation/drafts/:id/report',
    {
      config: { permission: 'legislation.manage' },
      schema: {
        tags,
        summary: 'Consolidated report (意见汇总表): opinions by article, near-duplicates grouped',
        params: IdParams,
        response: { 200: ConsolidatedReport },
      },
    },
    (request) => consolidatedReport(deps, ctxOf(request), request.params.id),
  );
  app.get(
    '/api/legislation/drafts/:id/report/file',
    {
      config: { permission: 'legislation.manage' },
      schema: {
        tags,
        summary: 'The consolidated report as .docx or PDF',
        params: IdParams,
        querystring: z.object({ format: z.enum(['docx', 'pdf']).default('docx') }),
      },
    },
    async (request, reply) => {
      const file = await reportFile(deps, ctxOf(request), request.params.id, request.query.format);
      return sendDownload(reply, file.name, file.mime, file.data);
    },
  );
  app.post(
    '/api/legislation/drafts/:id/submissions',
    {
      config: { permission: 'legislation.manage' },
      schema: {
        tags,
        summary: 'Record that the consolidated report was submitted to the legislature',
        params: IdParams,
        body: SubmitReportBody,
        response: { 200: Submission },
      },
    },
    (request) => submitReport(deps, ctxOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/legislation/events',
    {
      config: { permission: 'legislation.read' },
      schema: {
        tags,
        summary: 'Consultation events',
        querystring: EventQuery,
        response: { 200: pageOf(ConsultationEvent) },
      },
    },
    (request) => listEvents(deps, ctxOf(request), request.query),
  );
  app.post(
    '/api/legislation/events',
    {
      config: { permission: 'legislation.manage' },
      schema: {
        tags,
        summary: 'Record a consultation event',
        body: CreateEventBody,
        response: { 200: ConsultationEvent },
      },
    },
    (request) => createEvent(deps, ctxOf(request), request.body),
  );
  app.get(
    '/api/legislation/opinions',
    {
      config: { permission: staff },
      schema: {
        tags,
        summary: 'Opinions of the street (staff)',
        querystring: OpinionQuery,
        response: { 200: pageOf(Opinion) },
      },
    },
    (request) => listOpinions(deps, ctxOf(request), request.query),
  );
  app.get(
    '/api/legislation/opinions/mine',
    {
      config: { permission: 'legislation.read' },
      schema: { tags, summary: 'My opinions and what became of them', response: { 200: pageOf(Opinion) } },
    },
    (request) => myOpinions(deps, ctxOf(request)),
  );
  app.post(
    '/api/legislation/opinions/moderation',
    {
      config: { permission: 'legislation.manage' },
      schema: {
        tags,
        summary: 'Accept or reject residents’ opinions',
        body: ModerateBody,
        response: { 200: Changed },
      },
    },
    (request) => moderateOpinions(deps, ctxOf(request), request.body),
  );
  app.post(
    '/api/legislation/opinions/outcome',
    {
      config: { permission: 'legislation.manage' },
      schema: {
        tags,
        summary: 'Feedback: mark opinions adopted, partly adopted or not adopted, with a note',
        body: OutcomeBody,
        response: { 200: Changed },
      },
    },
    (request) => setOutcome(deps, ctxOf(request), request.body),
  );
  app.get(
    '/api/legislation/figures',
    {
      config: { permission: 'legislation.read' },
      schema: {
        tags,
        summary: 'Events, drafts, participants, opinions, adopted — counted from the records',
        response: { 200: Figures },
      },
    },
    (request) => figures(deps, ctxOf(request)),
  );
}
