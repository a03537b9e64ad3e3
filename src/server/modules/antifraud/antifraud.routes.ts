import { z } from 'zod';
import {
  Entry,
  EntryBody,
  EntryDetail,
  EntryPatch,
  EntryQuery,
  Figures,
  Lesson,
  LessonBody,
  LessonPatch,
  PlayResult,
  Round,
  RoundBody,
  RoundDetail,
  VisitBody,
  Worker,
} from '../../../contract/antifraud.ts';
import { IdParams, Ok, pageOf } from '../../../contract/common.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import {
  createEntry,
  deleteEntry,
  getEntry,
  listEntries,
  listWorkers,
  updateEntry,
} from './antifraud.entries.ts';
import { figures } from './antifraud.figures.ts';
import { createRound, getRound, listRounds } from './antifraud.rounds.ts';
import { recordVisit } from './antifraud.visits.ts';
import * as lessons from './lessons.service.ts';
import { generateRecording, recorderStatus } from './lessons.recording.ts';

const tags = ['antifraud'];
const watchList = ['antifraud.manage', 'antifraud.visit'] as const;
/** Lessons are public health education: residents play them, staff use them on visits. */
const listeners = ['antifraud.manage', 'antifraud.visit', 'safety.report', 'self.read'] as const;

export function antifraudRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/antifraud/entries',
    {
      config: { permission: watchList },
      schema: {
        tags,
        summary: 'Watch list (重点关注对象): the street’s for the lead, one’s own for a worker; audited',
        querystring: EntryQuery,
        response: { 200: pageOf(Entry) },
      },
    },
    (req) => listEntries(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/antifraud/entries',
    {
      config: { permission: 'antifraud.manage' },
      schema: {
        tags,
        summary: 'Put a resident on the watch list (no case details, accounts or amounts)',
        body: EntryBody,
        response: { 200: EntryDetail },
      },
    },
    (req) => createEntry(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/antifraud/entries/:id',
    {
      config: { permission: watchList },
      schema: {
        tags,
        summary: 'One entry with its visits; audited',
        params: IdParams,
        response: { 200: EntryDetail },
      },
    },
    (req) => getEntry(deps, ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/antifraud/entries/:id',
    {
      config: { permission: 'antifraud.manage' },
      schema: {
        tags,
        summary: 'Re-tier, reassign or re-date an entry',
        params: IdParams,
        body: EntryPatch,
        response: { 200: EntryDetail },
      },
    },
    (req) => updateEntry(deps, ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/antifraud/entries/:id',
    {
      config: { permission: 'antifraud.manage' },
      schema: { tags, summary: 'Take someone off the list now', params: IdParams, response: { 200: Ok } },
    },
    (req) => deleteEntry(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/antifraud/entries/:id/visits',
    {
      config: { permission: watchList },
      schema: {
        tags,
        summary: 'Record a visit (面访 / 电话 / 微信) with its outcomes',
        params: IdParams,
        body: VisitBody,
        response: { 200: EntryDetail },
      },
    },
    (req) => recordVisit(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/antifraud/workers',
    {
      config: { permission: 'antifraud.manage' },
      schema: {
        tags,
        summary: 'Anti-fraud workers who can be assigned entries',
        response: { 200: pageOf(Worker) },
      },
    },
    (req) => listWorkers(deps, ctxOf(req)),
  );
  app.get(
    '/api/antifraud/rounds',
    {
      config: { permission: watchList },
      schema: {
        tags,
        summary:
          'Visit rounds with their face-to-face rate (a worker: only rounds and targets of its own entries)',
        response: { 200: pageOf(Round) },
      },
    },
    (req) => listRounds(deps, ctxOf(req)),
  );
  app.post(
    '/api/antifraud/rounds',
    {
      config: { permission: 'antifraud.manage' },
      schema: { tags, summary: 'Open a round of visits', body: RoundBody, response: { 200: Round } },
    },
    (req) => createRound(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/antifraud/rounds/:id',
    {
      config: { permission: watchList },
      schema: {
        tags,
        summary: 'One round: who was seen face to face',
        params: IdParams,
        response: { 200: RoundDetail },
      },
    },
    (req) => getRound(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/antifraud/figures',
    {
      config: { permission: 'antifraud.manage' },
      schema: {
        tags,
        summary: 'Entries per tier/source/reason, visits per channel, rounds, overdue reviews',
        response: { 200: Figures },
      },
    },
    (req) => figures(deps, ctxOf(req)),
  );

  // lessons
  app.get(
    '/api/antifraud/lessons',
    {
      config: { permission: listeners },
      schema: { tags, summary: 'Anti-fraud audio lessons (反诈语音课)', response: { 200: pageOf(Lesson) } },
    },
    (req) => lessons.listLessons(deps, ctxOf(req)),
  );
  app.post(
    '/api/antifraud/lessons',
    {
      config: { permission: 'antifraud.manage' },
      schema: { tags, summary: 'Write a lesson', body: LessonBody, response: { 200: Lesson } },
    },
    (req) => lessons.createLesson(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/antifraud/lessons/recorder',
    {
      config: { permission: 'antifraud.manage' },
      schema: {
        tags,
        summary: 'Whether the server can read lessons into recordings (espeak-ng installed)',
        response: { 200: z.object({ available: z.boolean(), program: z.string() }) },
      },
    },
    (req) => recorderStatus(ctxOf(req)),
  );
  app.post(
    '/api/antifraud/lessons/:id/recording',
    {
      config: { permission: 'antifraud.manage' },
      schema: {
        tags,
        summary: '生成录音: read the script into a recording on the server (espeak-ng, Mandarin)',
        params: IdParams,
        response: { 200: Lesson },
      },
    },
    (req) => generateRecording(deps, ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/antifraud/lessons/:id',
    {
      config: { permission: 'antifraud.manage' },
      schema: {
        tags,
        summary: 'Edit, publish or withdraw a lesson',
        params: IdParams,
        body: LessonPatch,
        response: { 200: Lesson },
      },
    },
    (req) => lessons.updateLesson(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/antifraud/lessons/:id/audio',
    {
      config: { permission: 'antifraud.manage' },
      schema: {
        tags,
        summary: 'Upload the recording (multipart field "file"; MP3, Ogg or WAV by content, at most 10 MB)',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: Lesson },
      },
    },
    async (req) => {
      const file = await req.file({ limits: { fileSize: lessons.AUDIO_MAX_BYTES, files: 1 } });
      if (!file)
        throw new AppError('bad_request', undefined, {
          zh: '请选择要上传的音频',
          en: 'Choose an audio file to upload',
        });
      let data: Buffer;
      try {
        data = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError(
            'payload_too_large',
            { maxBytes: lessons.AUDIO_MAX_BYTES },
            { zh: '音频不能超过 10 MB', en: 'The audio may be at most 10 MB' },
          );
        throw error;
      }
      return lessons.uploadAudio(deps, ctxOf(req), req.params.id, { name: file.filename, data });
    },
  );
  app.get(
    '/api/antifraud/lessons/:id/audio',
    {
      config: { permission: listeners },
      schema: { tags, summary: 'Play a lesson’s recording', params: IdParams },
    },
    async (req, reply) => {
      const file = await lessons.readAudio(deps, ctxOf(req), req.params.id);
      return reply
        .header('content-type', file.meta.mime)
        .header('cache-control', 'private, max-age=3600')
        .send(file.data);
    },
  );
  app.post(
    '/api/antifraud/lessons/:id/play',
    {
      config: { permission: listeners },
      schema: {
        tags,
        summary: 'Count one play (anonymous)',
        params: IdParams,
        response: { 200: PlayResult },
      },
    },
    (req) => lessons.countPlay(deps, ctxOf(req), req.params.id),
  );
}
