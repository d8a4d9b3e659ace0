import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { idCheckDigit } from '../../src/shared/idcard';
import { e2eDb } from '../db';
import { DEMO_PASSWORD } from '../support';
import { call, csrf, type Pw } from './api';

/** The password a physician arranged by `arrangePhysician` ends up with (changed at first login). */
export const DOCTOR_PASSWORD = 'Yisheng2026';

let serial = 0;
/** A fresh, valid 居民身份证 number (unique per run: the time and a counter are in the sequence part). */
function freshIdNumber(): string {
  const seq = String((Date.now() + ++serial * 7919) % 1000).padStart(3, '0');
  const day = String(1 + (((Date.now() / 1000 + serial) % 28) | 0)).padStart(2, '0');
  const first17 = `450103198${serial % 10}07${day}${seq}`;
  return first17 + idCheckDigit(first17);
}

/**
 * A physician of its own, arranged through the product: the institution imports them (医师导入),
 * 【参加考核】 opens their registration, and the physician's first login changes the initial
 * password and binds a mobile with the SMS code the gateway recorded.
 */
export async function arrangePhysician(
  playwright: Pw,
  baseURL: string,
  name: string,
  institution = 'yy_nn1',
  opts: { onboard?: boolean } = {},
) {
  const inst = await playwright.request.newContext({ baseURL });
  await call(inst, 'POST', '/api/auth/login', { login: institution, password: DEMO_PASSWORD });
  let idNumber = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    idNumber = freshIdNumber();
    const header =
      '姓名,证件类型,证件号码,性别,出生日期,医师级别,执业类别,执业范围,资格证书编号,执业证书编号,首次注册时间,职称,所在机构账号';
    const row = `${name},居民身份证,${idNumber},,,执业医师,临床,内科专业,,,2012-07-01,主治医师,${institution}`;
    const res = await inst.post('/api/imports/physicians', {
      headers: { 'x-csrf-token': await csrf(inst) },
      multipart: {
        file: { name: '医师.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${header}\r\n${row}\r\n`, 'utf8') },
      },
    });
    if (res.ok() && (await res.json()).imported === 1) break;
  }
  const list = await call(inst, 'GET', `/api/physicians?idNumber=${idNumber}`);
  const physicianId = list.items[0]?.id as number;
  expect(physicianId, `imported ${idNumber}`).toBeTruthy();
  await call(inst, 'POST', '/api/enrolments/open', { physicianIds: [physicianId] });

  if (opts.onboard === false) return { idNumber, name, physicianId, mobile: '', inst };
  const doc = await playwright.request.newContext({ baseURL });
  await call(doc, 'POST', '/api/auth/physician-login', { idNumber, name, password: '666666' });
  await call(doc, 'POST', '/api/auth/password', { oldPassword: '666666', newPassword: DOCTOR_PASSWORD });
  const mobile = `139${idNumber.slice(-8, -1)}${serial % 10}`;
  await call(doc, 'POST', '/api/auth/sms-code', { mobile });
  const db = e2eDb();
  const { rows } = await db.query('SELECT content FROM sms_outbox WHERE mobile = $1 ORDER BY id DESC LIMIT 1', [
    mobile,
  ]);
  await db.end();
  const code = /\d{6}/.exec(rows[0]?.content ?? '')?.[0];
  await call(doc, 'POST', '/api/auth/bind-mobile', { mobile, code });
  await doc.dispose();
  return { idNumber, name, physicianId, mobile, inst };
}

/** A real ID-photo (one face): the server checks that a registration photo shows a face. */
export function facePhoto(file = 'person-a.jpg') {
  const p = path.join(import.meta.dirname, '..', 'fixtures', 'proctor', file);
  return { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: fs.readFileSync(p) };
}

/** Steps 1–4 and the photo through the product's API (the same calls the wizard makes). */
export async function fillStepsThroughApi(
  playwright: Pw,
  baseURL: string,
  d: { idNumber: string; name: string },
  steps: ('basic' | 'practice' | 'experience' | 'self')[] = ['basic', 'practice', 'experience', 'self'],
  over: { self?: Record<string, unknown> } = {},
) {
  const doc = await playwright.request.newContext({ baseURL });
  await call(doc, 'POST', '/api/auth/physician-login', {
    idNumber: d.idNumber,
    name: d.name,
    password: DOCTOR_PASSWORD,
  });
  const depts = await call(doc, 'GET', '/api/departments');
  const dept = depts.items[0].children?.[0] ?? depts.items[0];
  const mine = await call(doc, 'GET', '/api/enrolments/mine');
  const data = {
    basic: {
      gender: '男',
      ethnicity: '汉族',
      birthDate: '1981-07-01',
      education: '本科',
      email: 'old@example.cn',
      mobile: '13912345678',
    },
    practice: {
      departmentId: dept.id,
      specialties: ['心血管内科专业'],
      title: '中级（主治/主管）',
      level: '执业医师',
      isResident: false,
      category: '临床',
      scope: '内科专业',
      employment: '在职',
      qualificationNo: '200845110450100',
    },
    experience: {},
    self: {
      goodRecord: '无',
      badRecord: '无',
      workQuantity: '合格',
      workQuality: '合格',
      governmentTasks: '合格',
      disqualifying: Array.from({ length: 14 }, () => '无'),
      ethicsSelf: '良好',
      ...over.self,
    },
  };
  for (const step of steps) await call(doc, 'PUT', `/api/enrolments/mine/steps/${step}`, data[step]);
  const photo = await doc.post('/api/enrolments/mine/photo', {
    headers: { 'x-csrf-token': await csrf(doc) },
    multipart: { file: facePhoto() },
  });
  expect(photo.ok(), await photo.text()).toBeTruthy();
  return { doc, enrolmentId: mine.enrolment.id as number, procedureChoice: mine.cycle?.procedureChoice as string };
}
