import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import helmet from 'helmet';
import type pg from 'pg';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { registerAuthHooks, registerErrorHandler } from './platform/http.js';
import type { SmsGateway } from './platform/sms.js';
import type { Storage } from './platform/storage.js';

z.config(z.locales.zhCN());

export interface AppDeps {
  config: Config;
  db: Db;
  pool: pg.Pool;
  storage: Storage;
  sms: SmsGateway;
  logger: Logger;
  /** the clock; tests pass a fixed one to act inside or outside windows */
  now: () => Date;
}

export type App = FastifyInstance;

/**
 * helmet's headers, computed once: @fastify/helmet ran helmet (and re-serialised the CSP) on
 * every response, which showed at the top of the answer save's own cost (issue 9).
 */
const SECURITY_HEADERS: Record<string, string> = (() => {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (k: string, v: string | number) => {
      headers[k.toLowerCase()] = String(v);
    },
    removeHeader: (k: string) => {
      delete headers[k.toLowerCase()];
    },
    getHeader: (k: string) => headers[k.toLowerCase()],
  };
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'"],
      },
    },
  })({} as never, res as never, () => undefined);
  return headers;
})();
const ZHealth = z.object({ status: z.string(), database: z.string(), time: z.string() });

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    /** waits (at most maxMs) until no request is being answered; resolves with how many still are */
    drain(maxMs: number): Promise<number>;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const MODULES_DIR = path.join(here, 'modules');
export const WEB_DIST = path.resolve(here, '../../dist/web');

/**
 * Feature modules are discovered: every `modules/<feature>/<feature>.routes.ts` exports a
 * default Fastify plugin. Adding a feature never edits this file.
 */
async function loadModules(): Promise<{ name: string; plugin: (app: FastifyInstance) => Promise<void> }[]> {
  const out: { name: string; plugin: (app: FastifyInstance) => Promise<void> }[] = [];
  for (const dir of fs.readdirSync(MODULES_DIR).sort()) {
    for (const ext of ['.ts', '.js']) {
      const file = path.join(MODULES_DIR, dir, `${dir}.routes${ext}`);
      if (fs.existsSync(file)) {
        const mod = await import(pathToFileURL(file).href);
        out.push({ name: dir, plugin: mod.default });
        break;
      }
    }
  }
  return out;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as unknown as FastifyBaseLogger,
    genReqId: (req) => (req.headers['x-request-id'] as string) || randomUUID(),
    // off unless TRUST_PROXY names the proxies: rate limits key on the real client address
    trustProxy: deps.config.trustProxy as boolean | string[], // a hop count is also accepted at run time
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
  }).withTypeProvider<ZodTypeProvider>() as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);

  // Every reply gets the security headers (CSP, HSTS, nosniff …, computed once at start). Every
  // request is counted until its handler has answered (onSend), so a stopping process can let
  // the ones being answered finish before its pool closes (`drain`). A client that goes away does
  // not end the count: its handler still runs (an argon2id verify, then a query) and answers into
  // the closed socket; counting to the socket's close let such handlers meet an ended pool. A
  // response closed after it was sent also ends the count (for a reply that never reaches onSend).
  const securityHeaders = SECURITY_HEADERS;
  const inFlight = new Set<FastifyRequest>();
  app.addHook('onRequest', (req, reply, done) => {
    inFlight.add(req);
    reply.raw.once('close', () => {
      if (reply.sent) inFlight.delete(req);
    });
    reply.headers(securityHeaders);
    done();
  });
  app.addHook('onSend', (req, _reply, payload, done) => {
    inFlight.delete(req);
    done(null, payload);
  });
  app.decorate('drain', async (maxMs: number) => {
    const end = Date.now() + maxMs;
    while (inFlight.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    return inFlight.size;
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: deps.config.UPLOAD_MAX_BYTES, files: 10, fields: 50 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '定考 — 医师定期考核信息登记管理系统 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dk_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  registerErrorHandler(app);
  registerAuthHooks(app, deps);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/health',
    { schema: { tags: ['platform'], response: { 200: ZHealth, 503: ZHealth } } },
    async (_req, reply) => {
      try {
        await deps.pool.query('SELECT 1');
        return { status: 'ok', database: 'up', time: deps.now().toISOString() };
      } catch {
        return reply.status(503).send({ status: 'degraded', database: 'down', time: deps.now().toISOString() });
      }
    },
  );

  for (const m of await loadModules()) {
    await app.register(m.plugin);
  }

  // The SPA is served by the same process; unknown non-API paths get index.html.
  // index.html is re-read when it changes, so a rebuilt UI is served without a restart.
  const webDist = deps.config.WEB_DIST ? path.resolve(deps.config.WEB_DIST) : WEB_DIST;
  const indexPath = path.join(webDist, 'index.html');
  let index: { mtimeMs: number; html: Buffer } | null = null;
  const readIndex = (): Buffer | null => {
    const st = fs.statSync(indexPath, { throwIfNoEntry: false });
    if (!st) return null;
    if (!index || index.mtimeMs !== st.mtimeMs) index = { mtimeMs: st.mtimeMs, html: fs.readFileSync(indexPath) };
    return index.html;
  };
  // Built files: precompressed twins (.br/.gz, written by the build) are sent to browsers that
  // accept them; content-hashed /assets/* are cached for a year, the rest (sw.js …) revalidated.
  if (fs.existsSync(webDist))
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: true,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        res.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  app.get('/', { schema: { hide: true } }, (_req, reply) => {
    const html = readIndex();
    return html
      ? reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html)
      : reply.status(404).send({ code: 'NOT_FOUND', message: '页面不存在' });
  });
  app.setNotFoundHandler((req, reply) => {
    const html = req.url.startsWith('/api/') ? null : readIndex();
    if (!html) return reply.status(404).send({ code: 'NOT_FOUND', message: '接口不存在' });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
  return app;
}
