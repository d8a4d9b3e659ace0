import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZVerifyResult } from '../../../shared/schemas/notice.js';
import { actorOf } from '../../platform/http.js';
import { PDF_TYPE, setDownloadHeaders } from '../../platform/downloads.js';
import * as svc from './notice.service.js';

const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export default async function noticeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.get(
    '/api/notices/mine.pdf',
    { schema: { tags: ['考核结果'], summary: '医师：打印考核结果通知书（PDF）' } },
    async (req, reply) => {
      const { pdf, fileName } = await svc.renderMyNotice(deps, actorOf(req, 'physician'), baseUrl(req));
      return setDownloadHeaders(reply, fileName, PDF_TYPE, { cacheControl: 'no-store' }).send(pdf);
    },
  );

  app.get(
    '/api/notices/:enrolmentId.pdf',
    {
      schema: {
        tags: ['考核结果'],
        summary: '证书打印 / 打印证书（卫生行政机构、卫生机构、考核机构）',
        params: z.object({ enrolmentId: z.coerce.number().int().positive() }),
      },
    },
    async (req, reply) => {
      const { pdf, fileName } = await svc.renderNoticePdf(
        deps,
        actorOf(req, 'admin', 'institution', 'body'),
        req.params.enrolmentId,
        baseUrl(req),
      );
      return setDownloadHeaders(reply, fileName, PDF_TYPE, { cacheControl: 'no-store' }).send(pdf);
    },
  );

  app.get(
    '/api/verify/:code',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['证书查验'],
        summary: '公众：查验考核结果通知书真伪',
        params: z.object({ code: z.string().max(64) }),
        response: { 200: ZVerifyResult },
      },
    },
    async (req) => svc.verifyNotice(deps, req.params.code),
  );
}
