import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParam, ZMessageList } from '../../../shared/schemas/enrolment.js';
import { actorOf } from '../../platform/http.js';
import { listMessages } from './list-messages.js';
import { markRead } from './mark-read.js';

const tags = ['站内消息'];
const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

/** 站内消息 of the signed-in account (any role). */
export default async function messagesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.get(
    '/api/messages',
    {
      schema: {
        tags,
        summary: '我的站内消息（含未读数）',
        querystring: z.object({
          cursor: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: ZMessageList },
      },
    },
    async (req) => listMessages(deps, actorOf(req), req.query.cursor, req.query.limit),
  );
  app.post(
    '/api/messages/:id/read',
    { schema: { tags, summary: '标记已读', params: ZIdParam, response: { 200: ZOk } } },
    async (req) => {
      await markRead(deps, actorOf(req), req.params.id);
      return ok;
    },
  );
  app.post(
    '/api/messages/read-all',
    { schema: { tags, summary: '全部标记已读', response: { 200: ZOk } } },
    async (req) => {
      await markRead(deps, actorOf(req), null);
      return ok;
    },
  );
}
