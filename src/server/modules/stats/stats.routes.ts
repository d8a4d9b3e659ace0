import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZRefreshResult, ZStatsQuery, ZStatsView } from '../../../shared/schemas/stats.js';
import { actorOf } from '../../platform/http.js';
import { getStatsView } from './get-stats-view.js';
import { refreshStats } from './refresh-stats.js';

const tags = ['统计'];

export default async function statsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.get(
    '/api/stats',
    {
      schema: {
        tags,
        summary: '考核进度统计 / 考核结果统计（快照，含统计时间；orgId 为下钻单位）',
        querystring: ZStatsQuery,
        response: { 200: ZStatsView },
      },
    },
    async (req) => getStatsView(deps, actorOf(req, 'admin', 'institution', 'body'), req.query),
  );

  app.post(
    '/api/stats/refresh',
    { schema: { tags, summary: '【重新统计】', response: { 200: ZRefreshResult } } },
    async (req) => refreshStats(deps, actorOf(req, 'admin', 'institution', 'body'), req.id),
  );
}
