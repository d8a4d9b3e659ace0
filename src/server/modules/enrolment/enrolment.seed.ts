import { and, asc, eq, sql } from 'drizzle-orm';
import { findCurrentCycle } from '../cycle/cycle.repo.js';
import type { Tx } from '../../db/client.js';
import {
  assessmentAssignments,
  departments,
  enrolmentChangeRequests,
  enrolments,
  organisations,
  physicians,
} from '../../db/schema/index.js';
import { walk } from '../../seed/walk.js';
import { changeMachine } from './change.machine.js';
import type { DemoContext } from '../../seed/demo.js';
import type { EnrolmentStatus } from '../../../shared/enrolment-status.js';
import { DISQUALIFYING_SITUATIONS, PRACTICE_SCOPES } from '../../../shared/schemas/enrolment.js';

export const order = 20;

type P = typeof physicians.$inferSelect;

/**
 * Per institution (physicians sorted by id), position → status. The first physician of
 * yy_gxyd1 (李明华) is 已开通报名 with an empty wizard so a demo user can walk it; the
 * physicians past the plan (12 per institution in the demo) have no enrolment, so 医师信息列表
 * can 【参加考核】 them.
 * Statuses from 待卫生机构评定 on carry a complete step-5 application (with_registration).
 */
const PLAN: (EnrolmentStatus | null)[] = [
  'opened',
  'opened',
  'opened',
  'opened',
  'pending_institution',
  'pending_institution',
  'pending_institution',
  'pending_institution',
  'pending_institution',
  'institution_rejected',
  'pending_body',
  'pending_body',
  'pending_body',
  'pending_body',
  'pending_evaluation',
  'pending_evaluation',
  'pending_evaluation',
  'pending_evaluation',
  'ready_for_exam',
  'ready_for_exam',
  'ready_for_exam',
  'ready_for_exam',
  null,
  null,
  // 简易程序 applicants waiting at 卫生机构评定 and 考核机构复核, and one 一般程序 at 复核
  'pending_evaluation',
  'pending_evaluation',
  'pending_body_evaluation',
  'pending_body_evaluation',
];

/** Positions whose application is 简易程序 (conditions ticked, 述职报告 written). */
const SIMPLE_AT = new Set([24, 25, 26]);

const SUBMITTED: EnrolmentStatus[] = [
  'pending_institution',
  'institution_rejected',
  'pending_body',
  'pending_evaluation',
  'pending_body_evaluation',
  'ready_for_exam',
];

function registrationOf(p: P, dept: { id: number; name: string }, i: number): Record<string, unknown> {
  const category = (
    ['临床', '中医', '口腔', '公共卫生'].includes(p.practiceCategory) ? p.practiceCategory : '临床'
  ) as keyof typeof PRACTICE_SCOPES;
  return {
    gender: p.gender,
    ethnicity: i % 5 === 0 ? '壮族' : '汉族',
    birthDate: p.birthDate ?? '1980-01-01',
    education: i % 3 === 0 ? '硕士研究生' : '本科',
    email: `doctor${p.id}@example.cn`,
    mobile: `139${String(77000000 + p.id).slice(-8)}`,
    departmentId: dept.id,
    departmentName: dept.name,
    specialties: [`${dept.name.split('/').pop()!.replace(/科$/, '')}专业`],
    title: ['初级（师）', '中级（主治/主管）', '副高级（副主任）', '正高级（主任）'][i % 4],
    titleDate: '2018-09-01',
    position: i % 4 === 3 ? '科主任' : '',
    level: p.level,
    isResident: false,
    category,
    scope: PRACTICE_SCOPES[category][0],
    employment: '在职',
    qualificationNo: p.qualificationNo,
    licenseNo: p.licenseNo,
    firstRegisteredAt: p.firstRegisteredAt ?? '2005-07-01',
    experience: {
      multiSites: [],
      education: [
        { degree: '本科', school: '广西医科大学', major: '临床医学', start: '1998-09-01', end: '2003-07-01' },
      ],
      practice: [
        { institution: '广西壮族自治区人民医院', title: '住院医师', position: '', start: '2003-08-01', current: true },
      ],
      awards: [],
      papers: i % 3 === 0 ? [{ title: '基层常见病规范化诊疗的临床观察', date: '2025-05-01', journal: '广西医学' }] : [],
      books: [],
      patents: [],
    },
  };
}

const SELF = {
  goodRecord: '有',
  goodRecordAwards: '2025年度院级优秀医师',
  goodRecordTasks: '参加2025年基层医疗帮扶',
  goodRecordResearch: '',
  badRecord: '无',
  workQuantity: '合格',
  patients: 3200,
  wardRounds: 260,
  workQuality: '合格',
  governmentTasks: '合格',
  disqualifying: DISQUALIFYING_SITUATIONS.map(() => '无'),
  ethicsSelf: '良好',
};

/** Demo enrolments across statuses so every reviewer list has rows on the demo date. */
export async function seedDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const cycle = await findCurrentCycle(tx, ctx.provinceId);
  if (!cycle) return;
  const assigned = await tx
    .select()
    .from(assessmentAssignments)
    .where(eq(assessmentAssignments.provinceId, ctx.provinceId));
  const bodyOf = new Map(assigned.map((a) => [a.institutionId, a.bodyOrgId]));
  const insts = await tx
    .select({ id: organisations.id, path: organisations.path })
    .from(organisations)
    .where(
      and(
        eq(organisations.provinceId, ctx.provinceId),
        eq(organisations.kind, 'institution'),
        eq(organisations.status, 'active'),
      ),
    )
    .orderBy(asc(organisations.id));
  const submittedAt = new Date('2026-11-10T02:00:00Z');
  const rows: (typeof enrolments.$inferInsert)[] = [];
  for (const inst of insts) {
    const body = bodyOf.get(inst.id);
    if (!body) continue;
    const [dept] = await tx
      .select({
        id: departments.id,
        name: sql<string>`COALESCE((SELECT d2.name FROM departments d2 WHERE d2.id = ${departments.parentId}) || '/', '') || ${departments.name}`,
      })
      .from(departments)
      .where(and(eq(departments.orgId, inst.id), eq(departments.level, 2)))
      .orderBy(asc(departments.id))
      .limit(1);
    if (!dept) continue;
    const ps = await tx
      .select()
      .from(physicians)
      .where(eq(physicians.institutionId, inst.id))
      .orderBy(asc(physicians.id));
    ps.forEach((p, j) => {
      const status = PLAN[j];
      if (!status) return;
      const submitted = SUBMITTED.includes(status);
      // the demo cycle chooses the procedure with the registration: every submission carries one
      // (一般程序 — a 简易程序 application would need proof files in storage).
      const procedure = submitted ? (SIMPLE_AT.has(j) ? ('simple' as const) : ('general' as const)) : null;
      rows.push({
        cycleId: cycle.id,
        provinceId: ctx.provinceId,
        physicianId: p.id,
        institutionId: inst.id,
        orgPath: inst.path,
        assessmentBodyId: body,
        status,
        procedure,
        registration: submitted || (status === 'opened' && j > 0) ? registrationOf(p, dept, j) : {},
        selfEvaluation: submitted ? SELF : {},
        procedureApplication: !submitted
          ? {}
          : procedure === 'simple'
            ? { procedure: 'simple', conditions: [1], proofFileIds: [], report: SIMPLE_REPORT }
            : { procedure: 'general', conditions: [], proofFileIds: [], report: '' },
        workResult: status === 'ready_for_exam' ? '合格' : null,
        ethicsResult: status === 'ready_for_exam' ? '合格' : null,
        lastReason: status === 'institution_rejected' ? '执业范围与执业证书不一致，请核对后重新提交' : null,
        submittedAt: submitted ? submittedAt : null,
        createdAt: new Date('2026-11-01T01:00:00Z'),
        updatedAt: submitted ? submittedAt : new Date('2026-11-01T01:00:00Z'),
      });
    });
  }
  if (rows.length) await tx.insert(enrolments).values(rows);
  ctx.log.info({ enrolments: rows.length }, '演示考核记录已写入');
  await seedChangeRequests(tx, ctx);
}

const SIMPLE_REPORT =
  '本人在本考核周期内从事临床工作，严格遵守诊疗规范，完成科室安排的门诊、病房工作，无医疗事故和不良执业行为记录。';

/**
 * 医师信息修改: per institution one request waiting for 允许修改 and one edited request waiting for
 * 审核 — walked through the change machine, audited.
 */
async function seedChangeRequests(tx: Tx, ctx: DemoContext): Promise<void> {
  const candidates = await tx
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.provinceId, ctx.provinceId), eq(enrolments.status, 'pending_evaluation')))
    .orderBy(asc(enrolments.institutionId), asc(enrolments.id));
  const perInstitution = new Map<number, number>();
  for (const e of candidates) {
    const k = perInstitution.get(e.institutionId) ?? 0;
    if (k >= 2) continue;
    perInstitution.set(e.institutionId, k + 1);
    const [c] = await tx
      .insert(enrolmentChangeRequests)
      .values({
        enrolmentId: e.id,
        provinceId: e.provinceId,
        institutionId: e.institutionId,
        orgPath: e.orgPath,
        physicianId: e.physicianId,
        state: 'pending',
        reason: k === 0 ? '职称已晋升，申请修改执业信息中的职称' : '手机号码已更换，申请修改基本信息',
        proposed: k === 1 ? { mobile: '13900000099' } : {},
      })
      .returning();
    const target = { targetType: 'enrolment_change', targetId: c.id, orgPath: e.orgPath, provinceId: e.provinceId };
    const steps: Parameters<typeof walk>[3] = [];
    if (k === 1) steps.push(['REQUEST_APPROVE', 'institution'], ['SUBMIT', 'physician']);
    const state = await walk(tx, changeMachine, 'pending', steps as never, target);
    await tx.update(enrolmentChangeRequests).set({ state }).where(eq(enrolmentChangeRequests.id, c.id));
  }
}
