import { z } from 'zod';
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  ConfirmBody,
  MoveRequest,
  MoveRequestBody,
  MoveStatuses,
  ScheduleBody,
  Volunteer,
  VolunteerBody,
  VolunteerUpdateBody,
} from '../../../contract/relocation.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import * as movers from './movers.service.ts';
import { household, HouseholdQuery, tags } from './relocation.routes.common.ts';

/** Movers (红色搬家先锋队): volunteers and moving requests. */
export function moversRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/relocation/volunteers',
    {
      config: { permission: 'relocation.read' },
      schema: { tags, summary: 'Volunteer movers', response: { 200: pageOf(Volunteer) } },
    },
    (req) => movers.listVolunteers(deps, ctxOf(req)),
  );
  app.post(
    '/api/relocation/volunteers',
    {
      config: { permission: 'relocation.manage' },
      schema: { tags, summary: 'Add a volunteer mover', body: VolunteerBody, response: { 200: Volunteer } },
    },
    (req) => movers.createVolunteer(deps, ctxOf(req), req.body),
  );
  app.put(
    '/api/relocation/volunteers/:id',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Edit a volunteer mover (active: false takes them off scheduling)',
        params: IdParams,
        body: VolunteerUpdateBody,
        response: { 200: Volunteer },
      },
    },
    (req) => movers.updateVolunteer(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/moves',
    {
      config: { permission: ['relocation.read', 'relocation.manage', 'relocation.book'] },
      schema: {
        tags,
        summary: 'Moving requests (residents: their own)',
        querystring: HouseholdQuery.extend({ status: z.enum(MoveStatuses).optional() }),
        response: { 200: pageOf(MoveRequest) },
      },
    },
    (req) => movers.listMoveRequests(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/relocation/moves',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Request movers (out or back)',
        body: MoveRequestBody,
        response: { 200: MoveRequest },
      },
    },
    (req) => movers.createMoveRequest(deps, ctxOf(req), req.body),
  );
  app.post(
    '/api/relocation/moves/:id/schedule',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Put a team on a request; a volunteer already booked that date and slot is refused (409)',
        params: IdParams,
        body: ScheduleBody,
        response: { 200: MoveRequest },
      },
    },
    (req) => movers.scheduleTeam(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/moves/:id/confirm',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'The household confirms the move was done',
        params: IdParams,
        body: ConfirmBody,
        response: { 200: MoveRequest },
      },
    },
    (req) => movers.confirmMove(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/moves/:id/cancel',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Cancel an open moving request',
        params: IdParams,
        response: { 200: MoveRequest },
      },
    },
    (req) => movers.cancelMove(deps, ctxOf(req), req.params.id),
  );
}
