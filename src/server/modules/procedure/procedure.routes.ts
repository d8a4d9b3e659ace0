import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZBodyRejectInput,
  ZEvaluateInput,
  ZEvaluationDetail,
  ZEvaluationList,
  ZEvaluationListQuery,
  ZMyEnrolment,
  ZProcedureDraft,
  ZProcedureState,
  ZReasonInput,
} from '../../../shared/schemas/procedure.js';
import { actorOf } from '../../platform/http.js';
import {
  registerAttachmentRoutes,
  ZEnrolmentFileParams as ZFileParams,
  ZEnrolmentId as ZId,
  ZOk,
} from './attachment-routes.js';
import { setDownloadHeaders } from '../../platform/downloads.js';
import { readAttachment } from './attachments.js';
import * as svc from './procedure.service.js';

const tags = ['考核程序'];

export default async function procedureRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.get(
    '/api/procedure/mine',
    { schema: { tags, summary: '本人当前周期考核记录', response: { 200: ZMyEnrolment } } },
    async (req) => ({
      enrolmentId: await svc.myEnrolmentId(deps, actorOf(req, 'physician')),
    }),
  );

  app.get(
    '/api/enrolments/:id/procedure',
    { schema: { tags, summary: '考核程序（第5步）状态与条件提示', params: ZId, response: { 200: ZProcedureState } } },
    async (req) => svc.getState(deps, actorOf(req, 'physician', 'institution', 'body', 'admin'), req.params.id),
  );

  app.put(
    '/api/enrolments/:id/procedure-application',
    {
      schema: {
        tags,
        summary: '保存考核程序（一般程序 / 简易程序）',
        params: ZId,
        body: ZProcedureDraft,
        response: { 200: ZProcedureState },
      },
    },
    async (req) => svc.saveApplication(deps, actorOf(req, 'physician'), req.params.id, req.body),
  );

  app.post(
    '/api/enrolments/:id/procedure/submit',
    { schema: { tags, summary: '选择考核程序 → 提交', params: ZId, response: { 200: ZProcedureState } } },
    async (req) => svc.submitProcedure(deps, actorOf(req, 'physician'), req.params.id, req.id),
  );

  registerAttachmentRoutes(fastify, {
    segment: 'proofs',
    tags,
    uploadSummary: '上传简易程序证明材料（png/jpg/jpeg，≤3 MB，≤10 个）',
    deleteSummary: '删除简易程序证明材料',
    upload: svc.uploadProof,
    remove: svc.deleteProof,
  });

  app.get(
    '/api/enrolments/:id/attachments/:fileId',
    { schema: { tags, summary: '查看考核记录的附件（证明材料、免考材料、延期附件）', params: ZFileParams } },
    async (req, reply) => {
      const f = await readAttachment(
        deps,
        actorOf(req, 'physician', 'institution', 'body', 'admin'),
        req.params.id,
        req.params.fileId,
      );
      return setDownloadHeaders(reply, f.name, f.mime, { inline: true, cacheControl: 'private, no-store' }).send(
        f.body,
      );
    },
  );

  // ——— 评定工作成绩、职业道德 (institution) / 复核 (body) ———
  app.get(
    '/api/procedure/evaluations',
    {
      schema: {
        tags,
        summary: '待评定 / 待复核列表（按程序）',
        querystring: ZEvaluationListQuery,
        response: { 200: ZEvaluationList },
      },
    },
    async (req) => svc.listEvaluations(deps, actorOf(req, 'institution', 'body'), req.query),
  );

  app.get(
    '/api/procedure/evaluations/:id',
    {
      schema: {
        tags,
        summary: '评定 / 复核详情（自评、证明材料、述职报告、评定意见）',
        params: ZId,
        response: { 200: ZEvaluationDetail },
      },
    },
    async (req) => svc.evaluationDetail(deps, actorOf(req, 'institution', 'body'), req.params.id),
  );

  app.post(
    '/api/procedure/evaluations/:id/evaluate',
    {
      schema: {
        tags,
        summary: '卫生机构评定工作成绩、职业道德 → 提交',
        params: ZId,
        body: ZEvaluateInput,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await svc.institutionEvaluate(deps, actorOf(req, 'institution'), req.params.id, req.body, req.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/procedure/evaluations/:id/reject',
    {
      schema: {
        tags,
        summary: '卫生机构驳回考核程序申请（医师重新选择程序）',
        params: ZId,
        body: ZReasonInput,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await svc.institutionReject(deps, actorOf(req, 'institution'), req.params.id, req.body.reason, req.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/procedure/evaluations/:id/confirm',
    { schema: { tags, summary: '考核机构复核 → 提交（同意）', params: ZId, response: { 200: ZOk } } },
    async (req) => {
      await svc.bodyConfirm(deps, actorOf(req, 'body'), req.params.id, req.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/procedure/evaluations/:id/body-reject',
    {
      schema: {
        tags,
        summary: '考核机构复核 → 驳回（不同意，退回卫生机构重新评定）',
        params: ZId,
        body: ZBodyRejectInput,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await svc.bodyReject(deps, actorOf(req, 'body'), req.params.id, req.body, req.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/procedure/evaluations/:id/reject-simple',
    {
      schema: {
        tags,
        summary: '考核机构驳回至一般程序（不符合简易程序条件）',
        params: ZId,
        body: ZReasonInput,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await svc.bodyRejectSimple(deps, actorOf(req, 'body'), req.params.id, req.body.reason, req.id);
      return { ok: true as const };
    },
  );
}
