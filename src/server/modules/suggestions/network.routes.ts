/** Suggestion routes for the collection network: points, mailboxes, visits, topic calls, handling units, settings. */
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  CollectionPoint,
  CollectMailboxBody,
  CreateMailboxBody,
  CreatePointBody,
  CreateTopicBody,
  CreateVisitBody,
  Mailbox,
  MailboxCollection,
  SuggestionSettings,
  Topic,
  TopicClusters,
  TopicQuery,
  UpdatePointBody,
  HandlingUnit,
  HandlingUnitBody,
  UpdateHandlingUnitBody,
  UpdateTopicBody,
  Visit,
} from '../../../contract/suggestions.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import * as network from './network.service.ts';
import * as settings from './settings.service.ts';
import { topicClusters } from './suggestions.topics.ts';
import * as topicCalls from './topic-calls.service.ts';
import * as units from './units.service.ts';

const tags = ['suggestions'];
const handlers = 'suggestion.handle' as const;
const managers = 'suggestion.manage' as const;
const readers = 'suggestion.read' as const;

export function suggestionNetworkRoutes(app: App, deps: Deps): void {
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
}
