import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { mockAttempts, practiceAnswers, questions, questionVersions, wrongQuestions } from '../../db/schema/index.js';
import {
  buildPhysician,
  buildProvince,
  countRows,
  createTestApp,
  sessionFor,
  type TestContext,
} from '../../../../tests/helpers.js';
import { seedDemo } from '../bank/bank.seed.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

/** A province with the demo bank, two physicians (临床 and 口腔) and the province admin. */
async function setup() {
  const p = await buildProvince(ctx.db);
  await ctx.db.transaction((tx) =>
    seedDemo(tx, { provinceId: p.province.id, orgIds: { province: p.province.id }, log: pino({ level: 'silent' }) }),
  );
  const docA = await buildPhysician(ctx.db, p.hospitalA, { practiceCategory: '临床' });
  const docB = await buildPhysician(ctx.db, p.hospitalB, { practiceCategory: '口腔' });
  return {
    p,
    docA,
    docB,
    a: await sessionFor(ctx, docA.accountId, 'physician'),
    b: await sessionFor(ctx, docB.accountId, 'physician'),
    admin: await sessionFor(ctx, p.province.accountId, 'admin'),
  };
}

async function versionOf(versionId: number) {
  const [v] = await ctx.db.select().from(questionVersions).where(eq(questionVersions.id, versionId));
  return v;
}

describe('题库练习', () => {
  it('serves questions without answers, checks answers on the server and collects wrong ones', async () => {
    const { a, docA } = await setup();
    const next = (
      await a.inject({
        method: 'GET',
        url: `/api/learn/practice/next?bank=humanities&category=${encodeURIComponent('法律法规')}&type=single`,
      })
    ).json();
    expect(next.question.category).toBe('法律法规');
    expect(next.question.type).toBe('single');
    expect(next.question).not.toHaveProperty('answer');
    expect(next.question).not.toHaveProperty('explanation');
    const v = await versionOf(next.question.versionId);
    const wrongKey = v.options.find((o) => !v.answer.includes(o.key))!.key;

    const bad = await a.inject({
      method: 'POST',
      url: '/api/learn/practice/answer',
      payload: { versionId: v.id, chosen: ['A', 'B'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('单选题只能选择一项');

    const wrong = (
      await a.inject({
        method: 'POST',
        url: '/api/learn/practice/answer',
        payload: { versionId: v.id, chosen: [wrongKey] },
      })
    ).json();
    expect(wrong).toEqual({ correct: false, chosen: [wrongKey], answer: v.answer, explanation: v.explanation });
    const right = (
      await a.inject({
        method: 'POST',
        url: '/api/learn/practice/answer',
        payload: { versionId: v.id, chosen: v.answer },
      })
    ).json();
    expect(right.correct).toBe(true);
    const recs = await ctx.db.select().from(practiceAnswers).where(eq(practiceAnswers.physicianId, docA.id));
    expect(recs.map((r) => r.correct).sort()).toEqual([false, true]);
    const book = (await a.inject({ method: 'GET', url: '/api/learn/wrong' })).json();
    expect(book.total).toBe(1);
    expect(book.items[0]).toMatchObject({
      versionId: v.id,
      chosen: [wrongKey],
      answer: v.answer,
      source: 'practice',
      wrongCount: 1,
    });
    // a question answered correctly is served after the unanswered ones
    const after = (
      await a.inject({
        method: 'GET',
        url: `/api/learn/practice/next?bank=humanities&category=${encodeURIComponent('法律法规')}&type=single`,
      })
    ).json();
    expect(after.question.questionId).not.toBe(v.questionId);
    expect(after.remaining).toBe(next.remaining - 1);
  });

  it('a physician practises only their own 执业类别 and their own province', async () => {
    const { a, b, p } = await setup();
    const dental = (await b.inject({ method: 'GET', url: '/api/learn/practice/next?bank=professional' })).json();
    expect(dental.question.bank).toBe('professional');
    const [q] = await ctx.db.select().from(questions).where(eq(questions.id, dental.question.questionId));
    expect(q.practiceCategory).toBe('口腔');
    // the 临床 physician cannot answer a 口腔 question
    expect(
      (
        await a.inject({
          method: 'POST',
          url: '/api/learn/practice/answer',
          payload: { versionId: dental.question.versionId, chosen: ['A'] },
        })
      ).statusCode,
    ).toBe(404);
    const overview = (await a.inject({ method: 'GET', url: '/api/learn/overview' })).json();
    expect(overview.practiceCategory).toBe('临床');
    expect(overview.professional.map((c: { category: string }) => c.category)).toContain('内科');
    expect(overview.professional.map((c: { category: string }) => c.category)).not.toContain('口腔内科');
    // another province's question
    const other = await setup();
    const theirs = (await other.a.inject({ method: 'GET', url: '/api/learn/practice/next?bank=humanities' })).json();
    expect(
      (
        await a.inject({
          method: 'POST',
          url: '/api/learn/practice/answer',
          payload: { versionId: theirs.question.versionId, chosen: ['A'] },
        })
      ).statusCode,
    ).toBe(404);
    // admins cannot use the physician API
    const admin = await sessionFor(ctx, p.province.accountId, 'admin');
    expect((await admin.inject({ method: 'GET', url: '/api/learn/overview' })).statusCode).toBe(403);
  });

  it('a wrong answer stays frozen to the version answered even after the bank edits the question', async () => {
    const { a, admin } = await setup();
    const next = (await a.inject({ method: 'GET', url: '/api/learn/practice/next?bank=humanities&type=judge' })).json();
    const v = await versionOf(next.question.versionId);
    await a.inject({
      method: 'POST',
      url: '/api/learn/practice/answer',
      payload: { versionId: v.id, chosen: [v.answer[0] === 'A' ? 'B' : 'A'] },
    });
    const [q] = await ctx.db.select().from(questions).where(eq(questions.id, v.questionId));
    const edit = await admin.inject({
      method: 'PUT',
      url: `/api/bank/questions/${q.id}`,
      payload: {
        type: v.type,
        stem: `${v.stem}（修订）`,
        options: v.options,
        answer: v.answer,
        explanation: v.explanation,
        difficulty: v.difficulty,
        category: q.category,
        practiceCategory: q.practiceCategory,
        baseVersionId: v.id,
      },
    });
    expect(edit.statusCode).toBe(200);
    const book = (await a.inject({ method: 'GET', url: '/api/learn/wrong' })).json();
    expect(book.items[0].stem).toBe(v.stem);
    expect(book.items[0].versionId).toBe(v.id);
  });
});

describe('错题收藏', () => {
  it('removes one, refuses another physician (404) and clears', async () => {
    const { a, b } = await setup();
    for (let i = 0; i < 3; i++) {
      const n = (await a.inject({ method: 'GET', url: '/api/learn/practice/next?bank=humanities&type=single' })).json();
      const v = await versionOf(n.question.versionId);
      await a.inject({
        method: 'POST',
        url: '/api/learn/practice/answer',
        payload: { versionId: v.id, chosen: [v.options.find((o) => !v.answer.includes(o.key))!.key] },
      });
    }
    const book = (await a.inject({ method: 'GET', url: '/api/learn/wrong' })).json();
    expect(book.total).toBe(3);
    const id = book.items[0].id;
    expect((await b.inject({ method: 'DELETE', url: `/api/learn/wrong/${id}` })).statusCode).toBe(404);
    expect((await b.inject({ method: 'GET', url: '/api/learn/wrong' })).json().total).toBe(0);
    expect((await a.inject({ method: 'DELETE', url: `/api/learn/wrong/${id}` })).statusCode).toBe(200);
    expect((await a.inject({ method: 'DELETE', url: `/api/learn/wrong/${id}` })).statusCode).toBe(404);
    const cleared = (await a.inject({ method: 'DELETE', url: '/api/learn/wrong' })).json();
    expect(cleared.removed).toBe(2);
    expect((await a.inject({ method: 'GET', url: '/api/learn/wrong' })).json().total).toBe(0);
  });
});

describe('模拟自测', () => {
  it('draws the real paper size, hides answers, scores on the server, collects wrong answers, and is private', async () => {
    const { a, b, docA } = await setup();
    const papers = (await a.inject({ method: 'GET', url: '/api/learn/mock/papers' })).json();
    const hum = papers.items.find((x: { paper: string }) => x.paper === 'humanities');
    expect(hum).toMatchObject({ durationMinutes: 60, questionCount: 50, passScore: 60, blocked: null });
    const started = (
      await a.inject({ method: 'POST', url: '/api/learn/mock', payload: { paper: 'humanities' } })
    ).json();
    expect(started.resumed).toBe(false);
    expect(
      (await a.inject({ method: 'POST', url: '/api/learn/mock', payload: { paper: 'humanities' } })).json(),
    ).toEqual({ id: started.id, resumed: true });

    const view = (await a.inject({ method: 'GET', url: `/api/learn/mock/${started.id}` })).json();
    expect(view.items).toHaveLength(50);
    expect(view.remainingSeconds).toBe(3600);
    expect(
      view.items.every(
        (i: { correctIds: unknown; explanation: unknown }) => i.correctIds === null && i.explanation === null,
      ),
    ).toBe(true);

    // another physician sees nothing of it
    expect((await b.inject({ method: 'GET', url: `/api/learn/mock/${started.id}` })).statusCode).toBe(404);
    expect(
      (
        await b.inject({
          method: 'PUT',
          url: `/api/learn/mock/${started.id}/answers`,
          payload: { index: 0, choice: [] },
        })
      ).statusCode,
    ).toBe(404);
    expect((await b.inject({ method: 'POST', url: `/api/learn/mock/${started.id}/submit` })).statusCode).toBe(404);

    const [row] = await ctx.db.select().from(mockAttempts).where(eq(mockAttempts.id, started.id));
    // 3 right, 2 wrong, the rest blank
    for (let i = 0; i < 5; i++) {
      const item = row.items[i];
      const choice = i < 3 ? item.a : [item.o.find((o) => !item.a.includes(o))!];
      const r = await a.inject({
        method: 'PUT',
        url: `/api/learn/mock/${started.id}/answers`,
        payload: { index: i, choice },
      });
      expect(r.statusCode).toBe(200);
    }
    expect(
      (
        await a.inject({
          method: 'PUT',
          url: `/api/learn/mock/${started.id}/answers`,
          payload: { index: 0, choice: ['nope'] },
        })
      ).statusCode,
    ).toBe(400);
    const sub = (await a.inject({ method: 'POST', url: `/api/learn/mock/${started.id}/submit` })).json();
    expect(sub).toMatchObject({ status: 'submitted', score: 6, correctCount: 3, passed: false, submitKind: 'manual' });
    expect((await a.inject({ method: 'POST', url: `/api/learn/mock/${started.id}/submit` })).statusCode).toBe(409);
    expect(
      (
        await a.inject({
          method: 'PUT',
          url: `/api/learn/mock/${started.id}/answers`,
          payload: { index: 6, choice: [] },
        })
      ).statusCode,
    ).toBe(409);

    const review = (await a.inject({ method: 'GET', url: `/api/learn/mock/${started.id}` })).json();
    expect(review.items[0].correct).toBe(true);
    expect(review.items[3].correct).toBe(false);
    expect(review.items[3].correctIds).toEqual(row.items[3].a);
    expect(typeof review.items[3].explanation).toBe('string');
    const wrong = await ctx.db
      .select()
      .from(wrongQuestions)
      .where(and(eq(wrongQuestions.physicianId, docA.id), eq(wrongQuestions.source, 'mock')));
    expect(wrong).toHaveLength(2);
    const history = (await a.inject({ method: 'GET', url: '/api/learn/mock' })).json();
    expect(history.items.map((x: { id: number }) => x.id)).toEqual([started.id]);
    expect((await b.inject({ method: 'GET', url: '/api/learn/mock' })).json().items).toEqual([]);
    // no consequence to the real exam
    expect(await countRows(ctx.db, 'exam_attempts', `physician_id = ${docA.id}`)).toBe(0);
    expect(await countRows(ctx.db, 'audit_log', `target_type = 'mock_attempt' AND target_id = '${started.id}'`)).toBe(
      2,
    );
  });

  it('is timed by the server: after the deadline the paper is submitted automatically', async () => {
    const { a } = await setup();
    const t0 = new Date('2026-03-01T08:00:00Z');
    ctx.setNow(t0);
    try {
      const started = (
        await a.inject({ method: 'POST', url: '/api/learn/mock', payload: { paper: 'professional' } })
      ).json();
      const view = (await a.inject({ method: 'GET', url: `/api/learn/mock/${started.id}` })).json();
      expect(view.items).toHaveLength(100);
      ctx.setNow(new Date(t0.getTime() + 61 * 60_000));
      const late = await a.inject({
        method: 'PUT',
        url: `/api/learn/mock/${started.id}/answers`,
        payload: { index: 0, choice: [view.items[0].options[0].id] },
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().message).toContain('考试时间已到');
      const after = (await a.inject({ method: 'GET', url: `/api/learn/mock/${started.id}` })).json();
      expect(after).toMatchObject({ status: 'submitted', submitKind: 'timeout', score: 0 });
      expect(after.submittedAt).toBe(new Date(t0.getTime() + 60 * 60_000).toISOString());
    } finally {
      ctx.setNow(new Date());
    }
  });
});

describe('考前资料', () => {
  it('shows the province’s published materials to its physicians only', async () => {
    const { a, admin } = await setup();
    const list = (await a.inject({ method: 'GET', url: '/api/learn/materials' })).json();
    expect(list.items.length).toBeGreaterThanOrEqual(3);
    const hidden = (
      await admin.inject({
        method: 'POST',
        url: '/api/bank/materials',
        payload: { title: '未发布', content: '草稿', published: false },
      })
    ).json();
    expect((await a.inject({ method: 'GET', url: `/api/learn/materials/${hidden.id}` })).statusCode).toBe(404);
    const other = await setup();
    expect((await other.a.inject({ method: 'GET', url: `/api/learn/materials/${list.items[0].id}` })).statusCode).toBe(
      404,
    );
    expect((await a.inject({ method: 'GET', url: `/api/learn/materials/${list.items[0].id}` })).json().title).toBe(
      list.items[0].title,
    );
  });
});
