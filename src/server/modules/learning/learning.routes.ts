import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParam, ZMaterial, ZMaterialList } from '../../../shared/schemas/bank.js';
import {
  ZLearnOverview,
  ZMockAnswerInput,
  ZMockAnswerResult,
  ZMockAttempt,
  ZMockHistory,
  ZMockPapers,
  ZMockStartInput,
  ZMockSummary,
  ZPracticeAnswerInput,
  ZPracticeNext,
  ZPracticeQuery,
  ZPracticeResult,
  ZRemoved,
  ZWrongList,
  ZWrongQuery,
} from '../../../shared/schemas/learning.js';
import { actorOf } from '../../platform/http.js';
import { setDownloadHeaders } from '../../platform/downloads.js';
import { materialFile } from '../bank/bank.service.js';
import * as svc from './learning.service.js';

const tags = ['学习'];
const ZOk = z.object({ ok: z.literal(true) });

export default async function learningRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.get(
    '/api/learn/overview',
    { schema: { tags, summary: '学习首页：分类与统计', response: { 200: ZLearnOverview } } },
    async (req) => svc.overview(deps, actorOf(req, 'physician')),
  );

  app.get(
    '/api/learn/practice/next',
    {
      schema: {
        tags,
        summary: '题库练习：取下一题（不含答案）',
        querystring: ZPracticeQuery,
        response: { 200: ZPracticeNext },
      },
    },
    async (req) => svc.nextPracticeQuestion(deps, actorOf(req, 'physician'), req.query),
  );

  app.post(
    '/api/learn/practice/answer',
    {
      schema: {
        tags,
        summary: '题库练习：提交答案（服务器判分，答错自动收藏）',
        body: ZPracticeAnswerInput,
        response: { 200: ZPracticeResult },
      },
    },
    async (req) => svc.answerPractice(deps, actorOf(req, 'physician'), req.body),
  );

  app.get(
    '/api/learn/mock/papers',
    { schema: { tags, summary: '模拟自测：可用试卷与规则', response: { 200: ZMockPapers } } },
    async (req) => svc.mockPapers(deps, actorOf(req, 'physician')),
  );

  app.get(
    '/api/learn/mock',
    { schema: { tags, summary: '模拟自测：历史成绩', response: { 200: ZMockHistory } } },
    async (req) => svc.mockHistory(deps, actorOf(req, 'physician')),
  );

  app.post(
    '/api/learn/mock',
    {
      schema: {
        tags,
        summary: '模拟自测：开始（或继续未完成的一次）',
        body: ZMockStartInput,
        response: { 200: z.object({ id: z.number(), resumed: z.boolean() }) },
      },
    },
    async (req) => svc.startMock(deps, actorOf(req, 'physician'), req.body.paper, req.id),
  );

  app.get(
    '/api/learn/mock/:id',
    { schema: { tags, summary: '模拟自测：试卷 / 交卷后的解析', params: ZIdParam, response: { 200: ZMockAttempt } } },
    async (req) => svc.getMock(deps, actorOf(req, 'physician'), req.params.id),
  );

  app.put(
    '/api/learn/mock/:id/answers',
    {
      schema: {
        tags,
        summary: '模拟自测：保存一题答案',
        params: ZIdParam,
        body: ZMockAnswerInput,
        response: { 200: ZMockAnswerResult },
      },
    },
    async (req) => svc.answerMock(deps, actorOf(req, 'physician'), req.params.id, req.body),
  );

  app.post(
    '/api/learn/mock/:id/submit',
    { schema: { tags, summary: '模拟自测：交卷（服务器评分）', params: ZIdParam, response: { 200: ZMockSummary } } },
    async (req) => svc.submitMock(deps, actorOf(req, 'physician'), req.params.id, req.id),
  );

  app.get(
    '/api/learn/wrong',
    { schema: { tags, summary: '错题收藏', querystring: ZWrongQuery, response: { 200: ZWrongList } } },
    async (req) => svc.wrongList(deps, actorOf(req, 'physician'), req.query),
  );

  app.delete(
    '/api/learn/wrong/:id',
    { schema: { tags, summary: '错题收藏：移除一题', params: ZIdParam, response: { 200: ZOk } } },
    async (req) => {
      await svc.removeWrong(deps, actorOf(req, 'physician'), req.params.id, req.id);
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/learn/wrong',
    { schema: { tags, summary: '错题收藏：清空', response: { 200: ZRemoved } } },
    async (req) => ({
      removed: await svc.clearWrong(deps, actorOf(req, 'physician'), req.id),
    }),
  );

  app.get(
    '/api/learn/materials',
    { schema: { tags, summary: '考前资料列表', response: { 200: ZMaterialList } } },
    async (req) => ({
      items: await svc.materials(deps, actorOf(req, 'physician')),
    }),
  );

  app.get(
    '/api/learn/materials/:id',
    { schema: { tags, summary: '考前资料详情', params: ZIdParam, response: { 200: ZMaterial } } },
    async (req) => svc.material(deps, actorOf(req, 'physician'), req.params.id),
  );

  app.get(
    '/api/learn/materials/:id/file',
    { schema: { tags, summary: '考前资料附件', params: ZIdParam } },
    async (req, reply) => {
      const f = await materialFile(deps, actorOf(req, 'physician'), req.params.id);
      return setDownloadHeaders(reply, f.name, f.mime, { cacheControl: 'private, no-store' }).send(f.buf);
    },
  );
}
