/**
 * 学习 queries. Everything is scoped to the signed-in physician: their own practice answers,
 * mock attempts and wrong questions; of the bank, what they may practise (`bankScope`: all
 * 人文医学 and 业务水平 of their own 执业类别, enabled, in their province); published 考前资料
 * of their province.
 */
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  mockAttempts,
  physicians,
  practiceAnswers,
  questions,
  questionVersions,
  studyMaterials,
  wrongQuestions,
} from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import type { TPracticeQuery } from '../../../shared/schemas/learning.js';

export type PhysicianRow = typeof physicians.$inferSelect;
export type MockRow = typeof mockAttempts.$inferSelect;

/** The signed-in physician (404 for anyone else), optionally locked. */
export async function findOwnPhysician(db: DbOrTx, actor: Actor, forUpdate = false): Promise<PhysicianRow> {
  const q = db
    .select()
    .from(physicians)
    .where(eq(physicians.id, actor.physicianId ?? -1));
  const [p] = forUpdate ? await q.for('update') : await q;
  if (!p) throw notFound('医师');
  return p;
}

/** The physician's view of the bank: all 人文医学, and 业务水平 of their own 执业类别. */
function bankScope(p: PhysicianRow) {
  return and(
    eq(questions.provinceId, p.provinceId),
    eq(questions.status, 'enabled'),
    sql`(${questions.bank} = 'humanities' OR (${questions.bank} = 'professional' AND ${questions.practiceCategory} = ${p.practiceCategory}))`,
  )!;
}

/** 学习 home: questions per bank and category, practice and wrong/mock counts. */
export async function findOverviewCounts(db: DbOrTx, p: PhysicianRow) {
  const cats = await db
    .select({ bank: questions.bank, category: questions.category, count: count() })
    .from(questions)
    .where(bankScope(p))
    .groupBy(questions.bank, questions.category)
    .orderBy(questions.category);
  const [pr] = await db
    .select({ n: count(), ok: sql<number>`count(*) FILTER (WHERE ${practiceAnswers.correct})::int` })
    .from(practiceAnswers)
    .where(eq(practiceAnswers.physicianId, p.id));
  const [w] = await db.select({ n: count() }).from(wrongQuestions).where(eq(wrongQuestions.physicianId, p.id));
  const [m] = await db.select({ n: count() }).from(mockAttempts).where(eq(mockAttempts.physicianId, p.id));
  return { cats, practiced: pr.n, practicedCorrect: pr.ok, wrongCount: w.n, mockCount: m.n };
}

/** The next practice question (not yet answered correctly first, random) and how many remain. */
export async function findNextPracticeQuestion(db: DbOrTx, p: PhysicianRow, f: TPracticeQuery) {
  const where = and(
    bankScope(p),
    eq(questions.bank, f.bank),
    f.category ? eq(questions.category, f.category) : undefined,
    f.type ? eq(questionVersions.type, f.type) : undefined,
  );
  const mastered = sql`EXISTS (SELECT 1 FROM ${practiceAnswers} pa WHERE pa.physician_id = ${p.id} AND pa.question_id = ${questions.id} AND pa.correct)`;
  const [row] = await db
    .select({
      versionId: questionVersions.id,
      questionId: questions.id,
      bank: questions.bank,
      category: questions.category,
      type: questionVersions.type,
      stem: questionVersions.stem,
      options: questionVersions.options,
    })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(and(where, f.exclude ? sql`${questions.id} <> ${f.exclude}` : undefined))
    .orderBy(mastered, sql`random()`)
    .limit(1);
  const [{ n }] = await db
    .select({ n: count() })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(and(where, sql`NOT ${mastered}`));
  return { question: row ?? null, remaining: n };
}

/** A question version the physician may practise. */
export async function findPracticeVersion(db: DbOrTx, p: PhysicianRow, versionId: number) {
  const [row] = await db
    .select({ q: questions, v: questionVersions })
    .from(questionVersions)
    .innerJoin(questions, eq(questions.id, questionVersions.questionId))
    .where(and(eq(questionVersions.id, versionId), bankScope(p)));
  return row;
}

/** The physician's running mock attempts (locked when closing timed-out ones). */
export async function findOpenMocks(db: DbOrTx, p: PhysicianRow, forUpdate = false): Promise<MockRow[]> {
  const q = db
    .select()
    .from(mockAttempts)
    .where(and(eq(mockAttempts.physicianId, p.id), eq(mockAttempts.status, 'in_progress')));
  return forUpdate ? q.for('update') : q;
}

export async function findRunningMockId(db: DbOrTx, p: PhysicianRow, paper: MockRow['paper']) {
  const [running] = await db
    .select({ id: mockAttempts.id })
    .from(mockAttempts)
    .where(
      and(eq(mockAttempts.physicianId, p.id), eq(mockAttempts.paper, paper), eq(mockAttempts.status, 'in_progress')),
    );
  return running?.id ?? null;
}

/** One of the physician's own mock attempts, locked (404 otherwise). */
export async function lockOwnMock(tx: DbOrTx, p: PhysicianRow, id: number): Promise<MockRow> {
  const [r] = await tx
    .select()
    .from(mockAttempts)
    .where(and(eq(mockAttempts.id, id), eq(mockAttempts.physicianId, p.id)))
    .for('update');
  if (!r) throw notFound('模拟自测');
  return r;
}

export async function findMockHistory(db: DbOrTx, p: PhysicianRow): Promise<MockRow[]> {
  return db
    .select()
    .from(mockAttempts)
    .where(eq(mockAttempts.physicianId, p.id))
    .orderBy(desc(mockAttempts.id))
    .limit(100);
}

/** The question versions frozen in an attempt the caller has read (stem, options, explanation). */
export async function findVersionsById(db: DbOrTx, ids: number[]) {
  return db
    .select({
      id: questionVersions.id,
      stem: questionVersions.stem,
      options: questionVersions.options,
      explanation: questionVersions.explanation,
    })
    .from(questionVersions)
    .where(inArray(questionVersions.id, ids));
}

/** A page of the physician's wrong questions (latest mistake first) and the total. */
export async function findWrongPage(
  db: DbOrTx,
  p: PhysicianRow,
  f: { bank?: 'humanities' | 'professional'; page: number; pageSize: number },
) {
  const where = and(eq(wrongQuestions.physicianId, p.id), f.bank ? eq(questions.bank, f.bank) : undefined);
  const [{ n }] = await db
    .select({ n: count() })
    .from(wrongQuestions)
    .innerJoin(questions, eq(questions.id, wrongQuestions.questionId))
    .where(where);
  const rows = await db
    .select({ w: wrongQuestions, q: questions, v: questionVersions })
    .from(wrongQuestions)
    .innerJoin(questions, eq(questions.id, wrongQuestions.questionId))
    .innerJoin(questionVersions, eq(questionVersions.id, wrongQuestions.versionId))
    .where(where)
    .orderBy(desc(wrongQuestions.lastWrongAt), desc(wrongQuestions.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { total: n, rows };
}

const publishedIn = (actor: Actor) =>
  and(eq(studyMaterials.provinceId, actor.provinceId), eq(studyMaterials.published, true));

/** Published 考前资料 of the actor's province (newest first, at most 200). */
export async function findPublishedMaterials(db: DbOrTx, actor: Actor) {
  return db.select().from(studyMaterials).where(publishedIn(actor)).orderBy(desc(studyMaterials.id)).limit(200);
}

export async function findPublishedMaterial(db: DbOrTx, actor: Actor, id: number) {
  const [row] = await db
    .select()
    .from(studyMaterials)
    .where(and(eq(studyMaterials.id, id), publishedIn(actor)));
  return row;
}
