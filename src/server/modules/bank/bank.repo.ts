import { and, asc, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { files, questions, questionVersions, studyMaterials } from '../../db/schema/index.js';
import { escapeLike } from '../../platform/actor.js';
import type { TQuestionListQuery } from '../../../shared/schemas/bank.js';

export type QuestionRow = typeof questions.$inferSelect;
export type VersionRow = typeof questionVersions.$inferSelect;
export interface QuestionWithVersion {
  q: QuestionRow;
  v: VersionRow;
}

/** Filters of the bank list; always inside one province (the bank belongs to the province). */
export function questionFilter(provinceId: number, f: Omit<Partial<TQuestionListQuery>, 'page' | 'pageSize'>): SQL {
  const conds: SQL[] = [eq(questions.provinceId, provinceId)];
  if (f.bank) conds.push(eq(questions.bank, f.bank));
  if (f.category) conds.push(eq(questions.category, f.category));
  if (f.practiceCategory) conds.push(eq(questions.practiceCategory, f.practiceCategory));
  if (f.status) conds.push(eq(questions.status, f.status));
  if (f.type) conds.push(eq(questionVersions.type, f.type));
  if (f.difficulty) conds.push(eq(questionVersions.difficulty, f.difficulty));
  if (f.keyword) conds.push(sql`${questionVersions.stem} ILIKE ${`%${escapeLike(f.keyword)}%`}`);
  return and(...conds)!;
}

export async function listQuestions(
  db: DbOrTx,
  provinceId: number,
  f: TQuestionListQuery,
): Promise<{ rows: QuestionWithVersion[]; total: number }> {
  const where = questionFilter(provinceId, f);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(where);
  const rows = await db
    .select({ q: questions, v: questionVersions })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(where)
    .orderBy(desc(questions.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { rows, total: n };
}

/** Keyset batches for streaming exports. */
export async function questionBatch(
  db: DbOrTx,
  where: SQL,
  afterId: number,
  limit: number,
): Promise<QuestionWithVersion[]> {
  return db
    .select({ q: questions, v: questionVersions })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(and(where, gt(questions.id, afterId)))
    .orderBy(asc(questions.id))
    .limit(limit);
}

/** One question of the province (a question of another province is "not found"). */
export async function findQuestion(
  db: DbOrTx,
  provinceId: number,
  id: number,
  forUpdate = false,
): Promise<QuestionRow | undefined> {
  const q = db
    .select()
    .from(questions)
    .where(and(eq(questions.id, id), eq(questions.provinceId, provinceId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function versionsOf(db: DbOrTx, questionId: number): Promise<VersionRow[]> {
  return db
    .select()
    .from(questionVersions)
    .where(eq(questionVersions.questionId, questionId))
    .orderBy(desc(questionVersions.version));
}

/** A version (any, including superseded ones) of a question of the province. */
export async function findVersion(
  db: DbOrTx,
  provinceId: number,
  versionId: number,
): Promise<QuestionWithVersion | undefined> {
  const [row] = await db
    .select({ q: questions, v: questionVersions })
    .from(questionVersions)
    .innerJoin(questions, eq(questions.id, questionVersions.questionId))
    .where(and(eq(questionVersions.id, versionId), eq(questions.provinceId, provinceId)));
  return row;
}

/** Reserve n ids of a serial column, so bulk inserts can link rows without relying on RETURNING order. */
export async function reserveIds(
  db: DbOrTx,
  sequence: 'questions_id_seq' | 'question_versions_id_seq',
  n: number,
): Promise<number[]> {
  if (n === 0) return [];
  const r = await db.execute(sql`SELECT nextval(${sequence}::regclass)::int AS id FROM generate_series(1, ${n})`);
  return (r.rows as { id: number }[]).map((x) => x.id);
}

/** 考前资料 of one province, newest first (the admin list). */
export function findMaterials(db: DbOrTx, provinceId: number) {
  return db
    .select()
    .from(studyMaterials)
    .where(eq(studyMaterials.provinceId, provinceId))
    .orderBy(desc(studyMaterials.id))
    .limit(500);
}

/** The stored attachment of one material of the province; `publishedOnly` for physicians. */
export async function findMaterialFile(
  db: DbOrTx,
  provinceId: number,
  id: number,
  publishedOnly: boolean,
): Promise<{ storageKey: string; mime: string; name: string } | undefined> {
  const conds = [eq(studyMaterials.id, id), eq(studyMaterials.provinceId, provinceId)];
  if (publishedOnly) conds.push(eq(studyMaterials.published, true));
  const [row] = await db
    .select({ storageKey: files.storageKey, mime: files.mime, name: files.originalName })
    .from(studyMaterials)
    .innerJoin(files, eq(files.id, studyMaterials.fileId))
    .where(and(...conds));
  return row;
}
