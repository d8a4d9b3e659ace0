import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZBindMobileInput,
  ZCaptcha,
  ZChangePasswordInput,
  ZMe,
  ZOk,
  ZOrgLoginInput,
  ZPhysicianLoginInput,
  ZSmsCodeInput,
  ZSwitchRoleInput,
} from '../../../shared/schemas/account.js';
import { actorOf } from '../../platform/http.js';
import { unauthorized } from '../../platform/errors.js';
import { SESSION_COOKIE } from '../../platform/sessions.js';
import * as svc from './account.service.js';
import { collectTodos } from '../../platform/todos.js';
import { z } from 'zod';

const tags = ['账号'];

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    maxAge: req.server.deps.config.SESSION_TTL_HOURS * 3600,
  });
}

// Per client and login name, so one attacker cannot lock the login page for everyone.
const loginLimit = {
  // after body parsing: in the default onRequest hook req.body is still undefined, so the key
  // would be the IP alone and one hospital NAT could log in only 20 times a minute in total
  hook: 'preHandler' as const,
  max: 20,
  timeWindow: '1 minute',
  keyGenerator: (req: FastifyRequest) =>
    `${req.ip}|${(req.body as { login?: string; idNumber?: string })?.login ?? (req.body as { idNumber?: string })?.idNumber ?? ''}`,
};

// Per signed-in account (the route needs a session), not per IP: a hospital's physicians bind
// their mobiles from one NAT at the same time. The service adds a 60-s cooldown per account.
const smsCodeLimit = {
  hook: 'preHandler' as const,
  max: 5,
  timeWindow: '1 minute',
  keyGenerator: (req: FastifyRequest) => `account:${req.session?.actor.accountId ?? req.ip}`,
};

export default async function accountRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.get('/api/auth/captcha', { schema: { tags, summary: '获取验证码', response: { 200: ZCaptcha } } }, async () =>
    svc.createCaptcha(deps),
  );

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: loginLimit },
      schema: { tags, summary: '机构登录', body: ZOrgLoginInput, response: { 200: ZOk } },
    },
    async (req, reply) => {
      const r = await svc.loginOrganisation(deps, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] });
      setSessionCookie(req, reply, r.token);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/physician-login',
    {
      config: { rateLimit: loginLimit },
      schema: { tags, summary: '医师登录', body: ZPhysicianLoginInput, response: { 200: ZOk } },
    },
    async (req, reply) => {
      const r = await svc.loginPhysician(deps, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] });
      setSessionCookie(req, reply, r.token);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: '退出登录', response: { 200: ZOk } } },
    async (req, reply) => {
      if (req.session) await svc.logout(deps, req.session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get('/api/auth/me', { schema: { tags, summary: '当前用户', response: { 200: ZMe } } }, async (req) => {
    if (!req.session) throw unauthorized();
    return svc.describeSession(req.session);
  });

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: '修改密码（密码初始化 / 安全设置）',
        body: ZChangePasswordInput,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await svc.changePassword(deps, actorOf(req), req.body.oldPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/sms-code',
    {
      config: { rateLimit: smsCodeLimit },
      schema: { tags, summary: '发送手机绑定验证码', body: ZSmsCodeInput, response: { 200: ZOk } },
    },
    async (req) => {
      await svc.sendBindingCode(deps, actorOf(req, 'physician'), req.body.mobile);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/bind-mobile',
    { schema: { tags, summary: '绑定手机号', body: ZBindMobileInput, response: { 200: ZOk } } },
    async (req) => {
      await svc.bindMobile(deps, actorOf(req, 'physician'), req.body.mobile, req.body.code);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/switch-role',
    { schema: { tags, summary: '角色切换', body: ZSwitchRoleInput, response: { 200: ZOk } } },
    async (req) => {
      await svc.switchRole(deps, actorOf(req, 'institution', 'body'), req.body.role);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/todos',
    {
      schema: {
        tags: ['首页'],
        summary: '待办数量',
        response: {
          200: z.object({
            items: z.array(z.object({ label: z.string(), count: z.number(), path: z.string(), action: z.string() })),
          }),
        },
      },
    },
    async (req) => ({ items: await collectTodos(deps, actorOf(req)) }),
  );
}
