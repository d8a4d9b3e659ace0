import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Actor, Role } from './actor.js';
import { AppError, forbidden, unauthorized } from './errors.js';
import { resolveSession, SESSION_COOKIE, type ResolvedSession } from './sessions.js';
import type { AppDeps } from '../app.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Paths a user who must still change their password (or bind a mobile) may use. */
const ONBOARDING_PATHS = ['/api/auth/', '/api/health', '/api/openapi.json'];

/** Resolve the session cookie, enforce CSRF on state-changing requests, and gate onboarding. */
export function registerAuthHooks(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    req.session = token ? await resolveSession(deps.db, token) : null;
    if (req.session) {
      // bind the actor onto the request's own child logger (no second child per request on the hot path)
      (req.log as unknown as { setBindings(b: object): void }).setBindings({
        actor: req.session.actor.accountId,
        role: req.session.actor.role,
      });
      if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.session.csrfToken) {
        throw new AppError('CSRF', '页面已过期，请刷新页面后重试', 403);
      }
      const s = req.session;
      const onboarding = s.mustChangePassword || (s.actor.role === 'physician' && !s.mobileBound);
      if (onboarding && !ONBOARDING_PATHS.some((p) => req.url.startsWith(p))) {
        throw new AppError('ONBOARDING_REQUIRED', '首次登录须先修改密码（医师还须绑定手机号）', 403);
      }
    }
  });
}

/** Coarse check at the route: logged in, in one of these roles. Fine checks live in services. */
export function actorOf(req: FastifyRequest, ...roles: Role[]): Actor {
  const s = req.session;
  if (!s) throw unauthorized();
  if (roles.length && !roles.includes(s.actor.role)) throw forbidden();
  return s.actor;
}

/** One error handler: AppErrors keep their Chinese message; validation errors are summarised; 5xx details are logged only. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return reply.status(err.httpStatus).send({ code: err.code, message: err.message, details: err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const field = first?.instancePath?.replace(/^\//, '').replaceAll('/', '.') || '';
      return reply.status(400).send({
        code: 'VALIDATION',
        message: `提交的数据有误${field ? `（${field}）` : ''}：${first?.message ?? '格式不正确'}`,
        details: err.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      });
    }
    if (err instanceof ZodError) {
      return reply.status(400).send({ code: 'VALIDATION', message: `提交的数据有误：${err.issues[0]?.message}` });
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode === 429)
      return reply.status(429).send({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') return reply.status(413).send({ code: 'TOO_LARGE', message: '文件过大' });
    if (e.statusCode && e.statusCode < 500) {
      return reply.status(e.statusCode).send({ code: e.code ?? 'BAD_REQUEST', message: '请求格式不正确' });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
  });
}
