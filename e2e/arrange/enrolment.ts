import type { APIRequestContext } from '@playwright/test';
import { arrangePhysician, DOCTOR_PASSWORD, fillStepsThroughApi } from './physician';
import { call, orgApi, type Pw } from './api';

/**
 * Enrolments walked through the product's own API, as the people of the manuals would:
 * 医师导入 + 【参加考核】 by the institution, first login by the physician, the 6-step
 * registration, 上报考核名单 【通过】 (institution), 确认考核医师名单 【通过】 (考核机构 yy_gxyd1),
 * 评定工作成绩、职业道德 (institution) and 复核 【提交】 (body). Every step goes through
 * `applyTransition`, so it is audited and notified like a real one.
 *
 * The institution defaults to 南宁市第一人民医院 (yy_nn1), assessed by yy_gxyd1.
 */
export interface ArrangedDoctor {
  idNumber: string;
  name: string;
  physicianId: number;
  mobile: string;
  enrolmentId: number;
  institution: string;
}

const BODY = 'yy_gxyd1';

export type Stage =
  /** 报名成功 with 一般程序 chosen at registration (待卫生机构评定 in a cycle that asks for the procedure at registration) */
  | 'registered'
  /** 待参加测评: evaluated 合格/合格 and confirmed by the body */
  | 'ready_for_exam';

export interface ArrangeOptions {
  institution?: string;
  procedure?: 'general' | 'simple';
  /** step 4 answers to override (e.g. { goodRecord: '有' }) */
  self?: Record<string, unknown>;
}

/**
 * 【提交信息】 of a filled-in wizard (with 一般程序 chosen when the cycle asks for the procedure at
 * registration); the physician's request context is closed afterwards.
 */
export async function submitRegistration(doc: APIRequestContext, enrolmentId: number, procedureChoice: string) {
  if (procedureChoice === 'with_registration')
    await call(doc, 'PUT', `/api/enrolments/${enrolmentId}/procedure-application`, {
      procedure: 'general',
      conditions: [],
      proofFileIds: [],
      report: '',
    });
  await call(doc, 'POST', '/api/enrolments/mine/submit');
  await doc.dispose();
}

/** A physician of their own, registered and accepted by the institution and the body (报名成功). */
export async function arrangeRegistered(
  pw: Pw,
  baseURL: string,
  name: string,
  opts: ArrangeOptions = {},
): Promise<ArrangedDoctor & { inst: APIRequestContext; body: APIRequestContext }> {
  const institution = opts.institution ?? 'yy_nn1';
  const d = await arrangePhysician(pw, baseURL, name, institution);
  const { doc, enrolmentId, procedureChoice } = await fillStepsThroughApi(pw, baseURL, d, undefined, {
    self: opts.self,
  });
  await submitRegistration(doc, enrolmentId, procedureChoice);
  await call(d.inst, 'POST', `/api/enrolments/${enrolmentId}/institution-approve`);
  const body = await orgApi(pw, baseURL, BODY, 'body');
  await call(body, 'POST', `/api/enrolments/${enrolmentId}/body-approve`);
  return { ...d, enrolmentId, institution, body };
}

/**
 * 待参加测评 (一般程序): registered, then 评定工作成绩、职业道德 合格/合格 by the institution and
 * 复核 【提交】 by the body. The move queues the paper draw (exam.predraw) like any real one.
 */
export async function arrangeReadyForExam(
  pw: Pw,
  baseURL: string,
  name: string,
  opts: ArrangeOptions = {},
): Promise<ArrangedDoctor> {
  const d = await arrangeRegistered(pw, baseURL, name, opts);
  await evaluateAndConfirm(d.inst, d.body, d.enrolmentId);
  await d.inst.dispose();
  await d.body.dispose();
  return strip(d);
}

/** 评定工作成绩、职业道德 (institution, 合格/合格) → 复核 【提交】 (body). */
export async function evaluateAndConfirm(inst: APIRequestContext, body: APIRequestContext, enrolmentId: number) {
  await call(inst, 'POST', `/api/procedure/evaluations/${enrolmentId}/evaluate`, {
    workResult: '合格',
    workOpinion: '工作量、质量达标',
    ethicsResult: '合格',
    ethicsOpinion: '医德医风良好',
    otherOpinions: [],
  });
  await call(body, 'POST', `/api/procedure/evaluations/${enrolmentId}/confirm`);
}

/** A physician's own API session (医师登录 with the password the first login set). */
export async function doctorApi(pw: Pw, baseURL: string, d: { idNumber: string; name: string }) {
  const doc = await pw.request.newContext({ baseURL });
  await call(doc, 'POST', '/api/auth/physician-login', {
    idNumber: d.idNumber,
    name: d.name,
    password: DOCTOR_PASSWORD,
  });
  return doc;
}

export function strip<T extends ArrangedDoctor>(d: T): ArrangedDoctor {
  return {
    idNumber: d.idNumber,
    name: d.name,
    physicianId: d.physicianId,
    mobile: d.mobile,
    enrolmentId: d.enrolmentId,
    institution: d.institution,
  };
}
