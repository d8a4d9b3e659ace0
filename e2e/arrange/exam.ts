import { randomUUID } from 'node:crypto';
import { type APIRequestContext, expect } from '@playwright/test';
import { e2eDb } from '../db';
import { call, orgApi, type Pw } from './api';

export type PaperType = 'humanities' | 'professional';

/**
 * 测评设置 › 试卷设置 as the province administration saves it (PUT /api/exam/blueprints/:type):
 * the spec's own paper (e.g. 5 questions, 60 minutes, 3 attempts), drawn from the demo
 * province's 题库 with one rule: difficulty 1 only. In the demo bank that level holds single-choice
 * and true/false questions only (no 多选题), so "the correct option" is one click and the specs'
 * score arithmetic (one question = 100 / count points) holds.
 */
export async function setBlueprint(
  pw: Pw,
  baseURL: string,
  paperType: PaperType,
  bp: { durationMinutes: number; questionCount: number; attempts: number },
) {
  const admin = await orgApi(pw, baseURL, 'gx_wjw');
  const rules = [{ category: null, difficulty: 1, count: bp.questionCount }];
  await call(admin, 'PUT', `/api/exam/blueprints/${paperType}`, { ...bp, rules });
  const { papers } = await call(admin, 'GET', '/api/exam/blueprints');
  const saved = papers.find((p: { paperType: string }) => p.paperType === paperType);
  expect(saved, `试卷设置 ${paperType}`).toMatchObject({ ...bp, rules });
  await admin.dispose();
}

/** The frozen paper of an attempt (opaque option ids in display order, the correct ids) — read only. */
export async function paperOf(attemptId: number): Promise<{ o: string[]; a: string[] }[]> {
  const db = e2eDb();
  try {
    const { rows } = await db.query('SELECT paper FROM exam_attempts WHERE id = $1', [attemptId]);
    return rows[0].paper.items;
  } finally {
    await db.end();
  }
}

/**
 * One paper taken through the physician's API session the way the test page does it:
 * 人脸信息采集授权, 【去考试】, one journal entry per answer (`right` answered correctly, the rest
 * wrong), 【交卷】. Returns the server's result.
 */
export async function takePaper(doc: APIRequestContext, paperType: PaperType, right: number) {
  await call(doc, 'POST', '/api/exam/consent');
  const { attemptId } = await call(doc, 'POST', `/api/exam/papers/${paperType}/start`);
  const items = await paperOf(attemptId);
  const deviceId = `arrange-${randomUUID().slice(0, 8)}`;
  let seq = 0;
  for (const [i, item] of items.entries()) {
    const choice = i < right ? item.a : [item.o.find((id) => !item.a.includes(id))!];
    await call(doc, 'PUT', `/api/exam/attempts/${attemptId}/answers/${i}`, { choice, seq: ++seq, deviceId });
  }
  const r = await call(doc, 'POST', `/api/exam/attempts/${attemptId}/submit`);
  return { attemptId, ...(r as { status: string; score: number; passed: boolean; finished: boolean }) };
}

/**
 * Both papers taken through the exam API (一般程序): the enrolment moves on to 待评定测评成绩 by
 * itself (FINISH_PAPERS). `right` counts the questions answered correctly per paper (default: all).
 */
export async function takeBothPapers(
  doc: APIRequestContext,
  right: { humanities?: number; professional?: number } = {},
) {
  const h = await takePaper(doc, 'humanities', right.humanities ?? Number.POSITIVE_INFINITY);
  const p = await takePaper(doc, 'professional', right.professional ?? Number.POSITIVE_INFINITY);
  expect(p.finished, '完成测评 → 待评定测评成绩').toBe(true);
  return { humanities: h, professional: p };
}

/**
 * 成绩评定 as the assessment body does it (评定一般程序成绩结果 【确认】 through
 * POST /api/grading/confirm): the first-round result of the listed enrolments.
 */
export async function gradeFirstRound(pw: Pw, baseURL: string, enrolmentIds: number[]) {
  const body = await orgApi(pw, baseURL, 'yy_gxyd1', 'body');
  const r = await call(body, 'POST', '/api/grading/confirm', { ids: enrolmentIds, round: 'first' });
  expect(r).toMatchObject({ done: enrolmentIds.length, failed: [] });
  await body.dispose();
}
