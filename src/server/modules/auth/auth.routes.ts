import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiToken,
  ChangePasswordBody,
  CreatedToken,
  CreateTokenBody,
  LoginAnswer,
  LoginBody,
  Me,
  MfaConfirmBody,
  MfaLoginBody,
  MfaResetBody,
  MfaSetup,
  MfaStatus,
  RecoveryCodes,
  SwitchTenantBody,
} from '../../../contract/auth.ts';
import { IdParams, Ok, pageOf } from '../../../contract/common.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../platform/auth-hook.ts';
import * as auth from './auth.service.ts';
import * as credentials from './credentials.service.ts';
import * as mfa from './mfa.service.ts';

function setSessionCookies(reply: FastifyReply, deps: Deps, sessionToken: string, csrfToken: string): void {
  const common = {
    path: '/',
    sameSite: 'lax' as const,
    secure: deps.config.secureCookies,
    maxAge: deps.config.sessionHours * 3600,
  };
  reply.setCookie(SESSION_COOKIE, sessionToken, { ...common, httpOnly: true });
  // Readable by the page so it can echo it in the header (double submit, bound to the session).
  reply.setCookie(CSRF_COOKIE, csrfToken, { ...common, httpOnly: false });
}

function sessionToken(request: FastifyRequest): string {
  const sid = request.cookies[SESSION_COOKIE];
  if (!sid)
    throw new AppError('bad_request', undefined, {
      zh: '此操作需要浏览器登录会话',
      en: 'This needs a browser session',
    });
  return sid;
}

export function authRoutes(app: App, deps: Deps): void {
  const tags = ['auth'];

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Sign in with username and password (then a code, when the account has a second factor)',
        body: LoginBody,
        response: { 200: LoginAnswer },
      },
    },
    async (request, reply) => {
      const result = await auth.login(deps, { ...request.body, ...clientOf(request) });
      if ('challenge' in result) return { mfaRequired: true as const, challenge: result.challenge };
      setSessionCookies(reply, deps, result.sessionToken, result.csrfToken);
      return auth.describeMe(deps, result.actor, result.csrfToken);
    },
  );

  app.post(
    '/api/auth/login/mfa',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Second sign-in step: an authenticator code or a recovery code (used up)',
        body: MfaLoginBody,
        response: { 200: Me },
      },
    },
    async (request, reply) => {
      const result = await auth.loginWithCode(deps, { ...request.body, ...clientOf(request) });
      setSessionCookies(reply, deps, result.sessionToken, result.csrfToken);
      return auth.describeMe(deps, result.actor, result.csrfToken);
    },
  );

  mfaRoutes(app, deps);

  app.post(
    '/api/auth/logout',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Sign out of this session', response: { 200: Ok } },
    },
    async (request, reply) => {
      const sid = request.cookies[SESSION_COOKIE];
      if (sid) await auth.logout(deps, ctxOf(request), sid);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'The signed-in user', response: { 200: Me } },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const csrf = ctx.actor.via === 'session' ? (request.cookies[CSRF_COOKIE] ?? null) : null;
      return auth.describeMe(deps, ctx.actor, csrf);
    },
  );

  app.post(
    '/api/auth/tenant',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Switch the street this session acts in',
        body: SwitchTenantBody,
        response: { 200: Me },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await auth.switchTenant(deps, ctx, sessionToken(request), request.body.tenantId);
      return auth.describeMe(
        deps,
        { ...ctx.actor, tenantId: request.body.tenantId },
        request.cookies[CSRF_COOKIE] ?? null,
      );
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Change my password (the policy applies; my other sessions end)',
        body: ChangePasswordBody,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await credentials.changePassword(
        deps,
        ctxOf(request),
        request.cookies[SESSION_COOKIE] ?? null,
        request.body,
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/tokens',
    {
      config: { permission: 'token.manage' },
      schema: { tags, summary: 'My API tokens', response: { 200: pageOf(ApiToken) } },
    },
    async (request) => credentials.listApiTokens(deps, ctxOf(request)),
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { permission: 'token.manage' },
      schema: {
        tags,
        summary: 'Create an API token (shown once); it carries my permissions',
        body: CreateTokenBody,
        response: { 200: CreatedToken },
      },
    },
    async (request) => credentials.createApiToken(deps, ctxOf(request), request.body.name),
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      config: { permission: 'token.manage' },
      schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 200: Ok } },
    },
    async (request) => {
      await credentials.revokeApiToken(deps, ctxOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}

function clientOf(request: FastifyRequest) {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
}

function mfaRoutes(app: App, deps: Deps): void {
  const tags = ['auth'];
  app.get(
    '/api/auth/mfa',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'My second factor: set up, required, recovery codes left',
        response: { 200: MfaStatus },
      },
    },
    async (request) => mfa.mfaStatus(deps, ctxOf(request)),
  );
  app.post(
    '/api/auth/mfa/setup',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Begin setting up an authenticator (a new secret, as QR code and text)',
        response: { 200: MfaSetup },
      },
    },
    async (request) => mfa.beginEnrolment(deps, ctxOf(request)),
  );
  app.post(
    '/api/auth/mfa/confirm',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Finish the setup with a code from the authenticator; gives the recovery codes (shown once)',
        body: MfaConfirmBody,
        response: { 200: RecoveryCodes },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return mfa.confirmEnrolment(deps, ctx, request.body.code, auth.codeGuard(deps, ctx));
    },
  );
  app.post(
    '/api/auth/mfa/reset',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Remove my second factor (password required; my other sessions end)',
        body: MfaResetBody,
        response: { 200: Ok },
      },
    },
    async (request) => {
      const sid = request.cookies[SESSION_COOKIE] ?? null;
      await mfa.resetOwn(deps, ctxOf(request), request.body.password, sid);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/users/:id/mfa-reset',
    {
      config: { permission: ['user.manage', 'system.manage'] },
      schema: {
        tags: ['admin'],
        summary: "Reset a user's second factor (they set it up again at their next sign-in)",
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await mfa.resetUser(deps, ctxOf(request), request.params.id, 'admin');
      return { ok: true as const };
    },
  );
}
