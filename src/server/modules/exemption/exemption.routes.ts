import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZExemptionApplication,
  ZExemptionApply,
  ZExemptionList,
  ZExemptionListQuery,
  ZExemptionMine,
  ZExemptionReview,
  ZExemptionSettings,
  ZReasonCreate,
  ZReasonUpdate,
  ZSwitchInput,
} from '../../../shared/schemas/exemption.js';
import { ZAttachment } from '../../../shared/schemas/procedure.js';
import { actorOf } from '../../platform/http.js';
import { registerAttachmentRoutes, ZEnrolmentId as ZId } from '../procedure/attachment-routes.js';
import * as svc from './exemption.service.js';

const tags = ['免考'];
const ZDetail = ZExemptionApplication.extend({ files: z.array(ZAttachment) });

export default async function exemptionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.get(
    '/api/exemption/settings',
    { schema: { tags, summary: '免考设置', response: { 200: ZExemptionSettings } } },
    async (req) => {
      const actor = actorOf(req, 'admin');
      return svc.getSettings(deps.db, actor.provinceId);
    },
  );
  app.post(
    '/api/exemption/reasons',
    { schema: { tags, summary: '添加免考理由（省级）', body: ZReasonCreate, response: { 200: ZExemptionSettings } } },
    async (req) => svc.addReason(deps, actorOf(req, 'admin'), req.body),
  );
  app.put(
    '/api/exemption/reasons/:id',
    {
      schema: {
        tags,
        summary: '编辑免考理由（省级）',
        params: ZId,
        body: ZReasonUpdate,
        response: { 200: ZExemptionSettings },
      },
    },
    async (req) => svc.updateReason(deps, actorOf(req, 'admin'), req.params.id, req.body.reason),
  );
  app.delete(
    '/api/exemption/reasons/:id',
    { schema: { tags, summary: '删除免考理由（省级）', params: ZId, response: { 200: ZExemptionSettings } } },
    async (req) => svc.deleteReason(deps, actorOf(req, 'admin'), req.params.id),
  );
  app.put(
    '/api/exemption/switches',
    {
      schema: {
        tags,
        summary: '开启申请 / 关闭申请（省级）',
        body: ZSwitchInput,
        response: { 200: ZExemptionSettings },
      },
    },
    async (req) => svc.setSwitch(deps, actorOf(req, 'admin'), req.body),
  );

  app.get(
    '/api/exemption/mine',
    { schema: { tags, summary: '本人免考申请', response: { 200: ZExemptionMine } } },
    async (req) => svc.mine(deps, actorOf(req, 'physician')),
  );
  registerAttachmentRoutes(fastify, {
    segment: 'exemption-files',
    tags,
    uploadSummary: '上传免考证明材料（png/jpg/jpeg，≤3 MB，≤10 个）',
    deleteSummary: '删除免考证明材料',
    upload: svc.uploadFile,
    remove: svc.deleteFile,
  });
  app.post(
    '/api/enrolments/:id/exemption',
    {
      schema: { tags, summary: '提交免考申请', params: ZId, body: ZExemptionApply, response: { 200: ZExemptionMine } },
    },
    async (req) => svc.apply(deps, actorOf(req, 'physician'), req.params.id, req.body),
  );

  app.get(
    '/api/exemption/applications',
    {
      schema: {
        tags,
        summary: '免考申请列表（审核 / 复核）',
        querystring: ZExemptionListQuery,
        response: { 200: ZExemptionList },
      },
    },
    async (req) => svc.listApplications(deps, actorOf(req, 'institution', 'body', 'admin'), req.query),
  );
  app.get(
    '/api/exemption/applications/:id',
    { schema: { tags, summary: '免考申请详情', params: ZId, response: { 200: ZDetail } } },
    async (req) => svc.getApplication(deps, actorOf(req, 'institution', 'body', 'admin'), req.params.id),
  );
  app.post(
    '/api/exemption/applications/:id/review',
    {
      schema: {
        tags,
        summary: '审核 / 复核免考申请（提交·通过 / 驳回补充材料 / 驳回禁止再次申请）',
        params: ZId,
        body: ZExemptionReview,
        response: { 200: ZDetail },
      },
    },
    async (req) => svc.review(deps, actorOf(req, 'institution', 'body'), req.params.id, req.body),
  );
}
