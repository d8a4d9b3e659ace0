import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZConfirmInput,
  ZConfirmResult,
  ZGradingList,
  ZGradingListQuery,
  ZReexamListQuery,
  ZResult,
} from '../../../shared/schemas/grading.js';
import { actorOf } from '../../platform/http.js';
import * as svc from './grading.service.js';

export default async function gradingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.get(
    '/api/grading',
    {
      schema: {
        tags: ['成绩评定'],
        summary: '成绩评定列表（考核机构：首轮；卫生行政机构：再次考核）',
        querystring: ZGradingListQuery,
        response: { 200: ZGradingList },
      },
    },
    async (req) => svc.findGradingList(deps, actorOf(req, 'body', 'admin'), req.query),
  );

  app.post(
    '/api/grading/confirm',
    {
      schema: {
        tags: ['成绩评定'],
        summary: '确认 / 批量确认评定结果',
        body: ZConfirmInput.extend({ round: z.enum(['first', 'reexam']) }),
        response: { 200: ZConfirmResult },
      },
    },
    async (req) => svc.confirmGrading(deps, actorOf(req, 'body', 'admin'), req.body.ids, req.body.round, req.id),
  );

  app.get(
    '/api/reexam/candidates',
    {
      schema: {
        tags: ['再次考核管理'],
        summary: '确认再次考核名单（省级确认；市、区县卫生行政机构只读查询本辖区名单）',
        querystring: ZReexamListQuery,
        response: { 200: ZGradingList },
      },
    },
    async (req) => svc.findReexamCandidates(deps, actorOf(req, 'admin'), req.query),
  );

  app.post(
    '/api/reexam/confirm',
    {
      schema: {
        tags: ['再次考核管理'],
        summary: '确认 / 一键确认再次考核名单（省级）',
        body: z.union([ZConfirmInput, z.object({ all: z.literal(true) })]),
        response: { 200: ZConfirmResult },
      },
    },
    async (req) => svc.confirmReexam(deps, actorOf(req, 'admin'), 'all' in req.body ? 'all' : req.body.ids, req.id),
  );

  app.get(
    '/api/results/mine',
    { schema: { tags: ['考核结果'], summary: '医师：我的考核结果', response: { 200: ZResult } } },
    async (req) => svc.findMyResult(deps, actorOf(req, 'physician')),
  );
}
