import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAnswerParams,
  ZAttemptParams,
  ZAttemptPaper,
  ZAttemptState,
  ZBlueprintInput,
  ZBlueprints,
  ZClaimInput,
  ZClaimResult,
  ZCloseWindowInput,
  ZCloseWindowResult,
  ZExamOverview,
  ZItemAnalysis,
  ZItemAnalysisQuery,
  ZPaperType,
  ZSaveAnswerInput,
  ZSaveAnswerResult,
  ZStartParams,
  ZStartLimitInput,
  ZStartResult,
  ZSubmitResult,
} from '../../../shared/schemas/exam.js';
import { actorOf, settleSession } from '../../platform/http.js';
import { sessionIdOf } from '../../platform/sessions.js';
import * as svc from './exam.service.js';

const tags = ['测评'];
const ZOk = z.object({ ok: z.literal(true) });

export default async function examRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // the app's deps plus this process's exam caches (shared with the exam jobs of this process)
  const deps = svc.examDeps(app.deps);

  // ------------------------------------------------------------ physician
  app.get(
    '/api/exam/overview',
    { schema: { tags, summary: '考核详情与试卷列表', response: { 200: ZExamOverview } } },
    async (req) => svc.overview(deps, actorOf(req, 'physician')),
  );

  app.post(
    '/api/exam/consent',
    { schema: { tags, summary: '人脸信息采集授权', response: { 200: ZOk } } },
    async (req) => {
      await svc.consent(deps, actorOf(req, 'physician'), { ip: req.ip, userAgent: req.headers['user-agent'] }, req.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/exam/papers/:paperType/start',
    { schema: { tags, summary: '去考试（开始或继续答题）', params: ZStartParams, response: { 200: ZStartResult } } },
    async (req) => svc.startAttempt(deps, actorOf(req, 'physician'), req.params.paperType, req.id),
  );

  app.get(
    '/api/exam/attempts/:id/paper',
    {
      schema: {
        tags,
        summary: '试卷内容（题干与选项，选项标识每次答题不同）',
        params: ZAttemptParams,
        response: { 200: ZAttemptPaper },
      },
    },
    async (req, reply) => {
      const json = await svc.paperJson(deps, actorOf(req, 'physician'), req.params.id);
      // pre-serialised per attempt: sent as is
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(json as never);
    },
  );

  app.post(
    '/api/exam/attempts/:id/claim',
    {
      schema: {
        tags,
        summary: '在本设备继续答题（本设备的答题记录成为有效记录）',
        params: ZAttemptParams,
        body: ZClaimInput,
        response: { 200: ZClaimResult },
      },
    },
    async (req) => svc.claimAttempt(deps, actorOf(req, 'physician'), req.params.id, req.body.deviceId, req.id),
  );

  app.get(
    '/api/exam/attempts/:id',
    {
      schema: {
        tags,
        summary: '答题状态（剩余时间、已保存答案）',
        params: ZAttemptParams,
        response: { 200: ZAttemptState },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.attemptState(deps, actorOf(req, 'physician'), req.params.id);
    },
  );

  app.put(
    '/api/exam/attempts/:id/answers/:index',
    {
      schema: {
        tags,
        summary: '保存答案（每次作答自动保存）',
        params: ZAnswerParams,
        body: ZSaveAnswerInput,
        response: { 200: ZSaveAnswerResult },
      },
    },
    // the hot path: session checked inside the save's own statement (SESSION_IN_STATEMENT_ROUTES)
    async (req) => {
      const { id, index } = req.params;
      if (req.pendingSessionToken) {
        const csrf = req.headers['x-csrf-token'];
        const credentials = { sessionId: sessionIdOf(req.pendingSessionToken), csrfToken: csrf as string | undefined };
        const saved = await svc.saveAnswerInOneStatement(deps, credentials, id, index, req.body);
        if (saved) return saved;
        await settleSession(req);
      }
      return svc.saveAnswer(deps, actorOf(req, 'physician'), id, index, req.body);
    },
  );

  app.post(
    '/api/exam/attempts/:id/submit',
    { schema: { tags, summary: '交卷', params: ZAttemptParams, response: { 200: ZSubmitResult } } },
    async (req) => svc.submitAttempt(deps, actorOf(req, 'physician'), req.params.id, req.id),
  );

  // ------------------------------------------------------------ province administration
  app.get(
    '/api/exam/blueprints',
    { schema: { tags, summary: '试卷设置', response: { 200: ZBlueprints } } },
    async (req) => svc.getBlueprints(deps, actorOf(req, 'admin')),
  );

  app.put(
    '/api/exam/blueprints/:paperType',
    {
      schema: {
        tags,
        summary: '保存试卷设置',
        params: z.object({ paperType: ZPaperType }),
        body: ZBlueprintInput,
        response: { 200: ZOk },
      },
    },
    async (req) => {
      await svc.saveBlueprint(deps, actorOf(req, 'admin'), req.params.paperType, req.body, req.id);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/exam/start-limit',
    {
      schema: { tags, summary: '每分钟最多开始答题人数（空 = 不限）', body: ZStartLimitInput, response: { 200: ZOk } },
    },
    async (req) => {
      await svc.saveStartLimit(deps, actorOf(req, 'admin'), req.body, req.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/exam/close-window',
    {
      schema: {
        tags,
        summary: '关闭首轮考核 / 关闭再次考核',
        body: ZCloseWindowInput,
        response: { 200: ZCloseWindowResult },
      },
    },
    async (req) => svc.closeCurrentWindow(deps, actorOf(req, 'admin'), req.body.round, req.id),
  );

  app.get(
    '/api/exam/item-analysis',
    { schema: { tags, summary: '试题分析', querystring: ZItemAnalysisQuery, response: { 200: ZItemAnalysis } } },
    async (req) => svc.itemAnalysis(deps, actorOf(req, 'admin'), req.query),
  );
}
