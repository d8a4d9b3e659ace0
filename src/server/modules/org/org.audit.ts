/** 操作日志 (audit viewer) and 短信发件箱 (SMS outbox viewer). */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { Db } from '../../db/client.js';
import { auditLog, smsOutbox } from '../../db/schema/index.js';
import { inSubtree, requireProvinceAdmin, type Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import type { TAuditEntry, TAuditQuery, TSmsEntry } from '../../../shared/schemas/org.js';
import { auditSummary } from './audit-summary.js';

/** How to find the name of each kind of audited object (ids arrive as text). */
const NAME_QUERIES: Record<string, string> = {
  organisation: 'SELECT id::text AS id, name FROM organisations WHERE id::text = ANY($1)',
  department: 'SELECT id::text AS id, name FROM departments WHERE id::text = ANY($1)',
  physician: 'SELECT id::text AS id, name FROM physicians WHERE id::text = ANY($1)',
  cycle: 'SELECT id::text AS id, name FROM cycles WHERE id::text = ANY($1)',
  study_material: 'SELECT id::text AS id, title AS name FROM study_materials WHERE id::text = ANY($1)',
  account: `SELECT a.id::text AS id, COALESCE(p.name, o.name, a.login) AS name FROM accounts a
    LEFT JOIN physicians p ON p.id = a.physician_id LEFT JOIN organisations o ON o.id = a.org_id
    WHERE a.id::text = ANY($1)`,
  assessment_application: `SELECT a.id::text AS id, o.name FROM assessment_applications a
    JOIN organisations o ON o.id = a.institution_id WHERE a.id::text = ANY($1)`,
  enrolment: `SELECT e.id::text AS id, p.name FROM enrolments e JOIN physicians p ON p.id = e.physician_id
    WHERE e.id::text = ANY($1)`,
  enrolment_change: `SELECT c.id::text AS id, p.name FROM enrolment_change_requests c
    JOIN physicians p ON p.id = c.physician_id WHERE c.id::text = ANY($1)`,
  exemption_application: `SELECT x.id::text AS id, p.name FROM exemption_applications x
    JOIN enrolments e ON e.id = x.enrolment_id JOIN physicians p ON p.id = e.physician_id WHERE x.id::text = ANY($1)`,
  deferral_application: `SELECT x.id::text AS id, p.name FROM deferral_applications x
    JOIN enrolments e ON e.id = x.enrolment_id JOIN physicians p ON p.id = e.physician_id WHERE x.id::text = ANY($1)`,
  exam_attempt: `SELECT x.id::text AS id, p.name || '的' || CASE x.paper_type WHEN 'humanities' THEN '人文医学测评'
    ELSE '业务水平测评' END AS name FROM exam_attempts x JOIN physicians p ON p.id = x.physician_id
    WHERE x.id::text = ANY($1)`,
};

/** Object names for a page of entries: one query per kind of object on the page. */
async function objectNames(db: Db, rows: { targetType: string; targetId: string }[]) {
  const byType = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!NAME_QUERIES[r.targetType]) continue;
    if (!byType.has(r.targetType)) byType.set(r.targetType, new Set());
    byType.get(r.targetType)?.add(r.targetId);
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const res = await db.$client.query(NAME_QUERIES[type], [[...ids]]);
      for (const row of res.rows as { id: string; name: string }[]) names.set(`${type}:${row.id}`, row.name);
    }),
  );
  return names;
}

/**
 * Administrations read the entries of their subtree; institutions, assessment bodies and
 * industry organisations the entries about their own organisation. Keyset by id, newest first.
 */
export async function listAudit(
  deps: AppDeps,
  actor: Actor,
  q: TAuditQuery,
): Promise<{ items: TAuditEntry[]; nextBefore: number | null }> {
  const scope =
    actor.role === 'admin'
      ? inSubtree(auditLog.orgPath, actor.orgPath)
      : actor.role === 'institution' || actor.role === 'body' || actor.role === 'industry'
        ? eq(auditLog.orgPath, actor.orgPath)
        : null;
  if (!scope) throw forbidden();
  const rows = await deps.db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorName: auditLog.actorName,
      actorRole: auditLog.actorRole,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      action: auditLog.action,
      reason: auditLog.reason,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(
      and(
        scope,
        q.action ? eq(auditLog.action, q.action) : undefined,
        q.targetType ? eq(auditLog.targetType, q.targetType) : undefined,
        q.from ? sql`${auditLog.at} >= (${q.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'` : undefined,
        q.to ? sql`${auditLog.at} < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'` : undefined,
        q.before ? lt(auditLog.id, q.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.pageSize + 1);
  const more = rows.length > q.pageSize;
  const page = rows.slice(0, q.pageSize);
  const names = await objectNames(deps.db, page);
  return {
    items: page.map((r) => ({
      ...r,
      at: r.at.toISOString(),
      objectName: names.get(`${r.targetType}:${r.targetId}`) ?? null,
      summary: auditSummary(r, names.get(`${r.targetType}:${r.targetId}`) ?? null),
    })),
    nextBefore: more ? page[page.length - 1].id : null,
  };
}

/** Verification codes are secrets of the recipient: operators see that a code was sent, not the code. */
function maskCodes(template: string, content: string): string {
  return /CODE|BIND|VERIFY|RESET/i.test(template) ? content.replace(/\d{4,8}/g, (m) => '*'.repeat(m.length)) : content;
}

/** The province's SMS outbox (operator view), newest first. */
export async function listSmsOutbox(
  deps: AppDeps,
  actor: Actor,
  q: { mobile?: string; before?: number; pageSize: number },
): Promise<{ items: TSmsEntry[]; nextBefore: number | null }> {
  requireProvinceAdmin(actor);
  const rows = await deps.db
    .select()
    .from(smsOutbox)
    .where(
      and(
        eq(smsOutbox.provinceId, actor.provinceId),
        q.mobile ? eq(smsOutbox.mobile, q.mobile) : undefined,
        q.before ? lt(smsOutbox.id, q.before) : undefined,
      ),
    )
    .orderBy(desc(smsOutbox.id))
    .limit(q.pageSize + 1);
  const more = rows.length > q.pageSize;
  const page = rows.slice(0, q.pageSize);
  return {
    items: page.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      mobile: r.mobile,
      template: r.template,
      content: maskCodes(r.template, r.content),
      driver: r.driver,
      status: r.status,
      error: r.error,
    })),
    nextBefore: more ? page[page.length - 1].id : null,
  };
}
