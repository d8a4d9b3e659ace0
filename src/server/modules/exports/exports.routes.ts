import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZExportJob, ZExportJobList, ZExportRequest } from '../../../shared/schemas/exports.js';
import { actorOf } from '../../platform/http.js';
import { downloadExport } from './download-export.js';
import * as repo from './exports.repo.js';
import { requestExport } from './request-export.js';

const tags = ['导出'];
const ROLES = ['admin', 'institution', 'body'] as const;
const ZId = z.object({ id: z.string().max(64) });
const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export default async function exportsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.post(
    '/api/exports',
    { schema: { tags, summary: '【申请导出】（生成导出任务）', body: ZExportRequest, response: { 200: ZExportJob } } },
    async (req) => requestExport(deps, actorOf(req, ...ROLES), req.body, { baseUrl: baseUrl(req), requestId: req.id }),
  );

  app.get('/api/exports', { schema: { tags, summary: '我的导出', response: { 200: ZExportJobList } } }, async (req) => {
    const rows = await repo.listOwnJobs(deps.db, actorOf(req, ...ROLES));
    return { items: rows.map((j) => repo.presentJob(j, deps.now())) };
  });

  app.get(
    '/api/exports/:id',
    { schema: { tags, summary: '导出任务进度', params: ZId, response: { 200: ZExportJob } } },
    async (req) => repo.presentJob(await repo.findOwnJob(deps.db, actorOf(req, ...ROLES), req.params.id), deps.now()),
  );

  app.get(
    '/api/exports/:id/download',
    { schema: { tags, summary: '【下载】导出文件（仅申请人，过期前）', params: ZId } },
    async (req, reply) => {
      const f = await downloadExport(deps, actorOf(req, ...ROLES), req.params.id, req.id);
      if (f.size !== null) reply.header('content-length', f.size);
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('cache-control', 'no-store')
        .send(f.body);
    },
  );
}
