import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZDeferralApplication,
  ZDeferralApply,
  ZDeferralList,
  ZDeferralListQuery,
  ZDeferralMine,
  ZDeferralReview,
} from '../../../shared/schemas/deferral.js';
import { ZAttachment } from '../../../shared/schemas/procedure.js';
import { actorOf } from '../../platform/http.js';
import { registerAttachmentRoutes, ZEnrolmentId as ZId } from '../procedure/attachment-routes.js';
import { PDF_TYPE, setDownloadHeaders } from '../../platform/downloads.js';
import * as svc from './deferral.service.js';

const tags = ['延期考核'];
const ZDetail = ZDeferralApplication.extend({ files: z.array(ZAttachment) });

export default async function deferralRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.get(
    '/api/deferral/mine',
    { schema: { tags, summary: '本人延期考核申请', response: { 200: ZDeferralMine } } },
    async (req) => svc.mine(deps, actorOf(req, 'physician')),
  );
  registerAttachmentRoutes(fastify, {
    segment: 'deferral-files',
    tags,
    uploadSummary: '上传延期考核附件（png/jpg/jpeg，≤3 MB，≤10 个）',
    deleteSummary: '删除延期考核附件',
    upload: svc.uploadFile,
    remove: svc.deleteFile,
  });
  app.post(
    '/api/enrolments/:id/deferral',
    {
      schema: {
        tags,
        summary: '提交延期考核申请',
        params: ZId,
        body: ZDeferralApply,
        response: { 200: ZDeferralMine },
      },
    },
    async (req) => svc.apply(deps, actorOf(req, 'physician'), req.params.id, req.body),
  );

  app.get(
    '/api/deferral/applications',
    {
      schema: {
        tags,
        summary: '延期考核申请列表（卫生机构审核 / 卫生行政部门审批）',
        querystring: ZDeferralListQuery,
        response: { 200: ZDeferralList },
      },
    },
    async (req) => svc.listApplications(deps, actorOf(req, 'institution', 'admin'), req.query),
  );
  app.get(
    '/api/deferral/applications/:id',
    { schema: { tags, summary: '延期考核申请详情', params: ZId, response: { 200: ZDetail } } },
    async (req) => svc.getApplication(deps, actorOf(req, 'institution', 'admin', 'physician'), req.params.id),
  );
  app.post(
    '/api/deferral/applications/:id/review',
    {
      schema: {
        tags,
        summary: '卫生机构意见 / 卫生行政部门意见（同意 / 不同意）',
        params: ZId,
        body: ZDeferralReview,
        response: { 200: ZDetail },
      },
    },
    async (req) => svc.review(deps, actorOf(req, 'institution', 'admin'), req.params.id, req.body),
  );
  app.get(
    '/api/deferral/applications/:id/form.pdf',
    { schema: { tags, summary: '打印 附件1 医师定期考核延期考核申请表（PDF）', params: ZId } },
    async (req, reply) => {
      const { pdf, name } = await svc.formPdf(deps, actorOf(req, 'institution', 'admin', 'physician'), req.params.id);
      return setDownloadHeaders(reply, name, PDF_TYPE).send(pdf);
    },
  );
}
