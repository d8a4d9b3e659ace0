/**
 * Home-page to-do cards (seed 003: 首页导航 … 点击【去审核】/【去评定】): every card names its work,
 * opens its own page and carries the manual's button; counts are the actor's own scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/helpers.js';
import { buildEnrolment, buildWorld, sessions } from './procedure.testkit.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

type Todo = { label: string; count: number; path: string; action: string };

describe('GET /api/todos', () => {
  it('each card opens its page with the manual’s button, counted within the actor’s scope', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    await buildEnrolment(ctx, w, 'pending_institution');
    await buildEnrolment(ctx, w, 'pending_body_evaluation', { procedure: 'simple' });
    await buildEnrolment(ctx, w, 'pending_grading', { procedure: 'general' });
    await buildEnrolment(ctx, w, 'pending_grading', { procedure: 'general', institution: 'B' });
    await buildEnrolment(ctx, w, 'failed', { failReason: 'exam', institution: 'B' });

    const get = async (who: (typeof s)[keyof typeof s]) =>
      (await who.inject({ method: 'GET', url: '/api/todos' })).json().items as Todo[];

    const inst = await get(s.instA);
    expect(inst).toContainEqual({
      label: '上报考核名单（待审核）',
      count: 1,
      path: '/enrolment/review',
      action: '去审核',
    });
    expect(inst.find((t) => t.label === '简易程序待评定')).toMatchObject({ action: '去评定' });
    expect((await get(s.instB)).find((t) => t.label === '上报考核名单（待审核）')?.count).toBe(0);

    const body = await get(s.body);
    expect(body).toContainEqual({
      label: '简易程序待复核',
      count: 1,
      path: '/procedure/review/simple',
      action: '去审核',
    });
    expect(body).toContainEqual({
      label: '评定一般程序成绩结果',
      count: 2,
      path: '/grading/general',
      action: '去审核',
    });

    const province = await get(s.province);
    expect(province).toContainEqual({
      label: '待确认再次考核名单',
      count: 1,
      path: '/reexam/confirm',
      action: '去确认',
    });
    expect((await get(s.cityA)).map((t) => t.label)).not.toContain('待确认再次考核名单');

    for (const t of [...inst, ...body, ...province]) {
      expect(t.path).toMatch(/^\/[a-z]/);
      expect(['去审核', '去评定', '去确认', '去处理']).toContain(t.action);
    }
  });
});
