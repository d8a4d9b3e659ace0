import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZHelpContactInput, ZHelpContactSetting, ZHelpContacts } from '../../../shared/schemas/help.js';
import { actorOf } from '../../platform/http.js';
import * as svc from './help.service.js';

const tags = ['帮助'];

export default async function helpRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  app.get(
    '/api/help/contacts',
    {
      schema: {
        tags,
        summary: '联系客服（公开：登录页显示；已登录时只返回本省）',
        response: { 200: ZHelpContacts },
      },
    },
    async (req) => svc.listContacts(deps, req.session?.actor.provinceId),
  );

  app.get(
    '/api/help/contact-setting',
    { schema: { tags, summary: '联系客服设置（省级卫生行政机构）', response: { 200: ZHelpContactSetting } } },
    async (req) => svc.getSetting(deps, actorOf(req, 'admin')),
  );

  app.put(
    '/api/help/contact-setting',
    {
      schema: {
        tags,
        summary: '保存联系客服（省级卫生行政机构）',
        body: ZHelpContactInput,
        response: { 200: ZHelpContactSetting },
      },
    },
    async (req) => svc.saveSetting(deps, actorOf(req, 'admin'), req.body, req.id),
  );
}
