import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/helpers.js';
import { buildEnrolmentWorld } from '../enrolment/enrolment.testkit.js';
import { notifyPhysician, notifyPhysiciansMany } from './send-message.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe('站内消息', () => {
  it('lists own messages with unread count; marking another account’s message is 404', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const r = await w.s.hospitalA.inject({
      method: 'POST',
      url: '/api/enrolments/open',
      payload: { physicianIds: [w.doc.id] },
    });
    expect(r.statusCode, r.body).toBe(200);
    const l = (await w.s.doc.inject({ method: 'GET', url: '/api/messages' })).json();
    expect(l.unread).toBe(1);
    const id = l.items[0].id;
    expect((await w.s.docB.inject({ method: 'GET', url: '/api/messages' })).json()).toMatchObject({
      items: [],
      unread: 0,
    });
    expect((await w.s.docB.inject({ method: 'POST', url: `/api/messages/${id}/read` })).statusCode).toBe(404);
    expect((await w.s.doc.inject({ method: 'POST', url: `/api/messages/${id}/read` })).statusCode).toBe(200);
    expect((await w.s.doc.inject({ method: 'GET', url: '/api/messages' })).json()).toMatchObject({
      unread: 0,
      items: [{ read: true }],
    });
  });

  it('pages newest first; 全部标记已读 marks only the actor’s own; the unread count on 我要报名 follows', async () => {
    const w = await buildEnrolmentWorld(ctx);
    await ctx.db.transaction(async (tx) => {
      for (const n of [1, 2, 3])
        await notifyPhysician(tx, ctx.deps.sms, w.doc.id, { title: `消息${n}`, body: '内容', template: 'T' });
      await notifyPhysiciansMany(tx, ctx.deps.sms, [
        { physicianId: w.doc.id, title: '消息4', body: '内容', template: 'T' },
        { physicianId: w.docB.id, title: '他人消息', body: '内容', template: 'T' },
      ]);
    });
    const p1 = (await w.s.doc.inject({ method: 'GET', url: '/api/messages?limit=3' })).json();
    expect(p1.items.map((m: { title: string }) => m.title)).toEqual(['消息4', '消息3', '消息2']);
    expect(p1.unread).toBe(4);
    expect((await w.s.doc.inject({ method: 'GET', url: '/api/enrolments/mine' })).json().unreadMessages).toBe(4);
    const p2 = (await w.s.doc.inject({ method: 'GET', url: `/api/messages?limit=3&cursor=${p1.nextCursor}` })).json();
    expect(p2).toMatchObject({ items: [{ title: '消息1' }], nextCursor: null });
    expect((await w.s.doc.inject({ method: 'POST', url: '/api/messages/read-all' })).statusCode).toBe(200);
    expect((await w.s.doc.inject({ method: 'GET', url: '/api/messages' })).json().unread).toBe(0);
    expect((await w.s.doc.inject({ method: 'GET', url: '/api/enrolments/mine' })).json().unreadMessages).toBe(0);
    expect((await w.s.docB.inject({ method: 'GET', url: '/api/messages' })).json().unread).toBe(1);
  });
});
