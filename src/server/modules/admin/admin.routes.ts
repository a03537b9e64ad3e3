import {
  AuditEntry,
  AuditQuery,
  AuditVerifyResult,
  CreateTenantBody,
  CreateUserBody,
  Tenant,
  UpdateUserBody,
  User,
  UserQuery,
} from '../../../contract/admin.ts';
import { IdParams, pageOf } from '../../../contract/common.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { listAudit, verifyStreetAudit } from './audit.service.ts';
import { createTenant, listTenants } from './tenants.service.ts';
import { createUser, listUsers, updateUser } from './users.service.ts';

const userManagers = ['user.manage', 'system.manage'] as const;

export function adminRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/users',
    {
      config: { permission: userManagers },
      schema: {
        tags: ['admin'],
        summary: 'Users I manage',
        querystring: UserQuery,
        response: { 200: pageOf(User) },
      },
    },
    (request) => listUsers(deps, ctxOf(request), request.query),
  );
  app.post(
    '/api/users',
    {
      config: { permission: userManagers },
      schema: { tags: ['admin'], summary: 'Create a user', body: CreateUserBody, response: { 200: User } },
    },
    (request) => createUser(deps, ctxOf(request), request.body),
  );
  app.patch(
    '/api/users/:id',
    {
      config: { permission: userManagers },
      schema: {
        tags: ['admin'],
        summary: 'Change name, role, password or disable a user',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User },
      },
    },
    (request) => updateUser(deps, ctxOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/tenants',
    {
      config: { permission: 'system.manage' },
      schema: { tags: ['admin'], summary: 'Streets (tenants)', response: { 200: pageOf(Tenant) } },
    },
    () => listTenants(deps),
  );
  app.post(
    '/api/tenants',
    {
      config: { permission: 'system.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Create a street',
        body: CreateTenantBody,
        response: { 200: Tenant },
      },
    },
    (request) => createTenant(deps, ctxOf(request), request.body),
  );
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['admin'],
        summary: "The street's audit trail",
        querystring: AuditQuery,
        response: { 200: pageOf(AuditEntry) },
      },
    },
    (request) => listAudit(deps, ctxOf(request), request.query),
  );
  app.post(
    '/api/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['admin'],
        summary: "Recompute the street's audit hash chain",
        response: { 200: AuditVerifyResult },
      },
    },
    (request) => verifyStreetAudit(deps, ctxOf(request)),
  );
}
