import type { Readable } from 'node:stream';
import type { AppDeps } from '../../app.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './exports.repo.js';

/** 【下载】: only the requester, only a finished file, only before it expires. */
export async function downloadExport(
  deps: Pick<AppDeps, 'db' | 'storage' | 'now'>,
  actor: Actor,
  id: string,
  requestId?: string,
): Promise<{ body: Readable; fileName: string; mime: string; size: number | null }> {
  const job = await repo.findOwnJob(deps.db, actor, id);
  if (job.status === 'expired' || (job.status === 'done' && job.expiresAt <= deps.now()))
    throw new AppError('EXPORT_EXPIRED', '导出文件已过期并已删除，请重新申请导出', 410);
  if (job.status === 'failed') throw new AppError('EXPORT_FAILED', job.error ?? '导出失败，请重新申请导出', 409);
  if (job.status !== 'done' || !job.storageKey)
    throw new AppError('EXPORT_NOT_READY', '导出尚未完成，请稍候再点击【下载】', 409);
  // streamed from storage: a large export is never read whole into memory
  const body = await deps.storage.getStream(job.storageKey);
  await writeAudit(
    deps.db,
    actor,
    {
      targetType: 'export',
      targetId: job.id,
      action: `下载导出文件：${job.title}`,
      orgPath: actor.orgPath,
      provinceId: actor.provinceId,
    },
    requestId,
  ).catch((err) => {
    body.destroy();
    throw err;
  });
  return { body, fileName: job.fileName, mime: job.mime, size: job.size };
}
