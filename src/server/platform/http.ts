import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Actor, Role } from './actor.js';
import { AppError, forbidden, unauthorized } from './errors.js';
import { resolveSession, SESSION_COOKIE, type ResolvedSession } from './sessions.js';
import type { AppDeps } from '../app.js';
import { cleanFileName } from './uploads.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
    /** The cookie of a SESSION_IN_STATEMENT route, not yet resolved (see settleSession). */
    pendingSessionToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The ONE list of API routes an anonymous caller may reach (method + route pattern as
 * registered). Every other `/api/*` route answers 401 before its body or query is parsed or
 * validated (`tests/security.auth.test.ts` walks the OpenAPI document to prove it).
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/auth/captcha',
  'POST /api/auth/login',
  'POST /api/auth/physician-login',
  'POST /api/auth/logout',
  'GET /api/verify/:code',
  'GET /api/help/contacts',
]);

/**
 * Routes whose handler checks the session inside its own single statement — the answer save,
 * so a save is one round trip to PostgreSQL instead of two (decision 0055). For them the
 * onRequest hook only requires the session cookie; the handler's statement checks the session,
 * its CSRF token, onboarding and ownership together, and every other outcome — and every error
 * raised before the handler, such as a validation error — first settles the session the
 * ordinary way (`settleSession`), so an anonymous or forged caller still gets 401 before
 * anything about its input.
 */
export const SESSION_IN_STATEMENT_ROUTES: ReadonlySet<string> = new Set(['PUT /api/exam/attempts/:id/answers/:index']);

export function isPublicRoute(method: string, url: string | undefined): boolean {
  if (!url) return true; // no route matched: the not-found handler answers
  return PUBLIC_ROUTES.has(`${method === 'HEAD' ? 'GET' : method} ${url}`);
}

/** Paths a user who must still change their password (or bind a mobile) may use. */
const ONBOARDING_PATHS = ['/api/auth/', '/api/health', '/api/openapi.json'];

/**
 * C0 control characters and DEL. Query strings and path parameters allow none of them; JSON
 * bodies allow tab and line breaks (multi-line text such as 述职报告).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
const CONTROL_STRICT = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
const CONTROL_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const CONTROL_CHARS_MESSAGE = '提交的内容含有不可见的控制字符（如 NUL），请删除后重新输入';

/** The first string (key or value) in `v` that matches `re`, depth-first; null when clean. */
export function findControlChars(v: unknown, re: RegExp, depth = 0): string | null {
  if (typeof v === 'string') return re.test(v) ? v : null;
  if (!v || typeof v !== 'object' || depth > 32) return null;
  if (Buffer.isBuffer(v)) return null;
  for (const [k, x] of Object.entries(v)) {
    if (re.test(k)) return k;
    const hit = findControlChars(x, re, depth + 1);
    if (hit !== null) return hit;
  }
  return null;
}

/**
 * Resolve the session cookie; refuse anonymous calls to non-public routes before anything of
 * the request is parsed; enforce CSRF on state-changing requests; gate onboarding; refuse
 * control characters before validation.
 */
export function registerAuthHooks(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('session', null);
  app.decorateRequest('pendingSessionToken', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token && SESSION_IN_STATEMENT_ROUTES.has(`${req.method} ${req.routeOptions.url}`)) {
      req.pendingSessionToken = token;
      return;
    }
    req.session = token ? await resolveSession(deps.db, token) : null;
    if (!req.session) {
      if (!isPublicRoute(req.method, req.routeOptions.url)) throw unauthorized();
      return;
    }
    admit(req, req.session);
  });
  // after parsing, before the route's schema runs: text inputs never carry NUL/control characters
  app.addHook('preValidation', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    if (req.isMultipart?.()) guardMultipart(req);
    let raw = req.url;
    try {
      raw = decodeURIComponent(req.url);
    } catch {
      throw new AppError('BAD_REQUEST', '请求地址格式不正确', 400);
    }
    if (
      CONTROL_STRICT.test(raw) ||
      findControlChars(req.query, CONTROL_STRICT) !== null ||
      findControlChars(req.params, CONTROL_STRICT) !== null ||
      findControlChars(req.body, CONTROL_TEXT) !== null
    ) {
      throw new AppError('CONTROL_CHARS', CONTROL_CHARS_MESSAGE, 400);
    }
  });
}

/** CSRF and onboarding gates for a resolved session; binds the actor onto the request's logger. */
function admit(req: FastifyRequest, s: ResolvedSession): void {
  // bind the actor onto the request's own child logger (no second child per request on the hot path)
  (req.log as unknown as { setBindings(b: object): void }).setBindings({
    actor: s.actor.accountId,
    role: s.actor.role,
  });
  if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== s.csrfToken) {
    throw new AppError('CSRF', '页面已过期，请刷新页面后重试', 403);
  }
  const onboarding = s.mustChangePassword || (s.actor.role === 'physician' && !s.mobileBound);
  if (onboarding && !ONBOARDING_PATHS.some((p) => req.url.startsWith(p))) {
    throw new AppError('ONBOARDING_REQUIRED', '首次登录须先修改密码（医师还须绑定手机号）', 403);
  }
}

/**
 * Resolve a SESSION_IN_STATEMENT route's cookie the ordinary way (one query) and apply the same
 * gates as every other route: 401 without a live session, 403 for CSRF or onboarding. A no-op
 * once settled, and for every other route.
 */
export async function settleSession(req: FastifyRequest): Promise<void> {
  const token = req.pendingSessionToken;
  if (!token) return;
  req.pendingSessionToken = null;
  req.session = await resolveSession(req.server.deps.db, token);
  if (!req.session) throw unauthorized();
  admit(req, req.session);
}

type Part = { type?: string; filename?: string; value?: unknown } | undefined;

/**
 * Multipart parts are read by the routes themselves (req.file / req.files / req.parts): wrap them
 * so every file part's name arrives cleaned (no path parts, NUL or control characters) and a
 * text field with control characters is refused, whichever route reads them.
 */
function guardMultipart(req: FastifyRequest): void {
  const r = req as unknown as Record<'file' | 'files' | 'parts', (...a: unknown[]) => unknown>;
  const clean = <T extends Part>(part: T): T => {
    if (!part) return part;
    if (part.type === 'file') part.filename = cleanFileName(part.filename);
    else if (typeof part.value === 'string' && CONTROL_TEXT.test(part.value))
      throw new AppError('CONTROL_CHARS', CONTROL_CHARS_MESSAGE, 400);
    return part;
  };
  const file = r.file;
  r.file = async function (this: unknown, ...a: unknown[]) {
    return clean((await file.apply(this, a)) as Part);
  };
  for (const name of ['files', 'parts'] as const) {
    const orig = r[name];
    r[name] = async function* (this: unknown, ...a: unknown[]) {
      for await (const part of orig.apply(this, a) as AsyncIterable<Part>) yield clean(part);
    };
  }
}

/** Coarse check at the route: logged in, in one of these roles. Fine checks live in services. */
export function actorOf(req: FastifyRequest, ...roles: Role[]): Actor {
  const s = req.session;
  if (!s) throw unauthorized();
  if (roles.length && !roles.includes(s.actor.role)) throw forbidden();
  return s.actor;
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** PostgreSQL data exceptions (class 22) caused by what the caller sent: a 400, never a 500. */
const PG_INPUT_ERRORS = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05', '22025', '2201B']);

/** One error handler: AppErrors keep their Chinese message; validation errors are summarised; 5xx details are logged only. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error: unknown, req: FastifyRequest, reply: FastifyReply) => {
    let err = error;
    // authenticate before telling anything about the input (SESSION_IN_STATEMENT routes)
    if (req.pendingSessionToken) {
      try {
        await settleSession(req);
      } catch (authError) {
        err = authError;
      }
    }
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
    if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_FILES_LIMIT' || e.code === 'FST_PARTS_LIMIT') {
      const limit = req.server.deps.config.UPLOAD_MAX_BYTES;
      return reply
        .status(413)
        .send({ code: 'TOO_LARGE', message: `上传的文件过大，单个文件不能超过 ${mb(limit)}，请压缩后重新上传` });
    }
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) {
      const limit = req.server.deps.config.BODY_LIMIT_BYTES;
      return reply
        .status(413)
        .send({ code: 'TOO_LARGE', message: `提交的内容过大，超过了 ${mb(limit)} 的上限，请减少内容后重试` });
    }
    // drizzle wraps the driver's error (DrizzleQueryError.cause)
    const pgCode = e.code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (typeof pgCode === 'string' && PG_INPUT_ERRORS.has(pgCode)) {
      req.log.warn({ err }, 'input rejected by the database');
      return reply.status(400).send({ code: 'BAD_REQUEST', message: '提交的数据格式不正确，请检查后重新输入' });
    }
    if (e.statusCode && e.statusCode < 500) {
      return reply.status(e.statusCode).send({ code: e.code ?? 'BAD_REQUEST', message: '请求格式不正确' });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
  });
}
