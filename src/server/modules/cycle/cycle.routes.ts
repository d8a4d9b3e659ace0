import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZCurrentCycle,
  ZCycle,
  ZCycleContentInput,
  ZCycleRulesInput,
  ZCycleSettings,
  ZCycleTimesInput,
} from '../../../shared/schemas/cycle.js';
import { actorOf } from '../../platform/http.js';
import * as svc from './cycle.service.js';

const tags = ['考核设置'];

export default async function cycleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.get(
    '/api/cycles/current',
    { schema: { tags, summary: '当前考核周期（本省任何已登录用户）', response: { 200: ZCurrentCycle } } },
    async (req) => ({
      cycle: await svc.getCurrent(deps, actorOf(req)),
    }),
  );

  app.get(
    '/api/cycle-settings',
    { schema: { tags, summary: '本周期考核设置（省级）', response: { 200: ZCycleSettings } } },
    async (req) => svc.getSettings(deps, actorOf(req, 'admin')),
  );

  app.put(
    '/api/cycle-settings/times',
    {
      schema: {
        tags,
        summary: '保存时间设置（省级；无当前周期时创建）',
        body: ZCycleTimesInput,
        response: { 200: ZCycle },
      },
    },
    async (req) => svc.saveTimes(deps, actorOf(req, 'admin'), req.body),
  );

  app.put(
    '/api/cycle-settings/content',
    { schema: { tags, summary: '编辑考核内容（省级）', body: ZCycleContentInput, response: { 200: ZCycle } } },
    async (req) => svc.saveContent(deps, actorOf(req, 'admin'), req.body),
  );

  app.put(
    '/api/cycle-settings/rules',
    {
      schema: {
        tags,
        summary: '保存合格分数线、试卷规则、初始密码规则、考核程序选择方式（省级）',
        body: ZCycleRulesInput,
        response: { 200: ZCycle },
      },
    },
    async (req) => svc.saveRules(deps, actorOf(req, 'admin'), req.body),
  );
}
