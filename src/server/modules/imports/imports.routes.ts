import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IMPORT_MAX_BYTES, ZImportKind, ZImportResult } from '../../../shared/schemas/physician.js';
import { actorOf } from '../../platform/http.js';
import { setDownloadHeaders, XLSX_TYPE } from '../../platform/downloads.js';
import { badRequest } from '../../platform/errors.js';
import * as svc from './imports.service.js';

const tags = ['医师管理'];

/** The uploaded file (field `file`), at most IMPORT_MAX_BYTES. */
async function upload(req: FastifyRequest): Promise<{ buf: Buffer; name: string }> {
  let file: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    file = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } });
  } catch {
    throw badRequest('请选择要导入的文件');
  }
  if (!file) throw badRequest('请选择要导入的文件');
  try {
    return { buf: await file.toBuffer(), name: file.filename ?? '' };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw badRequest(`文件大小不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
    throw e;
  }
}

export default async function importRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.post(
    '/api/imports/physicians',
    {
      schema: {
        tags,
        summary: '医师导入（.xlsx / UTF-8 .csv；任一行有误则全部不导入）',
        consumes: ['multipart/form-data'],
        response: { 200: ZImportResult },
      },
    },
    async (req) => {
      const actor = actorOf(req, 'admin', 'institution');
      const f = await upload(req);
      return svc.importPhysicians(deps, actor, f.buf, f.name, req.id);
    },
  );

  app.post(
    '/api/imports/institutions',
    {
      schema: {
        tags,
        summary: '机构导入（.xlsx / UTF-8 .csv；任一行有误则全部不导入）',
        consumes: ['multipart/form-data'],
        response: { 200: ZImportResult },
      },
    },
    async (req) => {
      const actor = actorOf(req, 'admin');
      const f = await upload(req);
      return svc.importInstitutions(deps, actor, f.buf, f.name, req.id);
    },
  );

  app.get(
    '/api/imports/templates/:kind',
    { schema: { tags, summary: '下载导入模板', params: ZImportKind } },
    async (req, reply) => {
      actorOf(req, 'admin', 'institution');
      const buf = await svc.template(req.params.kind);
      const name = req.params.kind === 'physicians' ? '医师导入模板.xlsx' : '机构导入模板.xlsx';
      return setDownloadHeaders(reply, name, XLSX_TYPE).send(buf);
    },
  );

  app.get(
    '/api/imports/reports/:id',
    { schema: { tags, summary: '下载导入错误报告', params: z.object({ id: z.string().max(40) }) } },
    async (req, reply) => {
      const buf = await svc.readReport(deps, actorOf(req, 'admin', 'institution'), req.params.id);
      return setDownloadHeaders(reply, '导入错误报告.xlsx', XLSX_TYPE).send(buf);
    },
  );
}
