/**
 * Queries of the proctoring module. Every read of review data takes the actor's scope
 * (`enrolmentScope`, the same jurisdiction rule as every enrolment list).
 */
import { and, asc, desc, eq, ilike, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  enrolments,
  examAttempts,
  organisations,
  physicians,
  proctorCases,
  proctorSummaries,
} from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { escapeLike } from '../../platform/actor.js';
import { badRequest } from '../../platform/errors.js';
import type { PutFile } from '../../platform/uploads.js';
import type { TReviewQuery } from '../../../shared/schemas/proctor.js';
import { enrolmentScope } from '../enrolment/enrolment.transition.js';

/** Recompute one attempt's aggregates from its frames and events (idempotent). */
export async function refreshSummary(db: DbOrTx, attemptId: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO proctor_summaries AS s (attempt_id, enrolment_id, province_id, org_path, paper_type,
      frames_total, frames_pending, min_similarity, no_face, multi_face, camera_lost, spoof_suspected, updated_at)
    SELECT a.id, a.enrolment_id, a.province_id, a.org_path, a.paper_type,
      coalesce(f.total, 0), coalesce(f.pending, 0), f.min_sim, coalesce(f.no_face, 0), coalesce(f.multi, 0),
      coalesce(e.lost, 0), coalesce(f.spoof, 0), now()
    FROM exam_attempts a
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS total,
        count(*) FILTER (WHERE status = 'pending')::int AS pending,
        min(similarity) FILTER (WHERE status = 'scored' AND faces > 0) AS min_sim,
        count(*) FILTER (WHERE status = 'scored' AND faces = 0)::int AS no_face,
        count(*) FILTER (WHERE status = 'scored' AND faces > 1)::int AS multi,
        count(*) FILTER (WHERE spoof_suspected)::int AS spoof
      FROM proctor_frames WHERE attempt_id = a.id
    ) f ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS lost FROM proctor_events
      WHERE attempt_id = a.id AND kind IN ('camera_denied', 'camera_lost')
    ) e ON true
    WHERE a.id = ${attemptId}
    ON CONFLICT (attempt_id) DO UPDATE SET
      frames_total = EXCLUDED.frames_total, frames_pending = EXCLUDED.frames_pending,
      min_similarity = EXCLUDED.min_similarity, no_face = EXCLUDED.no_face, multi_face = EXCLUDED.multi_face,
      camera_lost = EXCLUDED.camera_lost, spoof_suspected = EXCLUDED.spoof_suspected, updated_at = now()`);
}

/**
 * The frame upload's one statement (decisions 0117, 0119): the physician's own attempt, with
 * consent, still open or closed recently enough for a late frame; claim the capture's one-time
 * token (compare-and-set); insert the `files` row and the frame; bump the attempt's counters (the
 * worker recomputes the row exactly after comparing). The comparison is queued by the worker's
 * ticker (`queueWaitingFrames`), not here: `add_job` notifies, and PostgreSQL serialises the
 * commits of notifying transactions. Nothing is written when any condition fails: returns null,
 * and the caller asks `whyFrameRefused` which one. A named statement, parsed and planned once
 * per connection: unnamed, its parsing and planning cost PostgreSQL more than the rest of the
 * upload (decision 0120).
 */
const INSERT_FRAME_SQL = `
WITH att AS (
  SELECT a.id, a.enrolment_id, a.province_id, a.org_path, a.paper_type, a.status <> 'in_progress' AS late
    FROM exam_attempts a
    JOIN exam_consents c ON c.enrolment_id = a.enrolment_id
    LEFT JOIN proctor_settings ps ON ps.province_id = a.province_id
   WHERE a.id = $1 AND a.physician_id = $2
     AND (a.status = 'in_progress'
          OR ($4::timestamptz <= coalesce(a.submitted_at, a.deadline_at) + make_interval(secs => $5::float8)
              AND $3::timestamptz <= coalesce(a.submitted_at, a.deadline_at)
                + make_interval(hours => coalesce(ps.late_upload_hours, $6::int))))
), cap AS (
  UPDATE proctor_captures SET used_at = $3
   WHERE token_hash = $7 AND attempt_id = (SELECT id FROM att) AND used_at IS NULL
  RETURNING id
), fi AS (
  INSERT INTO files (id, owner_account_id, province_id, org_path, purpose, storage_key, mime, size, sha256, original_name)
  SELECT $8::uuid, $9, att.province_id, att.org_path, $10, $11, $12, $13, $14, $15
    FROM cap, att
  RETURNING id
), fr AS (
  INSERT INTO proctor_frames (capture_id, attempt_id, enrolment_id, province_id, org_path, file_id, captured_at, received_at, late)
  SELECT cap.id, att.id, att.enrolment_id, att.province_id, att.org_path, fi.id::text, $4, $3, att.late
    FROM cap, fi, att
  RETURNING id, late
), su AS (
  INSERT INTO proctor_summaries (attempt_id, enrolment_id, province_id, org_path, paper_type, frames_total, frames_pending)
  SELECT att.id, att.enrolment_id, att.province_id, att.org_path, att.paper_type, 1, 1 FROM fr, att
  ON CONFLICT (attempt_id) DO UPDATE
    SET frames_total = proctor_summaries.frames_total + 1,
        frames_pending = proctor_summaries.frames_pending + 1,
        updated_at = now()
)
SELECT fr.id, fr.late FROM fr`;

export async function insertFrame(
  db: Db,
  f: {
    physicianId: number;
    attemptId: number;
    tokenHash: string;
    now: Date;
    capturedAt: Date;
    /** a frame may say it was taken this long after 交卷 */
    submitSlackMs: number;
    /** the late-upload window when the province has not set one */
    defaultLateHours: number;
    file: PutFile & { ownerAccountId: number };
  },
): Promise<{ frameId: number; late: boolean } | null> {
  const file = f.file;
  const r = await db.$client.query({
    name: 'proctor_insert_frame',
    text: INSERT_FRAME_SQL,
    values: [
      f.attemptId,
      f.physicianId,
      f.now,
      f.capturedAt,
      f.submitSlackMs / 1000,
      f.defaultLateHours,
      f.tokenHash,
      file.id,
      file.ownerAccountId,
      file.purpose,
      file.storageKey,
      file.mime,
      file.size,
      file.sha256,
      file.originalName,
    ],
  });
  const row = r.rows[0] as { id: string | number; late: boolean } | undefined;
  return row ? { frameId: Number(row.id), late: row.late } : null;
}

/** Frames per `proctor.compare` job: one job insert for several frames, compared in parallel. */
export const FRAMES_PER_JOB = 8;

/**
 * Queues the comparison of frames uploaded since the last call: marks up to `limit` of them
 * queued and adds `proctor.compare` jobs of up to FRAMES_PER_JOB frames each, in one statement
 * (one notification for the batch). Safe from several worker processes at once (SKIP LOCKED).
 * Returns how many frames were queued.
 */
export async function queueWaitingFrames(db: DbOrTx, limit = 1000): Promise<number> {
  const r = await db.execute(sql`
    WITH q AS (
      UPDATE proctor_frames SET queued_at = now()
       WHERE id IN (SELECT id FROM proctor_frames WHERE queued_at IS NULL ORDER BY id
                     LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id
    ), g AS (
      SELECT array_agg(id ORDER BY id) AS ids
        FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / ${FRAMES_PER_JOB} AS b FROM q) x
       GROUP BY b
    ), jobs AS (
      SELECT graphile_worker.add_jobs(array_agg(
               ('proctor.compare', json_build_object('frameIds', g.ids), NULL, NULL, 8, NULL, NULL, NULL)
                 ::graphile_worker.job_spec)) AS j
        FROM g HAVING count(*) > 0
    )
    SELECT (SELECT count(*)::int FROM q) AS n, (SELECT count(*)::int FROM jobs) AS added`);
  return (r.rows[0] as { n: number }).n;
}

/** Keyset cursor: "<sortKey>:<attemptId>" where sortKey is coalesce(min_similarity, 101) or the attempt id. */
function parseCursor(c: string | undefined): [number, number] | null {
  if (!c) return null;
  const m = /^(\d+):(\d+)$/.exec(c);
  if (!m) throw badRequest('分页参数不正确，请刷新后重试');
  return [Number(m[1]), Number(m[2])];
}

export async function findReviewRows(db: DbOrTx, actor: Actor, q: TReviewQuery) {
  const simKey = sql<number>`coalesce(${proctorSummaries.minSimilarity}, 101)`;
  const conds: (SQL | undefined)[] = [enrolmentScope(actor)];
  if (q.paperType) conds.push(eq(proctorSummaries.paperType, q.paperType));
  if (q.institutionId) conds.push(eq(enrolments.institutionId, q.institutionId));
  if (q.below) conds.push(sql`${proctorSummaries.minSimilarity} < ${q.below}`);
  if (q.flagged === 'yes') conds.push(eq(proctorCases.flagged, true));
  if (q.flagged === 'no') conds.push(sql`coalesce(${proctorCases.flagged}, false) = false`);
  if (q.processed === 'yes') conds.push(eq(enrolments.status, 'disciplinary_failed'));
  if (q.processed === 'no') conds.push(sql`${enrolments.status} <> 'disciplinary_failed'`);
  if (q.keyword) {
    const k = `%${escapeLike(q.keyword)}%`;
    conds.push(or(ilike(physicians.name, k), ilike(physicians.idNumber, k)));
  }
  const cur = parseCursor(q.cursor);
  if (cur) {
    conds.push(
      q.sort === 'similarity'
        ? sql`(${simKey}, ${proctorSummaries.attemptId}) > (${cur[0]}, ${cur[1]})`
        : sql`${proctorSummaries.attemptId} < ${cur[1]}`,
    );
  }
  const rows = await db
    .select({
      s: proctorSummaries,
      physicianName: physicians.name,
      idNumber: physicians.idNumber,
      institutionName: organisations.name,
      enrolmentStatus: enrolments.status,
      startedAt: examAttempts.startedAt,
      flagged: proctorCases.flagged,
      caseStatus: proctorCases.status,
      simKey,
    })
    .from(proctorSummaries)
    .innerJoin(enrolments, eq(enrolments.id, proctorSummaries.enrolmentId))
    .innerJoin(examAttempts, eq(examAttempts.id, proctorSummaries.attemptId))
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, enrolments.institutionId))
    .leftJoin(proctorCases, eq(proctorCases.enrolmentId, enrolments.id))
    .where(and(...conds))
    .orderBy(
      ...(q.sort === 'similarity'
        ? [asc(simKey), asc(proctorSummaries.attemptId)]
        : [desc(proctorSummaries.attemptId)]),
    )
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor = more && last ? `${q.sort === 'similarity' ? last.simKey : 0}:${last.s.attemptId}` : null;
  return { page, nextCursor };
}

/** The attempt with its enrolment if the actor may see it (else null → 404). */
export async function findAttemptForActor(db: DbOrTx, actor: Actor, attemptId: number) {
  const [row] = await db
    .select({
      attemptId: examAttempts.id,
      paperType: examAttempts.paperType,
      enrolment: enrolments,
      physicianName: physicians.name,
    })
    .from(examAttempts)
    .innerJoin(enrolments, eq(enrolments.id, examAttempts.enrolmentId))
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .where(and(eq(examAttempts.id, attemptId), enrolmentScope(actor)));
  return row ?? null;
}

export async function findCaseRows(
  db: DbOrTx,
  actor: Actor,
  q: { status?: string; keyword?: string; cursor?: string; limit: number },
) {
  const conds: (SQL | undefined)[] = [enrolmentScope(actor), isNotNull(proctorCases.status)];
  if (q.status) conds.push(eq(proctorCases.status, q.status as never));
  if (q.keyword) {
    const k = `%${escapeLike(q.keyword)}%`;
    conds.push(or(ilike(physicians.name, k), ilike(physicians.idNumber, k)));
  }
  if (q.cursor) {
    if (!/^\d+$/.test(q.cursor)) throw badRequest('分页参数不正确，请刷新后重试');
    conds.push(sql`${proctorCases.enrolmentId} < ${Number(q.cursor)}`);
  }
  const rows = await db
    .select({
      c: proctorCases,
      physicianName: physicians.name,
      idNumber: physicians.idNumber,
      institutionName: organisations.name,
    })
    .from(proctorCases)
    .innerJoin(enrolments, eq(enrolments.id, proctorCases.enrolmentId))
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, enrolments.institutionId))
    .where(and(...conds))
    .orderBy(desc(proctorCases.enrolmentId))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.c.enrolmentId);
  const attempts = ids.length
    ? await db
        .select({ id: examAttempts.id, enrolmentId: examAttempts.enrolmentId })
        .from(examAttempts)
        .where(inArray(examAttempts.enrolmentId, ids))
        .orderBy(asc(examAttempts.id))
    : [];
  return {
    page: page.map((r) => ({
      ...r,
      attemptIds: attempts.filter((a) => a.enrolmentId === r.c.enrolmentId).map((a) => a.id),
    })),
    nextCursor: more && page.length ? String(page.at(-1)!.c.enrolmentId) : null,
  };
}
