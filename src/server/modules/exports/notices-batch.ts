/**
 * 证书打印 in batch: one PDF holding the 考核结果通知书 of many passed physicians, one per page,
 * built by the export job with progress. The set is frozen at the moment of the request (ids in
 * the job's params), inside the requester's jurisdiction; each page is drawn by the notice
 * module's own renderer.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../../app.js';
import type { Actor } from '../../platform/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { createChineseA4 } from '../../platform/pdf.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../shared/domain/enrolment.js';
import { NOTICE_BATCH_MAX, type ZNoticeBatchParams } from '../../../shared/schemas/exports.js';
import { currentCycle, enrolmentScope } from '../enrolment/enrolment.transition.js';
import { drawNotice, loadNoticeData } from '../notice/notice.service.js';

export type NoticeBatchParams = z.infer<typeof ZNoticeBatchParams> & { baseUrl?: string };

const listNames = (rows: { name: string }[]) =>
  rows.length <= 5
    ? rows.map((r) => r.name).join('、')
    : `${rows
        .slice(0, 5)
        .map((r) => r.name)
        .join('、')}等`;

export async function prepareNoticeBatch(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  p: NoticeBatchParams,
  ctx: { baseUrl: string },
): Promise<NoticeBatchParams> {
  const cycle = await currentCycle(deps.db, actor.provinceId);
  if (p.enrolmentIds) {
    const ids = [...new Set(p.enrolmentIds)];
    const r = await deps.db.execute(sql`
      SELECT enrolments.id, enrolments.status, ph.name FROM enrolments JOIN physicians ph ON ph.id = enrolments.physician_id
       WHERE enrolments.id IN (${sql.join(
         ids.map((i) => sql`${i}`),
         sql`, `,
       )}) AND ${enrolmentScope(actor)}
       ORDER BY enrolments.id`);
    const rows = r.rows as { id: number; status: EnrolmentStatus; name: string }[];
    if (rows.length !== ids.length) throw notFound('所选考核记录');
    const refused = rows.filter((x) => x.status !== 'passed');
    if (refused.length) {
      const kinds = [...new Set(refused.map((x) => ENROLMENT_STATUS_LABELS[x.status]))].join('、');
      throw new AppError(
        'NOT_PASSED',
        `所选医师中有${refused.length}人考核未完成或不合格（${listNames(refused)}，状态：${kinds}），仅考核合格的医师可以打印证书，请取消勾选后重试`,
        409,
      );
    }
    return { enrolmentIds: ids.sort((a, b) => a - b), baseUrl: ctx.baseUrl };
  }
  // a whole filter: every passed physician matching it
  const r = await deps.db.execute(sql`
    SELECT enrolments.id FROM enrolments
     WHERE enrolments.cycle_id = ${cycle.id} AND enrolments.status = 'passed' AND ${enrolmentScope(actor)}
       ${p.institutionId ? sql`AND enrolments.institution_id = ${p.institutionId}` : sql``}
       ${p.procedure ? sql`AND enrolments.procedure = ${p.procedure}` : sql``}
     ORDER BY enrolments.id
     LIMIT ${NOTICE_BATCH_MAX + 1}`);
  const ids = (r.rows as { id: number }[]).map((x) => x.id);
  if (!ids.length) throw new AppError('NOTHING_TO_PRINT', '没有符合条件的考核合格医师，无需打印证书', 409);
  if (ids.length > NOTICE_BATCH_MAX)
    throw new AppError(
      'TOO_MANY',
      `一次最多打印${NOTICE_BATCH_MAX}份证书，请按卫生机构或考核程序缩小范围后分批打印`,
      409,
    );
  return { enrolmentIds: ids, baseUrl: ctx.baseUrl };
}

/** Draws every notice into one document streamed to `out`, yielding to the event loop between pages. */
export async function renderNoticeBatch(
  deps: AppDeps,
  actor: Actor,
  p: NoticeBatchParams,
  out: Writable,
  progress: (n: number) => void,
): Promise<void> {
  const ids = p.enrolmentIds ?? [];
  const doc = createChineseA4({ title: '医师定期考核结果通知书' });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  for (let i = 0; i < ids.length; i++) {
    // re-checked through the scope at print time: a result changed since the request is refused
    const data = await loadNoticeData(deps, actor, ids[i], p.baseUrl ?? '');
    if (i > 0) doc.addPage();
    drawNotice(doc, data);
    progress(i + 1);
    await yieldToLoop();
  }
  doc.end();
  await done;
}
