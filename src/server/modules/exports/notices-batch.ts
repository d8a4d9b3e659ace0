/**
 * 证书打印 in batch: one PDF holding the 考核结果通知书 of many passed physicians, one per page,
 * built by the export job with progress. The set is frozen at the moment of the request (ids in
 * the job's params), inside the requester's jurisdiction; each page is drawn by the notice
 * module's own renderer. Set-based (decision 0110): the notices are issued in one statement and
 * the pages' data read 100 at a time, instead of ≈ 6 queries and a transaction per page.
 */
import type { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { cycles, enrolments, files, notices, organisations, physicians } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAuditMany } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { createChineseA4 } from '../../platform/pdf.js';
import { createPacer } from '../../platform/pacer.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../shared/domain/enrolment.js';
import { NOTICE_BATCH_MAX, type ZNoticeBatchParams } from '../../../shared/schemas/exports.js';
import { currentCycle, enrolmentScope } from '../enrolment/enrolment.transition.js';
import { drawNotice, type NoticeData } from '../notice/notice.service.js';
import { noticeQrPng } from './notice-qr.js';

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

/** pages loaded per round trip */
const CHUNK = 100;

type EnrolmentRow = typeof enrolments.$inferSelect;

/**
 * Issues (once) the notices of every enrolment in `ids` that has none yet — one INSERT for the
 * whole set, with one audit row per issued notice in one more INSERT, in one transaction. Every id
 * is re-checked through the actor's scope first (a result changed since the request is refused:
 * nothing is issued). The issuer is the institution's administration, as for a single notice.
 */
export async function issueMissingNotices(deps: Pick<AppDeps, 'db'>, actor: Actor, ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  return deps.db.transaction(async (tx) => {
    const seen = (await tx
      .select({
        id: enrolments.id,
        status: enrolments.status,
        orgPath: enrolments.orgPath,
        provinceId: enrolments.provinceId,
      })
      .from(enrolments)
      .where(and(inArray(enrolments.id, ids), enrolmentScope(actor)))) as {
      id: number;
      status: EnrolmentStatus;
      orgPath: string;
      provinceId: number;
    }[];
    if (seen.length !== new Set(ids).size) throw notFound('考核记录');
    if (seen.some((e) => e.status !== 'passed'))
      throw new AppError('NOT_PASSED', '仅考核合格的医师可以打印考核结果通知书', 409);
    const byId = new Map(seen.map((e) => [e.id, e]));
    let issued = 0;
    // a random code that collides with an existing one leaves its row out: the next round retries it
    for (let round = 0; round < 3; round++) {
      const missing = (
        await tx
          .select({ id: enrolments.id })
          .from(enrolments)
          .where(
            and(
              inArray(enrolments.id, ids),
              sql`NOT EXISTS (SELECT 1 FROM ${notices} n WHERE n.enrolment_id = ${enrolments.id})`,
            ),
          )
      ).map((r) => r.id);
      if (!missing.length) break;
      const codes = missing.map(() => randomBytes(12).toString('base64url'));
      const created = (
        await tx.execute(sql`
          INSERT INTO notices (enrolment_id, province_id, code, issuer_org_id)
          SELECT e.id, e.province_id, c.code, coalesce(o.parent_id, e.province_id)
            FROM unnest(${`{${missing.join(',')}}`}::bigint[], ${`{${codes.join(',')}}`}::text[]) AS c(id, code)
            JOIN enrolments e ON e.id = c.id
            JOIN organisations o ON o.id = e.institution_id
          ON CONFLICT DO NOTHING
          RETURNING id, enrolment_id`)
      ).rows as { id: string; enrolment_id: string | number }[];
      await writeAuditMany(
        tx,
        actor,
        created.map((n) => {
          const e = byId.get(Number(n.enrolment_id))!;
          return {
            targetType: 'enrolment',
            targetId: e.id,
            action: '签发考核结果通知书',
            orgPath: e.orgPath,
            provinceId: e.provinceId,
            after: { notice: n.id },
          };
        }),
      );
      issued += created.length;
    }
    return issued;
  });
}

/**
 * What `loadNoticeData` gives for one notice, for up to CHUNK enrolments in a few queries: the
 * enrolments (through the actor's scope) with physician, institution, notice and issuer in one
 * join, the cycles once per batch (`cycleCache`), the photos' file rows in one query. The notices
 * must have been issued (`issueMissingNotices`). Returned in the order of `ids`.
 */
export async function loadNoticeBatchData(
  deps: Pick<AppDeps, 'db' | 'storage'>,
  actor: Actor,
  ids: number[],
  baseUrl: string,
  cycleCache = new Map<number, typeof cycles.$inferSelect>(),
): Promise<NoticeData[]> {
  const issuer = alias(organisations, 'issuer');
  const rows = await deps.db
    .select({
      e: enrolments,
      p: physicians,
      notice: notices,
      instName: organisations.name,
      issuerName: issuer.name,
    })
    .from(enrolments)
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, enrolments.institutionId))
    .innerJoin(notices, eq(notices.enrolmentId, enrolments.id))
    .leftJoin(issuer, eq(issuer.id, notices.issuerOrgId))
    .where(and(inArray(enrolments.id, ids), enrolmentScope(actor)));
  const byId = new Map(rows.map((r) => [r.e.id, r]));
  const missingCycles = [...new Set(rows.map((r) => r.e.cycleId))].filter((c) => !cycleCache.has(c));
  if (missingCycles.length)
    for (const c of await deps.db.select().from(cycles).where(inArray(cycles.id, missingCycles)))
      cycleCache.set(c.id, c);
  const photoIds = rows.map((r) => r.e.photoFileId).filter((x): x is string => Boolean(x));
  const photoKeys = new Map(
    photoIds.length
      ? (
          await deps.db.select({ id: files.id, key: files.storageKey }).from(files).where(inArray(files.id, photoIds))
        ).map((f) => [f.id, f.key])
      : [],
  );
  return Promise.all(
    ids.map(async (id) => {
      const r = byId.get(id);
      if (!r) throw notFound('考核记录');
      if (r.e.status !== 'passed') throw new AppError('NOT_PASSED', '仅考核合格的医师可以打印考核结果通知书', 409);
      const verifyUrl = `${baseUrl}/verify/${r.notice.code}`;
      const key = r.e.photoFileId ? photoKeys.get(r.e.photoFileId) : undefined;
      // the same pixels as the single notice's QR image, without the alpha channel pdfkit would split
      const qr = noticeQrPng(verifyUrl);
      const photo = key ? await deps.storage.get(key).catch(() => null) : null;
      return {
        e: r.e as EnrolmentRow,
        notice: r.notice,
        p: r.p,
        cycle: cycleCache.get(r.e.cycleId)!,
        inst: { name: r.instName },
        issuer: r.issuerName === null ? undefined : { name: r.issuerName },
        verifyUrl,
        qr,
        photo,
      } satisfies NoticeData;
    }),
  );
}

/**
 * Draws every notice into one document streamed to `out`: the missing notices are issued in one
 * statement, then pages are loaded CHUNK at a time (the next chunk is read while this one is drawn)
 * and drawn by the notice module's own `drawNotice` on one document (fonts embedded once).
 */
export async function renderNoticeBatch(
  deps: AppDeps,
  actor: Actor,
  p: NoticeBatchParams,
  out: Writable,
  progress: (n: number) => void,
): Promise<void> {
  const ids = p.enrolmentIds ?? [];
  // re-checked through the scope at print time: a result changed since the request is refused
  await issueMissingNotices(deps, actor, ids);
  const doc = await createChineseA4({ title: '医师定期考核结果通知书' });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  const cycleCache = new Map<number, typeof cycles.$inferSelect>();
  const load = (from: number) =>
    loadNoticeBatchData(deps, actor, ids.slice(from, from + CHUNK), p.baseUrl ?? '', cycleCache);
  let next = ids.length ? load(0) : null;
  next?.catch(() => undefined);
  const pacer = createPacer();
  for (let i = 0; next; ) {
    const pages = await next;
    next = i + CHUNK < ids.length ? load(i + CHUNK) : null;
    next?.catch(() => undefined);
    for (const data of pages) {
      if (i > 0) doc.addPage();
      drawNotice(doc, data);
      progress(++i);
      if (i % 10 === 0) await pacer.pace();
    }
  }
  doc.end();
  await done;
}
