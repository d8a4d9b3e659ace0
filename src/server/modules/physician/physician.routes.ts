import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZIdParam,
  ZInstitutionOptions,
  ZInstitutionSearch,
  ZPhysicianDetail,
  ZPhysicianPage,
  ZPhysicianQuery,
  ZResetResult,
  ZRevealedIdNumber,
  ZTransferInput,
} from '../../../shared/schemas/physician.js';
import { ZOk } from '../../../shared/schemas/account.js';
import { actorOf } from '../../platform/http.js';
import * as svc from './physician.service.js';

const tags = ['医师管理'];

export default async function physicianRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.post(
    '/api/physicians/:id/reveal-id-number',
    {
      schema: {
        tags,
        summary: '查看完整证件号码（详情中，限管辖范围；留痕）',
        params: ZIdParam,
        response: { 200: ZRevealedIdNumber },
      },
    },
    async (req) => svc.revealIdNumber(deps, actorOf(req, 'institution', 'admin'), req.params.id, req.id),
  );
  app.get(
    '/api/physicians',
    {
      schema: {
        tags,
        summary: '医师信息列表 / 医师管理：查询（keyset 分页）',
        querystring: ZPhysicianQuery,
        response: { 200: ZPhysicianPage },
      },
    },
    async (req) => svc.listPhysicians(deps, actorOf(req, 'institution', 'admin'), req.query),
  );

  app.get(
    '/api/physicians/transfer-targets',
    {
      schema: {
        tags,
        summary: '辖区内的卫生机构（变更卫生机构的目标、医师管理的筛选）',
        querystring: ZInstitutionSearch,
        response: { 200: ZInstitutionOptions },
      },
    },
    async (req) => svc.transferTargets(deps, actorOf(req, 'admin'), req.query.keyword),
  );

  app.get(
    '/api/physicians/:id',
    { schema: { tags, summary: '查看医师信息', params: ZIdParam, response: { 200: ZPhysicianDetail } } },
    async (req) => svc.getPhysician(deps, actorOf(req, 'institution', 'admin'), req.params.id),
  );

  app.post(
    '/api/physicians/:id/reset-password',
    {
      schema: {
        tags,
        summary: '密码重置（重置为本省医师初始密码）',
        params: ZIdParam,
        response: { 200: ZResetResult },
      },
    },
    async (req) => ({
      ok: true as const,
      rule: await svc.resetPhysicianPassword(deps, actorOf(req, 'institution'), req.params.id),
    }),
  );

  app.post(
    '/api/physicians/:id/transfer',
    { schema: { tags, summary: '变更卫生机构', params: ZIdParam, body: ZTransferInput, response: { 200: ZOk } } },
    async (req) => {
      await svc.transferPhysician(deps, actorOf(req, 'admin'), req.params.id, req.body, req.id);
      return { ok: true as const };
    },
  );
}
