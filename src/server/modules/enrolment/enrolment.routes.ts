import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  WIZARD_STEPS,
  ZAdminReject,
  ZChangeList,
  ZChangeListQuery,
  ZChangeRequestInput,
  ZChangeRequestView,
  ZDetail,
  ZDone,
  ZIdParam,
  ZIds,
  ZList,
  ZListQuery,
  ZMine,
  ZPhysicianIds,
  ZReason,
} from '../../../shared/schemas/enrolment.js';
import { actorOf } from '../../platform/http.js';
import { readUpload } from '../../platform/uploads.js';
import * as change from './change.service.js';
import { cancelEnrolments } from './participation/cancel-enrolments.js';
import { openEnrolments } from './participation/open-enrolments.js';
import { adminReject } from './review/admin-reject.js';
import { bodyApprove, bodyApproveMany, bodyReject } from './review/body-review.js';
import { institutionApprove, institutionReject } from './review/institution-review.js';
import { findEnrolments } from './view/find-enrolments.js';
import { getDetail } from './view/get-detail.js';
import { institutionOptions } from './view/institution-options.js';
import { readPhoto } from './view/read-photo.js';
import { revealIdNumber } from './view/reveal-id-number.js';
import { getMine } from './wizard/get-mine.js';
import { saveStep } from './wizard/save-step.js';
import { submitRegistration } from './wizard/submit-registration.js';
import { uploadPhoto } from './wizard/upload-photo.js';

const tags = ['报名与审核'];
const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

export default async function enrolmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  /* ───── 参加考核 / 取消参加考核 (卫生机构, single and batch) ───── */
  app.post(
    '/api/enrolments/open',
    { schema: { tags, summary: '参加考核（单个或批量）', body: ZPhysicianIds, response: { 200: ZDone } } },
    async (req) => openEnrolments(deps, actorOf(req, 'institution'), req.body.physicianIds, req.id),
  );
  app.post(
    '/api/enrolments/cancel',
    { schema: { tags, summary: '取消参加考核（单个或批量）', body: ZPhysicianIds, response: { 200: ZDone } } },
    async (req) => cancelEnrolments(deps, actorOf(req, 'institution'), req.body.physicianIds, req.id),
  );

  /* ───── 医师: 我要报名 ───── */
  app.get(
    '/api/enrolments/mine',
    { schema: { tags, summary: '本人考核状态、报名信息与可办理事项', response: { 200: ZMine } } },
    async (req) => getMine(deps, actorOf(req, 'physician')),
  );
  app.put(
    '/api/enrolments/mine/steps/:step',
    {
      schema: {
        tags,
        summary: '保存报名信息的一步（基本信息 / 执业信息 / 相关经历 / 工作成绩、职业道德自评）',
        params: z.object({ step: z.enum(WIZARD_STEPS) }),
        body: z.record(z.string(), z.unknown()),
        response: { 200: ZMine },
      },
    },
    async (req) => saveStep(deps, actorOf(req, 'physician'), req.params.step, req.body, req.id),
  );
  app.post(
    '/api/enrolments/mine/photo',
    { schema: { tags, summary: '上传1寸证件照（jpg，≤2MB）', response: { 200: z.object({ fileId: z.string() }) } } },
    async (req) => {
      const actor = actorOf(req, 'physician');
      const { buf, name } = await readUpload(req, '请选择要上传的照片');
      return uploadPhoto(deps, actor, buf, name, req.id);
    },
  );
  app.post(
    '/api/enrolments/mine/submit',
    { schema: { tags, summary: '提交信息（报名）', response: { 200: ZMine } } },
    async (req) => submitRegistration(deps, actorOf(req, 'physician'), req.id),
  );

  /* ───── 医师信息修改 ───── */
  app.post(
    '/api/enrolments/mine/change-requests',
    {
      schema: {
        tags,
        summary: '申请修改（报名成功后）',
        body: ZChangeRequestInput,
        response: { 200: ZChangeRequestView },
      },
    },
    async (req) => change.requestChange(deps, actorOf(req, 'physician'), req.body.reason, req.id),
  );
  app.post(
    '/api/enrolments/mine/change-requests/submit',
    { schema: { tags, summary: '提交修改后的信息', response: { 200: ZChangeRequestView } } },
    async (req) => change.submitChange(deps, actorOf(req, 'physician'), req.id),
  );
  app.get(
    '/api/change-requests',
    {
      schema: {
        tags,
        summary: '医师信息修改列表（卫生机构）',
        querystring: ZChangeListQuery,
        response: { 200: ZChangeList },
      },
    },
    async (req) => change.listChanges(deps, actorOf(req, 'institution'), req.query),
  );
  const decide = (path: string, event: 'REQUEST_APPROVE' | 'CHANGE_APPROVE', summary: string) =>
    app.post(
      path,
      { schema: { tags, summary, params: ZIdParam, response: { 200: ZChangeRequestView } } },
      async (req) => change.decideChange(deps, actorOf(req, 'institution'), req.params.id, event, null, req.id),
    );
  const decideWithReason = (path: string, event: 'REQUEST_REJECT' | 'CHANGE_REJECT', summary: string) =>
    app.post(
      path,
      { schema: { tags, summary, params: ZIdParam, body: ZReason, response: { 200: ZChangeRequestView } } },
      async (req) =>
        change.decideChange(deps, actorOf(req, 'institution'), req.params.id, event, req.body.reason, req.id),
    );
  decide('/api/change-requests/:id/allow', 'REQUEST_APPROVE', '允许修改');
  decideWithReason('/api/change-requests/:id/refuse', 'REQUEST_REJECT', '不允许修改');
  decide('/api/change-requests/:id/approve', 'CHANGE_APPROVE', '修改审核通过（应用修改）');
  decideWithReason('/api/change-requests/:id/reject', 'CHANGE_REJECT', '修改审核驳回');

  /* ───── lists, detail, reviews ───── */
  app.get(
    '/api/enrolments',
    {
      schema: {
        tags,
        summary: '考核进度 / 上报考核名单 / 确认考核医师名单（按管辖范围）',
        querystring: ZListQuery,
        response: { 200: ZList },
      },
    },
    async (req) => findEnrolments(deps, actorOf(req, 'admin', 'institution', 'body'), req.query),
  );
  app.get(
    '/api/enrolments/institution-options',
    {
      schema: {
        tags,
        summary: '考核进度筛选：管辖范围内的卫生机构',
        querystring: z.object({ q: z.string().trim().max(40).optional() }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) }) },
      },
    },
    async (req) => institutionOptions(deps, actorOf(req, 'admin', 'institution', 'body'), req.query.q),
  );
  app.get(
    '/api/enrolments/:id',
    { schema: { tags, summary: '查看考核记录详情', params: ZIdParam, response: { 200: ZDetail } } },
    async (req) => getDetail(deps, actorOf(req, 'admin', 'institution', 'body', 'physician'), req.params.id),
  );
  app.post(
    '/api/enrolments/:id/reveal-id-number',
    {
      schema: {
        tags,
        summary: '查看完整证件号码（详情中，限审核人；留痕）',
        params: ZIdParam,
        response: { 200: z.object({ idNumber: z.string() }) },
      },
    },
    async (req) => revealIdNumber(deps, actorOf(req, 'admin', 'institution', 'body'), req.params.id, req.id),
  );
  app.get(
    '/api/enrolments/:id/photo',
    {
      schema: {
        tags,
        summary: '医师照片（仅限可查看该考核记录者；proposed=1：医师信息修改中的新照片）',
        params: ZIdParam,
        querystring: z.object({ proposed: z.enum(['1']).optional() }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req, 'admin', 'institution', 'body', 'physician');
      const f = await readPhoto(deps, actor, req.params.id, req.query.proposed === '1');
      return reply.header('cache-control', 'private, no-store').type(f.mime).send(f.body);
    },
  );
  app.post(
    '/api/enrolments/:id/institution-approve',
    { schema: { tags, summary: '上报考核名单 → 通过', params: ZIdParam, response: { 200: ZOk } } },
    async (req) => {
      await institutionApprove(deps, actorOf(req, 'institution'), req.params.id, req.id);
      return ok;
    },
  );
  app.post(
    '/api/enrolments/:id/institution-reject',
    {
      schema: {
        tags,
        summary: '上报考核名单 → 驳回（退回医师）',
        params: ZIdParam,
        body: ZReason,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await institutionReject(deps, actorOf(req, 'institution'), req.params.id, req.body.reason, req.id);
      return ok;
    },
  );
  app.post(
    '/api/enrolments/:id/body-approve',
    { schema: { tags, summary: '确认考核医师名单 → 通过', params: ZIdParam, response: { 200: ZOk } } },
    async (req) => {
      await bodyApprove(deps, actorOf(req, 'body'), req.params.id, req.id);
      return ok;
    },
  );
  app.post(
    '/api/enrolments/body-approve-batch',
    { schema: { tags, summary: '确认考核医师名单 → 批量通过', body: ZIds, response: { 200: ZDone } } },
    async (req) => bodyApproveMany(deps, actorOf(req, 'body'), req.body.ids, req.id),
  );
  app.post(
    '/api/enrolments/:id/body-reject',
    {
      schema: {
        tags,
        summary: '确认考核医师名单 → 驳回（退回卫生机构）',
        params: ZIdParam,
        body: ZReason,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await bodyReject(deps, actorOf(req, 'body'), req.params.id, req.body.reason, req.id);
      return ok;
    },
  );
  app.post(
    '/api/enrolments/:id/admin-reject',
    {
      schema: {
        tags,
        summary: '考核进度 → 驳回（退出当前周期 / 重新选择程序）',
        params: ZIdParam,
        body: ZAdminReject,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await adminReject(deps, actorOf(req, 'admin'), req.params.id, req.body.mode, req.body.reason, req.id);
      return ok;
    },
  );
}
