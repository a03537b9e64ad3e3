import { z } from 'zod';
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  CheckInBody,
  CheckInResult,
  HouseholdOption,
  HouseholdOptionQuery,
  Meeting,
  MeetingBody,
  MeetingSummary,
  MinutesBody,
  ParticipantBody,
  ProgressBody,
  Project,
  ProjectBody,
  ProjectUpdateBody,
  PublishBody,
  PublishedProject,
  ResidentMeeting,
  ResolutionBody,
  RsvpBody,
  SignInLink,
  StaffOption,
  Topic,
  TopicBody,
  TopicDraft,
  TopicDraftQuery,
  TopicStatusBody,
  TopicStatuses,
} from '../../../contract/council.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import { checkIn, signInLink, staffSignIn } from './council.checkin.ts';
import { minutesPdf } from './council.documents.ts';
import { answerRsvp, publishMinutes, residentMeeting } from './council.rsvp.ts';
import { topicDraft } from './council.sources.ts';
import { createMeeting, getMeeting, listMeetings } from './council.meetings.ts';
import { addResolution, saveMinutes } from './council.minutes.ts';
import { addParticipant, findHouseholds, removeParticipant, staffOptions } from './council.participants.ts';
import {
  createProject,
  listProjects,
  publishedProjects,
  publishProject,
  updateProgress,
  updateProject,
} from './council.projects.ts';
import { createTopic, listTopics, setTopicStatus } from './council.topics.ts';

const tags = ['council'];
const MeetingParticipant = z.object({
  id: z.coerce.number().int().positive(),
  participantId: z.coerce.number().int().positive(),
});

export function councilRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/council/topics',
    {
      config: { permission: 'council.read' },
      schema: {
        tags,
        summary: 'Hard problems for the council hall (红色议事厅议题)',
        querystring: z.object({ status: z.enum(TopicStatuses).optional() }),
        response: { 200: pageOf(Topic) },
      },
    },
    (req) => listTopics(deps, ctxOf(req), req.query.status),
  );
  app.post(
    '/api/council/topics',
    {
      config: { permission: 'council.manage' },
      schema: { tags, summary: 'Raise a topic', body: TopicBody, response: { 200: Topic } },
    },
    (req) => createTopic(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/council/topic-draft',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: '提交议事: a topic prefilled from a visit, concern or suggestion of this street',
        querystring: TopicDraftQuery,
        response: { 200: TopicDraft },
      },
    },
    (req) => topicDraft(deps, ctxOf(req), req.query.source, req.query.ref),
  );
  app.post(
    '/api/council/topics/:id/status',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'Change a topic’s status',
        params: IdParams,
        body: TopicStatusBody,
        response: { 200: Topic },
      },
    },
    (req) => setTopicStatus(deps, ctxOf(req), req.params.id, req.body.status),
  );
  app.get(
    '/api/council/meetings',
    {
      config: { permission: 'council.read' },
      schema: { tags, summary: 'Meetings', response: { 200: pageOf(MeetingSummary) } },
    },
    (req) => listMeetings(deps, ctxOf(req)),
  );
  app.post(
    '/api/council/meetings',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'Call a meeting with its agenda and invitations',
        body: MeetingBody,
        response: { 200: Meeting },
      },
    },
    (req) => createMeeting(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/council/meetings/:id',
    {
      config: { permission: 'council.read' },
      schema: { tags, summary: 'One meeting', params: IdParams, response: { 200: Meeting } },
    },
    (req) => getMeeting(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/council/meetings/:id/participants',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'Invite a participant',
        params: IdParams,
        body: ParticipantBody,
        response: { 200: Meeting },
      },
    },
    (req) => addParticipant(deps, ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/council/meetings/:id/participants/:participantId',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'Take back an invitation (not for someone signed in)',
        params: MeetingParticipant,
        response: { 200: Meeting },
      },
    },
    (req) => removeParticipant(deps, ctxOf(req), req.params.id, req.params.participantId),
  );
  app.get(
    '/api/council/households',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'Households to invite or link: q matches names and 21号101; ids=1,2 resolves labels',
        querystring: HouseholdOptionQuery,
        response: { 200: z.array(HouseholdOption) },
      },
    },
    (req) => findHouseholds(deps, ctxOf(req), req.query),
  );
  app.get(
    '/api/council/staff',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'Street staff one may invite as cadres',
        response: { 200: z.array(StaffOption) },
      },
    },
    (req) => staffOptions(deps, ctxOf(req)),
  );
  app.post(
    '/api/council/meetings/:id/participants/:participantId/sign-in',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'Staff sign a participant in',
        params: MeetingParticipant,
        response: { 200: Meeting },
      },
    },
    (req) => staffSignIn(deps, ctxOf(req), req.params.id, req.params.participantId),
  );
  app.get(
    '/api/council/meetings/:id/sign-in-link',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary:
          'The sign-in URL with this minute’s token (GONGZHI_PUBLIC_URL or this request’s origin) and its QR code',
        params: IdParams,
        response: { 200: SignInLink },
      },
    },
    (req) => signInLink(deps, ctxOf(req), req.params.id, `${req.protocol}://${req.host}`),
  );
  app.post(
    '/api/council/meetings/:id/check-in',
    {
      config: { permission: 'council.participate' },
      schema: {
        tags,
        summary: 'Sign oneself in by the QR code’s token',
        params: IdParams,
        body: CheckInBody,
        response: { 200: CheckInResult },
      },
    },
    (req) => checkIn(deps, ctxOf(req), req.params.id, req.body.token),
  );
  app.post(
    '/api/council/meetings/:id/minutes',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'Save the minutes',
        params: IdParams,
        body: MinutesBody,
        response: { 200: Meeting },
      },
    },
    (req) => saveMinutes(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/council/meetings/:id/minutes/publish',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'Publish the minutes and resolutions to those invited (tells them in the app)',
        params: IdParams,
        response: { 200: Meeting },
      },
    },
    (req) => publishMinutes(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/council/meetings/:id/invitation',
    {
      config: { permission: 'council.participate' },
      schema: {
        tags,
        summary: 'The meeting as an invited resident sees it: agenda, their answer, published minutes',
        params: IdParams,
        response: { 200: ResidentMeeting },
      },
    },
    (req) => residentMeeting(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/council/meetings/:id/rsvp',
    {
      config: { permission: 'council.participate' },
      schema: {
        tags,
        summary: '参加 / 不参加 / 待定 for one’s (household’s) invitation, until the meeting starts',
        params: IdParams,
        body: RsvpBody,
        response: { 200: ResidentMeeting },
      },
    },
    (req) => answerRsvp(deps, ctxOf(req), req.params.id, req.body.answer),
  );
  app.post(
    '/api/council/meetings/:id/resolutions',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'A resolution with vote counts or individual votes',
        params: IdParams,
        body: ResolutionBody,
        response: { 200: Meeting },
      },
    },
    (req) => addResolution(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/council/meetings/:id/minutes.pdf',
    {
      config: { permission: 'council.read' },
      schema: { tags, summary: 'Printable minutes (PDF)', params: IdParams },
    },
    async (req, reply) =>
      sendDownload(
        reply,
        `会议纪要-${req.params.id}.pdf`,
        'application/pdf',
        await minutesPdf(deps, ctxOf(req), req.params.id),
      ),
  );
  app.get(
    '/api/council/projects',
    {
      config: { permission: 'council.read' },
      schema: { tags, summary: 'Self-governance projects (自治项目)', response: { 200: pageOf(Project) } },
    },
    (req) => listProjects(deps, ctxOf(req)),
  );
  app.post(
    '/api/council/projects',
    {
      config: { permission: 'council.manage' },
      schema: { tags, summary: 'Start a project from topics', body: ProjectBody, response: { 200: Project } },
    },
    (req) => createProject(deps, ctxOf(req), req.body),
  );
  app.put(
    '/api/council/projects/:id',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'Edit a project: people, links, milestones, progress',
        params: IdParams,
        body: ProjectUpdateBody,
        response: { 200: Project },
      },
    },
    (req) => updateProject(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/council/projects/:id/progress',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'Progress and milestones done',
        params: IdParams,
        body: ProgressBody,
        response: { 200: Project },
      },
    },
    (req) => updateProgress(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/council/projects/:id/publish',
    {
      config: { permission: 'council.manage' },
      schema: {
        tags,
        summary: 'Publish the results',
        params: IdParams,
        body: PublishBody,
        response: { 200: Project },
      },
    },
    (req) => publishProject(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/council/results',
    {
      config: { permission: 'council.participate' },
      schema: {
        tags,
        summary: 'Published project results residents can read',
        response: { 200: pageOf(PublishedProject) },
      },
    },
    (req) => publishedProjects(deps, ctxOf(req)),
  );
}
