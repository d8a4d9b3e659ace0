import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAppealDecision,
  ZAttemptFrames,
  ZCaseList,
  ZCaseQuery,
  ZFrameAccepted,
  ZFrameQuery,
  ZMyProctoring,
  ZPhotoCheck,
  ZProcessInput,
  ZProctorEventInput,
  ZProctorSettings,
  ZReviewList,
  ZReviewQuery,
  ZSchedule,
} from '../../../shared/schemas/proctor.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { actorOf } from '../../platform/http.js';
import * as appeal from './appeal.service.js';
import * as capture from './capture.service.js';
import * as review from './review.service.js';
import * as settings from './settings.service.js';
import { verifyFileUrl } from './proctor.urls.js';

const tags = ['监考'];
const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };
const ZAttemptParams = z.object({ id: z.coerce.number().int().positive() });
const ZEnrolmentParams = z.object({ enrolmentId: z.coerce.number().int().positive() });

export default async function proctorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  // Frames and photo checks arrive as the raw JPEG body (no multipart framing on a phone link);
  // the service checks the bytes (magic, size, dimensions) with Chinese messages.
  app.addContentTypeParser('image/jpeg', { parseAs: 'buffer', bodyLimit: 3 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );
  const rawBody = (b: unknown): Buffer => {
    if (!Buffer.isBuffer(b) || b.length === 0) throw badRequest('请上传 jpg 照片');
    return b;
  };

  /* ───── 医师: capture during a test ───── */
  app.post(
    '/api/proctoring/attempts/:id/schedule',
    {
      schema: {
        tags,
        summary: '本次测评的抓拍安排（一次性抓拍凭证）',
        params: ZAttemptParams,
        response: { 200: ZSchedule },
      },
    },
    async (req) => capture.issueSchedule(deps, actorOf(req, 'physician'), req.params.id),
  );
  app.post(
    '/api/proctoring/attempts/:id/frames',
    {
      schema: {
        tags,
        summary: '上传一张监考照片（image/jpeg 原始内容，附抓拍凭证）',
        params: ZAttemptParams,
        querystring: ZFrameQuery,
        response: { 200: ZFrameAccepted },
      },
    },
    async (req) => {
      const actor = actorOf(req, 'physician');
      return capture.acceptFrame(deps, actor, req.params.id, req.query, rawBody(req.body));
    },
  );
  app.post(
    '/api/proctoring/attempts/:id/events',
    {
      schema: {
        tags,
        summary: '记录摄像头事件（拒绝授权、中断、画面异常）',
        params: ZAttemptParams,
        body: ZProctorEventInput,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await capture.recordEvent(deps, actorOf(req, 'physician'), req.params.id, req.body);
      return ok;
    },
  );
  app.post(
    '/api/proctoring/photo-check',
    { schema: { tags, summary: '标准照片上传前检查（不保存）', response: { 200: ZPhotoCheck } } },
    async (req) => {
      const actor = actorOf(req, 'physician');
      return { message: await capture.checkPhoto(deps, actor, rawBody(req.body)) };
    },
  );

  /* ───── 医师: photos taken, 违纪处理 and 申诉 ───── */
  app.get(
    '/api/proctoring/mine',
    { schema: { tags, summary: '本人监考照片与违纪处理情况', response: { 200: ZMyProctoring } } },
    async (req) => appeal.myProctoring(deps, actorOf(req, 'physician')),
  );
  app.post(
    '/api/proctoring/mine/appeal',
    { schema: { tags, summary: '申诉（申诉理由 + 可选材料）', response: { 200: ZOk } } },
    async (req) => {
      const actor = actorOf(req, 'physician');
      if (!req.isMultipart()) throw badRequest('请填写申诉理由');
      let statement = '';
      let file: { buf: Buffer; name: string } | undefined;
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const buf = await part.toBuffer();
          if (buf.length) file = { buf, name: part.filename ?? '' };
        } else if (part.fieldname === 'statement') statement = String(part.value ?? '');
      }
      await appeal.submitAppeal(deps, actor, { statement, file }, req.id);
      return ok;
    },
  );

  /* ───── 监考管理 ───── */
  app.get(
    '/api/proctoring/review',
    {
      schema: {
        tags,
        summary: '监考管理列表（管辖范围内）',
        querystring: ZReviewQuery,
        response: { 200: ZReviewList },
      },
    },
    async (req) => review.listReview(deps, actorOf(req, 'admin', 'institution', 'body'), req.query),
  );
  app.get(
    '/api/proctoring/review/:id/frames',
    {
      schema: {
        tags,
        summary: '【照片】本次测评的监考照片与标准照片',
        params: ZAttemptParams,
        response: { 200: ZAttemptFrames },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return review.attemptFrames(deps, actorOf(req, 'admin', 'institution', 'body'), req.params.id);
    },
  );
  app.post(
    '/api/proctoring/enrolments/:enrolmentId/flag',
    { schema: { tags, summary: '【标记】疑似作弊', params: ZEnrolmentParams, response: { 200: ZOk } } },
    async (req) => {
      await review.flagEnrolment(deps, actorOf(req, 'admin', 'institution', 'body'), req.params.enrolmentId, req.id);
      return ok;
    },
  );
  app.post(
    '/api/proctoring/enrolments/:enrolmentId/unflag',
    { schema: { tags, summary: '【撤销标记】', params: ZEnrolmentParams, response: { 200: ZOk } } },
    async (req) => {
      await review.unflagEnrolment(deps, actorOf(req, 'admin', 'institution', 'body'), req.params.enrolmentId, req.id);
      return ok;
    },
  );
  app.post(
    '/api/proctoring/enrolments/:enrolmentId/process',
    {
      schema: {
        tags,
        summary: '【处理】违纪不合格',
        params: ZEnrolmentParams,
        body: ZProcessInput,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await review.processEnrolment(
        deps,
        actorOf(req, 'admin', 'institution', 'body'),
        req.params.enrolmentId,
        req.body.reason,
        req.id,
      );
      return ok;
    },
  );
  app.get(
    '/api/proctoring/cases',
    { schema: { tags, summary: '违纪处理记录', querystring: ZCaseQuery, response: { 200: ZCaseList } } },
    async (req) => review.listCases(deps, actorOf(req, 'admin', 'institution', 'body'), req.query),
  );
  app.post(
    '/api/proctoring/cases/:enrolmentId/decision',
    {
      schema: {
        tags,
        summary: '申诉处理（维持 / 撤销处理）',
        params: ZEnrolmentParams,
        body: ZAppealDecision,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await appeal.decideAppeal(deps, actorOf(req, 'admin'), req.params.enrolmentId, req.body, req.id);
      return ok;
    },
  );

  /* ───── 监考设置 ───── */
  app.get(
    '/api/proctoring/settings',
    { schema: { tags, summary: '监考设置', response: { 200: ZProctorSettings } } },
    async (req) => settings.getSettings(deps, actorOf(req, 'admin')),
  );
  app.put(
    '/api/proctoring/settings',
    { schema: { tags, summary: '保存监考设置（省级）', body: ZProctorSettings, response: { 200: ZProctorSettings } } },
    async (req) => settings.saveSettings(deps, actorOf(req, 'admin'), req.body, req.id),
  );

  /* ───── files behind short-lived authorised URLs ───── */
  app.get(
    '/api/proctoring/files/:fileId',
    {
      schema: {
        tags,
        summary: '监考照片 / 标准照片 / 申诉材料（短时授权链接）',
        params: z.object({ fileId: z.uuid() }),
        querystring: z.object({ exp: z.coerce.number(), sig: z.string().max(100) }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req, 'admin', 'institution', 'body', 'physician');
      if (!verifyFileUrl(deps.config, req.params.fileId, req.query.exp, req.query.sig, actor.accountId, deps.now()))
        throw notFound('照片链接已过期或无效，请刷新页面后');
      const f = await review.readProctorFile(deps, req.params.fileId);
      return reply.header('cache-control', 'private, no-store').type(f.mime).send(f.body);
    },
  );
}
