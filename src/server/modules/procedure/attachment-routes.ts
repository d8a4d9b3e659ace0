/**
 * The two routes every kind of file attached to an enrolment has (简易程序证明材料, 免考材料,
 * 延期考核附件): upload (multipart, checked by content in the service) and delete, both by the
 * physician. Registered by the procedure, exemption and deferral route plugins.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { type TAttachment, ZAttachment } from '../../../shared/schemas/procedure.js';
import type { Actor } from '../../platform/actor.js';
import { actorOf } from '../../platform/http.js';
import { readUpload } from '../../platform/uploads.js';

export const ZEnrolmentId = z.object({ id: z.coerce.number().int().positive() });
export const ZEnrolmentFileParams = z.object({
  id: z.coerce.number().int().positive(),
  fileId: z.string().uuid({ message: '文件不存在' }),
});
export const ZOk = z.object({ ok: z.literal(true) });

export function registerAttachmentRoutes(
  fastify: FastifyInstance,
  o: {
    /** `/api/enrolments/:id/<segment>` and `/api/enrolments/:id/<segment>/:fileId` */
    segment: string;
    tags: string[];
    uploadSummary: string;
    deleteSummary: string;
    upload: (deps: AppDeps, actor: Actor, enrolmentId: number, buf: Buffer, name: string) => Promise<TAttachment>;
    remove: (deps: AppDeps, actor: Actor, enrolmentId: number, fileId: string) => Promise<unknown>;
  },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  app.post(
    `/api/enrolments/:id/${o.segment}`,
    {
      schema: {
        tags: o.tags,
        summary: o.uploadSummary,
        params: ZEnrolmentId,
        consumes: ['multipart/form-data'],
        response: { 200: ZAttachment },
      },
    },
    async (req) => {
      const actor = actorOf(req, 'physician');
      const { buf, name } = await readUpload(req);
      return o.upload(deps, actor, req.params.id, buf, name);
    },
  );
  app.delete(
    `/api/enrolments/:id/${o.segment}/:fileId`,
    { schema: { tags: o.tags, summary: o.deleteSummary, params: ZEnrolmentFileParams, response: { 200: ZOk } } },
    async (req) => {
      await o.remove(deps, actorOf(req, 'physician'), req.params.id, req.params.fileId);
      return { ok: true as const };
    },
  );
}
