import type { AppDeps } from '../../app.js';
import { exportJobs } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, badRequest, forbidden } from '../../platform/errors.js';
import { enqueueJob } from '../../platform/jobs.js';
import type { TExportJob, TExportRequest } from '../../../shared/schemas/exports.js';
import { DEFINITIONS } from './exports.definitions.js';
import * as repo from './exports.repo.js';

export const RUN_TASK = 'exports.run';
/** queued or running exports one account may have at once */
export const ACTIVE_LIMIT = 5;

function stamp(d: Date): string {
  const c = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${c.slice(0, 10).replaceAll('-', '')}${c.slice(11, 16).replace(':', '')}`;
}

/**
 * 【申请导出】: checks the role, the list's filters and the scope now, freezes the requester's
 * jurisdiction into the job, and queues it; the page follows its progress and offers 【下载】.
 */
export async function requestExport(
  deps: AppDeps,
  actor: Actor,
  body: TExportRequest,
  ctx: { baseUrl: string; requestId?: string },
): Promise<TExportJob> {
  const def = DEFINITIONS[body.kind];
  if (!def.roles.includes(actor.role)) throw forbidden('您没有权限导出该列表');
  const parsed = def.params.safeParse(body.params);
  if (!parsed.success) throw badRequest(`导出条件有误：${parsed.error.issues[0]?.message ?? '请检查筛选条件'}`);
  const params = def.prepare ? await def.prepare(deps, actor, parsed.data, ctx) : parsed.data;
  if ((await repo.countActiveJobs(deps.db, actor)) >= ACTIVE_LIMIT)
    throw new AppError('TOO_MANY_EXPORTS', `您已有${ACTIVE_LIMIT}个导出任务正在进行，请等待完成后再申请`, 429);
  const now = deps.now();
  const ext = def.format === 'pdf' ? 'pdf' : 'xlsx';
  const job = await deps.db.transaction(async (tx) => {
    const [j] = await tx
      .insert(exportJobs)
      .values({
        provinceId: actor.provinceId,
        accountId: actor.accountId,
        role: actor.role,
        orgPath: actor.orgPath,
        kind: body.kind,
        title: def.title,
        params: params as Record<string, unknown>,
        actor: { ...actor } as unknown as Record<string, unknown>,
        status: 'queued',
        total: def.format === 'pdf' ? def.count(params) : null,
        fileName: `${def.title}-${stamp(now)}.${ext}`,
        mime: ext === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        createdAt: now,
        expiresAt: new Date(now.getTime() + deps.config.EXPORT_TTL_HOURS * 3600_000),
      })
      .returning();
    // exports yield to the exam path: a lower priority than the default 0
    await enqueueJob(tx, RUN_TASK, { exportId: j.id }, { maxAttempts: 2, priority: 10 });
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'export',
        targetId: j.id,
        action: `申请导出：${def.title}`,
        orgPath: actor.orgPath,
        provinceId: actor.provinceId,
        after: { kind: body.kind, params: def.format === 'pdf' ? { count: j.total } : params },
      },
      ctx.requestId,
    );
    return j;
  });
  return repo.presentJob(job, now);
}
