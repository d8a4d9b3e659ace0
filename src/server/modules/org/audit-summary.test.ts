/**
 * 系统管理 › 操作日志 (seed 003): each entry reads as a Chinese sentence naming the object —
 * never raw JSON, English keys or status codes (issue 12 item 4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionFor, type TestContext } from '../../../../tests/helpers.js';
import { buildEnrolment, buildWorld, sessions } from '../procedure/procedure.testkit.js';
import { auditSummary } from './audit-summary.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

const ENGLISH = /[a-z]{3,}|[{}"]/;

const facts = () => ({
  actorRole: 'institution',
  actorName: '',
  targetType: 'exemption_application',
  action: '失效',
  reason: null,
  before: null,
  after: null,
});

describe('auditSummary (pure)', () => {
  it('names who, what, the object, the reason and the changes in Chinese', () => {
    expect(
      auditSummary(
        {
          actorRole: 'institution',
          actorName: '南宁市第一人民医院',
          targetType: 'enrolment',
          action: '审核驳回',
          reason: '照片不清晰',
          before: { status: 'pending_institution' },
          after: { status: 'institution_rejected', humanitiesScore: 82 },
        },
        '张三',
      ),
    ).toBe(
      '卫生机构“南宁市第一人民医院”审核驳回（考核记录：张三），理由：照片不清晰，状态由“待卫生机构审核”改为“卫生机构已驳回”，人文医学测评成绩：82。',
    );
  });
  it('leaves out what has no Chinese name instead of showing keys', () => {
    const s = auditSummary(
      {
        actorRole: 'system',
        actorName: '',
        targetType: 'exam_attempt',
        action: '交卷',
        reason: null,
        before: { status: 'in_progress', questionIds: [1, 2] },
        after: { status: 'submitted', paperType: 'humanities' },
      },
      '张三的人文医学测评',
    );
    expect(s).toBe('系统交卷（测评：张三的人文医学测评）。');
    expect(auditSummary({ ...facts(), actorRole: 'system', actorName: '系统' }, null)).toBe('系统失效（免考申请）。');
  });
});

describe('GET /api/audit', () => {
  it('returns each entry with a Chinese summary naming the physician; a neighbour district sees none of it', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e } = await buildEnrolment(ctx, w, 'pending_institution', { physician: { name: '王小明' } });
    const approve = await s.instA.inject({ method: 'POST', url: `/api/enrolments/${e.id}/institution-approve` });
    expect(approve.statusCode).toBe(200);

    const res = await s.districtA.inject({ method: 'GET', url: '/api/audit?targetType=enrolment' });
    expect(res.statusCode).toBe(200);
    const entry = res.json().items.find((i: { targetId: string }) => i.targetId === String(e.id));
    expect(entry.objectName).toBe('王小明');
    expect(entry.summary).toBe(
      `卫生机构“${w.p.hospitalA.name}”审核通过（考核记录：王小明），状态由“待卫生机构审核”改为“待考核机构复核”。`,
    );
    expect(entry.summary.replace(w.p.hospitalA.name, '')).not.toMatch(ENGLISH);

    const neighbour = await s.districtB.inject({ method: 'GET', url: '/api/audit?targetType=enrolment' });
    expect(neighbour.json().items.map((i: { targetId: string }) => i.targetId)).not.toContain(String(e.id));
  });

  it('names organisations by their name', async () => {
    const w = await buildWorld(ctx);
    const province = await sessionFor(ctx, w.p.province.accountId, 'admin');
    await province.inject({
      method: 'POST',
      url: `/api/org/subordinates/${w.p.industry.id}/assessment-body`,
      payload: { enabled: true },
    });
    const res = await province.inject({ method: 'GET', url: '/api/audit?targetType=organisation' });
    const entry = res.json().items.find((i: { targetId: string }) => i.targetId === String(w.p.industry.id));
    expect(entry.summary).toBe(
      `卫生行政机构“${w.p.province.name}”设为考核机构（机构：${w.p.industry.name}），考核机构由“否”改为“是”。`,
    );
  });
});
