import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { normaliseDocument } from '../../../../shared/idcard.js';
import { GENDERS, ID_TYPES, PHYSICIAN_LEVELS, PRACTICE_CATEGORIES } from '../../../../shared/schemas/physician.js';
import { parseDate, text, type SheetRow } from '../imports.parse.js';
import { BATCH, type ErrorList, MAX_TEXT, inList } from '../imports.helpers.js';

export interface PhysicianRow {
  row: number;
  name: string;
  idType: string;
  idNumber: string;
  gender: string;
  birthDate: string | null;
  level: string;
  practiceCategory: string;
  practiceScope: string;
  qualificationNo: string;
  licenseNo: string;
  firstRegisteredAt: string | null;
  title: string;
  institutionCode: string;
}

export const P_REQUIRED = ['姓名', '证件号码', '医师级别', '执业类别'] as const;

export function parsePhysicianRow(
  r: SheetRow,
  idx: Record<string, number>,
  errors: ErrorList,
  actor: Actor,
  today: string,
): PhysicianRow | null {
  const get = (col: string) => (idx[col] === undefined ? undefined : r.cells[idx[col]]);
  const before = errors.all.length;
  const err = (col: string, msg: string) => errors.add(r.row, col, msg);
  const name = text(get('姓名'));
  if (!name) err('姓名', '姓名不能为空');
  else if (name.length > 40) err('姓名', '姓名不能超过40个字');
  const idType = text(get('证件类型')) || '居民身份证';
  if (!inList(idType, ID_TYPES)) err('证件类型', `证件类型应为：${ID_TYPES.join('、')}`);
  const rawId = get('证件号码');
  let idNumber = '';
  let derived: { birthDate: string; gender: '男' | '女' } | null = null;
  if (typeof rawId === 'number' && rawId > 999_999_999_999_999) {
    err('证件号码', '证件号码须按文本格式填写（数字格式会丢失末几位），请将该列设置为文本后重新填写');
  } else {
    const n = normaliseDocument(inList(idType, ID_TYPES) ? idType : '居民身份证', text(rawId));
    if (!text(rawId)) err('证件号码', '证件号码不能为空');
    else if (!n.ok) err('证件号码', n.message);
    else {
      idNumber = n.value;
      if ('birthDate' in n) derived = { birthDate: n.birthDate, gender: n.gender };
      if (idNumber.length > 40) err('证件号码', '证件号码过长');
    }
  }
  let gender = text(get('性别'));
  if (gender && !inList(gender, GENDERS)) err('性别', '性别应为“男”或“女”');
  else if (!gender && derived) gender = derived.gender;
  else if (!gender && idType !== '居民身份证') err('性别', '性别不能为空');
  else if (derived && gender !== derived.gender) err('性别', '性别与身份证号码不一致');
  let birthDate = parseDate(get('出生日期'));
  if (birthDate === 'invalid') err('出生日期', '出生日期格式不正确，应为 YYYY-MM-DD');
  else if (!birthDate && derived) birthDate = derived.birthDate;
  else if (birthDate && derived && birthDate !== derived.birthDate) err('出生日期', '出生日期与身份证号码不一致');
  const level = text(get('医师级别'));
  if (!level) err('医师级别', '医师级别不能为空');
  else if (!inList(level, PHYSICIAN_LEVELS)) err('医师级别', `医师级别应为：${PHYSICIAN_LEVELS.join('、')}`);
  const practiceCategory = text(get('执业类别'));
  if (!practiceCategory) err('执业类别', '执业类别不能为空');
  else if (!inList(practiceCategory, PRACTICE_CATEGORIES))
    err('执业类别', `执业类别应为：${PRACTICE_CATEGORIES.join('、')}`);
  const firstRegisteredAt = parseDate(get('首次注册时间'));
  if (firstRegisteredAt === 'invalid') err('首次注册时间', '首次注册时间格式不正确，应为 YYYY-MM-DD');
  else if (firstRegisteredAt && firstRegisteredAt > today) err('首次注册时间', '首次注册时间不能晚于今天');
  else if (firstRegisteredAt && birthDate && birthDate !== 'invalid' && firstRegisteredAt <= birthDate)
    err('首次注册时间', '首次注册时间不能早于出生日期');
  const opt: Record<string, string> = {};
  for (const col of ['执业范围', '资格证书编号', '执业证书编号', '职称'] as const) {
    opt[col] = text(get(col));
    if (opt[col].length > MAX_TEXT) err(col, `${col}不能超过${MAX_TEXT}个字`);
  }
  let institutionCode = text(get('所在机构账号'));
  if (!institutionCode) {
    if (actor.role === 'institution') institutionCode = '';
    else err('所在机构账号', '所在机构账号不能为空');
  }
  if (errors.all.length > before) return null;
  return {
    row: r.row,
    name,
    idType,
    idNumber,
    gender,
    birthDate: birthDate === 'invalid' ? null : birthDate,
    level,
    practiceCategory,
    practiceScope: opt.执业范围,
    qualificationNo: opt.资格证书编号,
    licenseNo: opt.执业证书编号,
    firstRegisteredAt: firstRegisteredAt === 'invalid' ? null : firstRegisteredAt,
    title: opt.职称,
    institutionCode,
  };
}

export async function existingIdNumbers(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = JSON.stringify(ids.slice(i, i + BATCH));
    const r = await db.execute(sql`
      SELECT id_number AS v FROM physicians WHERE id_number IN (SELECT jsonb_array_elements_text(${chunk}::jsonb))
      UNION SELECT login FROM accounts WHERE kind = 'physician' AND login IN (SELECT jsonb_array_elements_text(${chunk}::jsonb))`);
    for (const x of r.rows as { v: string }[]) out.add(x.v);
  }
  return out;
}
