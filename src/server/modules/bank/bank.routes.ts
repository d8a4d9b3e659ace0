import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZFileRef,
  ZIdParam,
  ZImportResult,
  ZMaterial,
  ZMaterialInput,
  ZMaterialList,
  ZQuestionDetail,
  ZQuestionEditInput,
  ZQuestionInput,
  ZQuestionList,
  ZQuestionListQuery,
  ZQuestionRow,
  ZQuestionVersion,
} from '../../../shared/schemas/bank.js';
import { actorOf } from '../../platform/http.js';
import { setDownloadHeaders, XLSX_TYPE } from '../../platform/downloads.js';
import { readUpload } from '../../platform/uploads.js';
import * as svc from './bank.service.js';

const tags = ['题库管理'];
const ZOk = z.object({ ok: z.literal(true) });
function sendXlsx(reply: FastifyReply, body: Buffer | NodeJS.ReadableStream, name: string) {
  return setDownloadHeaders(reply, name, XLSX_TYPE, { cacheControl: 'private, no-store' }).send(body);
}

export default async function bankRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.get(
    '/api/bank/questions',
    {
      schema: { tags, summary: '试题列表（省级）', querystring: ZQuestionListQuery, response: { 200: ZQuestionList } },
    },
    async (req) => svc.findQuestions(deps, actorOf(req, 'admin'), req.query),
  );

  app.post(
    '/api/bank/questions',
    { schema: { tags, summary: '新增试题', body: ZQuestionInput, response: { 200: ZQuestionRow } } },
    async (req) => svc.createQuestion(deps, actorOf(req, 'admin'), req.body, req.id),
  );

  app.get(
    '/api/bank/questions/:id',
    { schema: { tags, summary: '试题详情与版本历史', params: ZIdParam, response: { 200: ZQuestionDetail } } },
    async (req) => svc.getQuestion(deps, actorOf(req, 'admin'), req.params.id),
  );

  app.put(
    '/api/bank/questions/:id',
    {
      schema: {
        tags,
        summary: '编辑试题（生成新版本，历史版本保留）',
        params: ZIdParam,
        body: ZQuestionEditInput,
        response: { 200: ZQuestionRow },
      },
    },
    async (req) => svc.editQuestion(deps, actorOf(req, 'admin'), req.params.id, req.body, req.id),
  );

  app.post(
    '/api/bank/questions/:id/retire',
    { schema: { tags, summary: '停用试题', params: ZIdParam, response: { 200: ZQuestionRow } } },
    async (req) => svc.setQuestionStatus(deps, actorOf(req, 'admin'), req.params.id, 'retired', req.id),
  );

  app.post(
    '/api/bank/questions/:id/enable',
    { schema: { tags, summary: '启用试题', params: ZIdParam, response: { 200: ZQuestionRow } } },
    async (req) => svc.setQuestionStatus(deps, actorOf(req, 'admin'), req.params.id, 'enabled', req.id),
  );

  app.get(
    '/api/bank/versions/:id',
    {
      schema: {
        tags,
        summary: '查看某一试题版本（含已被替换的版本）',
        params: ZIdParam,
        response: { 200: ZQuestionVersion },
      },
    },
    async (req) => svc.getVersion(deps, actorOf(req, 'admin'), req.params.id),
  );

  app.get('/api/bank/template', { schema: { tags, summary: '下载试题导入模板' } }, async (req, reply) =>
    sendXlsx(reply, await svc.importTemplate(actorOf(req, 'admin')), '试题导入模板.xlsx'),
  );

  app.post(
    '/api/bank/import',
    {
      schema: {
        tags,
        summary: '导入试题（.xlsx；任一行有误则全部不导入）',
        consumes: ['multipart/form-data'],
        response: { 200: ZImportResult },
      },
    },
    async (req) => {
      const actor = actorOf(req, 'admin');
      const { buf, name } = await readUpload(req);
      return svc.importQuestions(deps, actor, buf, name, req.id);
    },
  );

  app.get(
    '/api/bank/imports/:id/report',
    { schema: { tags, summary: '下载导入错误报告', params: ZIdParam } },
    async (req, reply) => {
      const r = await svc.importReport(deps, actorOf(req, 'admin'), req.params.id);
      return sendXlsx(reply, r.buf, r.fileName);
    },
  );

  app.get(
    '/api/bank/export',
    { schema: { tags, summary: '导出试题（按筛选条件）', querystring: ZQuestionListQuery } },
    async (req, reply) => {
      const stream = svc.exportQuestions(deps, actorOf(req, 'admin'), req.query);
      return sendXlsx(reply, stream, '试题导出.xlsx');
    },
  );

  // ——— 考前资料 ———
  const mtags = ['考前资料'];
  app.get(
    '/api/bank/materials',
    { schema: { tags: mtags, summary: '考前资料列表（省级管理）', response: { 200: ZMaterialList } } },
    async (req) => ({
      items: await svc.listMaterialsAdmin(deps, actorOf(req, 'admin')),
    }),
  );
  app.post(
    '/api/bank/materials',
    { schema: { tags: mtags, summary: '新增考前资料', body: ZMaterialInput, response: { 200: ZMaterial } } },
    async (req) => svc.createMaterial(deps, actorOf(req, 'admin'), req.body, req.id),
  );
  app.put(
    '/api/bank/materials/:id',
    {
      schema: {
        tags: mtags,
        summary: '修改考前资料',
        params: ZIdParam,
        body: ZMaterialInput,
        response: { 200: ZMaterial },
      },
    },
    async (req) => svc.updateMaterial(deps, actorOf(req, 'admin'), req.params.id, req.body, req.id),
  );
  app.delete(
    '/api/bank/materials/:id',
    { schema: { tags: mtags, summary: '删除考前资料', params: ZIdParam, response: { 200: ZOk } } },
    async (req) => {
      await svc.deleteMaterial(deps, actorOf(req, 'admin'), req.params.id, req.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/bank/materials/files',
    {
      schema: {
        tags: mtags,
        summary: '上传考前资料附件（PDF 或图片，≤20 MB）',
        consumes: ['multipart/form-data'],
        response: { 200: ZFileRef },
      },
    },
    async (req) => {
      const actor = actorOf(req, 'admin');
      const { buf, name } = await readUpload(req);
      return svc.uploadMaterialFile(deps, actor, buf, name);
    },
  );
  app.get(
    '/api/bank/materials/:id/file',
    { schema: { tags: mtags, summary: '下载考前资料附件', params: ZIdParam } },
    async (req, reply) => {
      const f = await svc.materialFile(deps, actorOf(req, 'admin'), req.params.id);
      return setDownloadHeaders(reply, f.name, f.mime, { cacheControl: 'private, no-store' }).send(f.buf);
    },
  );
}
