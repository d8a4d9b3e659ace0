/**
 * Bulk import of institutions and physicians — the stand-in for the sync from the
 * 医师电子化注册系统. All rows are validated first (format, check digits, duplicates in the
 * file and in the database, jurisdiction); if any row fails, nothing is imported and a
 * row-level error report is returned (and stored as .xlsx). Otherwise everything is inserted
 * in one transaction, in large set-based batches.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { files } from '../../db/schema/index.js';
import { isInSubtree, type Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, badRequest, forbidden, notFound } from '../../platform/errors.js';
import { hashPassword, INSTITUTION_INITIAL_PASSWORD, physicianInitialPassword } from '../../platform/passwords.js';
import { storeFile } from '../../platform/uploads.js';
import { normaliseDocument } from '../../../shared/idcard.js';
import {
  GENDERS,
  ID_TYPES,
  INSTITUTION_IMPORT_COLUMNS,
  PHYSICIAN_IMPORT_COLUMNS,
  PHYSICIAN_LEVELS,
  PRACTICE_CATEGORIES,
  type TImportError,
  type TImportResult,
} from '../../../shared/schemas/physician.js';
import { provinceInitialRule } from '../physician/physician.service.js';
import { mapHeader, parseDate, sniffTable, tableRows, text, type Cell, type SheetRow } from './imports.parse.js';

export const MAX_IMPORT_ROWS = 200_000;
const ERRORS_IN_RESPONSE = 200;
const BATCH = 5_000;

class ErrorList {
  readonly all: TImportError[] = [];
  add(row: number, column: string, message: string) {
    this.all.push({ row, column, message });
  }
}

interface PhysicianRow {
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

const P_REQUIRED = ['姓名', '证件号码', '医师级别', '执业类别'] as const;
const MAX_TEXT = 100;

function isBlankRow(cells: Cell[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/**
 * Read the table once, streaming: the header is mapped, then every non-blank data row is handed
 * to `onRow` (which keeps only its compact parsed form), so raw cells never pile up in memory.
 */
async function readTable(
  buf: Buffer,
  columns: readonly string[],
  required: readonly string[],
  onRow: (r: SheetRow, index: Record<string, number>) => void,
): Promise<{ format: 'xlsx' | 'csv'; count: number; mime: string; ext: string }> {
  const sniff = await sniffTable(buf);
  let header: { index: Record<string, number>; missing: string[] } | null = null;
  let count = 0;
  for await (const r of tableRows(buf, sniff.format)) {
    if (!header) {
      if (isBlankRow(r.cells)) continue;
      header = mapHeader(r.cells, columns, required);
      if (header.missing.length) {
        throw badRequest(`表头缺少必需的列：${header.missing.join('、')}。请使用【下载模板】中的模板`);
      }
      continue;
    }
    if (isBlankRow(r.cells)) continue;
    if (++count > MAX_IMPORT_ROWS) throw badRequest(`单个文件最多导入 ${MAX_IMPORT_ROWS} 行，请拆分后分批导入`);
    onRow(r, header.index);
  }
  if (!header) throw badRequest('文件中没有表头，请使用【下载模板】中的模板');
  if (!count) throw badRequest('文件中没有数据行');
  return { format: sniff.format, count, mime: sniff.mime, ext: sniff.ext };
}

function inList<T extends string>(v: string, list: readonly T[]): v is T {
  return (list as readonly string[]).includes(v);
}

function parsePhysicianRow(
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

interface OrgLite {
  id: number;
  code: string;
  kind: string;
  level: string | null;
  path: string;
  status: string;
  province_id: number;
}

async function orgsByCodes(db: DbOrTx, codes: string[]): Promise<Map<string, OrgLite>> {
  const out = new Map<string, OrgLite>();
  for (let i = 0; i < codes.length; i += BATCH) {
    const chunk = codes.slice(i, i + BATCH);
    const r = await db.execute(
      sql`SELECT id, code, kind, level, path, status, province_id FROM organisations WHERE code IN (SELECT jsonb_array_elements_text(${JSON.stringify(chunk)}::jsonb))`,
    );
    for (const o of r.rows as unknown as OrgLite[]) out.set(o.code, o);
  }
  return out;
}

async function existingIdNumbers(db: DbOrTx, ids: string[]): Promise<Set<string>> {
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

/** Build the error report workbook (row, column, message). */
export async function errorReport(errors: TImportError[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误报告');
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 16 },
    { header: '错误说明', key: 'message', width: 60 },
  ];
  for (const e of errors) ws.addRow(e);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function failed(deps: AppDeps, actor: Actor, total: number, errors: ErrorList): Promise<TImportResult> {
  const all = errors.all.sort((a, b) => a.row - b.row);
  const buf = await errorReport(all);
  const reportId = await storeFile(
    deps.db,
    deps.storage,
    actor,
    buf,
    { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
    {
      purpose: 'import-report',
      orgPath: actor.orgPath,
      originalName: '导入错误报告.xlsx',
    },
  );
  return { ok: false, total, imported: 0, errorCount: all.length, errors: all.slice(0, ERRORS_IN_RESPONSE), reportId };
}

function uniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code === '23505' || err.cause?.code === '23505';
}

/** 医师导入: administrations into institutions of their subtree; an institution into itself. */
export async function importPhysicians(
  deps: AppDeps,
  actor: Actor,
  buf: Buffer,
  originalName: string,
  requestId?: string,
): Promise<TImportResult> {
  if (actor.role !== 'admin' && actor.role !== 'institution') throw forbidden();
  const errors = new ErrorList();
  const today = deps.now().toISOString().slice(0, 10);
  const parsed: PhysicianRow[] = [];
  const firstRowOfId = new Map<string, number>();
  const table = await readTable(buf, PHYSICIAN_IMPORT_COLUMNS, P_REQUIRED, (r, index) => {
    const p = parsePhysicianRow(r, index, errors, actor, today);
    if (!p) return;
    const dup = firstRowOfId.get(p.idNumber);
    if (dup !== undefined) {
      errors.add(r.row, '证件号码', `证件号码与第 ${dup} 行重复`);
      return;
    }
    firstRowOfId.set(p.idNumber, r.row);
    parsed.push(p);
  });
  firstRowOfId.clear();
  // database checks: existing physicians, institutions and jurisdiction
  const existing = await existingIdNumbers(
    deps.db,
    parsed.map((p) => p.idNumber),
  );
  const codes = [...new Set(parsed.map((p) => p.institutionCode).filter(Boolean))];
  const orgs = await orgsByCodes(deps.db, codes);
  const resolved: (PhysicianRow & { org: OrgLite })[] = [];
  for (const p of parsed as (PhysicianRow & { org: OrgLite })[]) {
    let ok = true;
    if (existing.has(p.idNumber)) {
      errors.add(p.row, '证件号码', '该证件号码的医师已存在于系统中');
      ok = false;
    }
    let org: OrgLite | undefined;
    if (actor.role === 'institution') {
      const o = p.institutionCode ? orgs.get(p.institutionCode) : undefined;
      if (!p.institutionCode || (o && o.id === actor.orgId)) {
        org = {
          id: actor.orgId,
          code: '',
          kind: 'institution',
          level: null,
          path: actor.orgPath,
          status: 'active',
          province_id: actor.provinceId,
        };
      } else {
        errors.add(p.row, '所在机构账号', '卫生机构只能导入本机构的医师（所在机构账号须为本机构账号或留空）');
        ok = false;
      }
    } else {
      org = orgs.get(p.institutionCode);
      if (org?.kind !== 'institution' || !isInSubtree(org.path, actor.orgPath)) {
        errors.add(p.row, '所在机构账号', `卫生机构账号“${p.institutionCode}”不存在或不在您的管辖范围内`);
        ok = false;
      } else if (org.status === 'deregistered') {
        errors.add(p.row, '所在机构账号', `卫生机构“${p.institutionCode}”已注销`);
        ok = false;
      }
    }
    if (ok && org) {
      p.org = org;
      resolved.push(p);
    }
  }
  if (errors.all.length) return failed(deps, actor, table.count, errors);

  // passwords: hash once per distinct initial password
  const rule = await provinceInitialRule(deps.db, actor.provinceId);
  const hashes: string[] = [];
  const hashIndex = new Map<string, number>();
  const rowHash: number[] = [];
  for (const p of resolved) {
    const pw = physicianInitialPassword(rule, p.idNumber);
    let i = hashIndex.get(pw);
    if (i === undefined) {
      i = hashes.length;
      hashIndex.set(pw, i);
      hashes.push('');
    }
    rowHash.push(i);
  }
  const distinct = [...hashIndex.entries()];
  for (let i = 0; i < distinct.length; i += 8) {
    await Promise.all(distinct.slice(i, i + 8).map(async ([pw, idx]) => (hashes[idx] = await hashPassword(pw))));
  }

  const checked = { mime: table.mime, ext: table.ext };
  try {
    await deps.db.transaction(async (tx) => {
      for (let i = 0; i < resolved.length; i += BATCH) {
        const chunk = resolved.slice(i, i + BATCH).map((p, j) => ({
          name: p.name,
          id_type: p.idType,
          id_number: p.idNumber,
          gender: p.gender,
          birth_date: p.birthDate,
          level: p.level,
          practice_category: p.practiceCategory,
          practice_scope: p.practiceScope,
          qualification_no: p.qualificationNo,
          license_no: p.licenseNo,
          first_registered_at: p.firstRegisteredAt,
          title: p.title,
          institution_id: p.org.id,
          org_path: p.org.path,
          province_id: p.org.province_id,
          h: rowHash[i + j],
        }));
        const r = await tx.execute(sql`
          WITH src AS (
            SELECT * FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(
              name text, id_type text, id_number text, gender text, birth_date date, level text, practice_category text,
              practice_scope text, qualification_no text, license_no text, first_registered_at date, title text,
              institution_id int, org_path text, province_id int, h int)
          ), ins AS (
            INSERT INTO physicians (province_id, institution_id, org_path, name, id_type, id_number, gender, birth_date, level,
                                    practice_category, practice_scope, qualification_no, license_no, first_registered_at, title)
            SELECT province_id, institution_id, org_path, name, id_type, id_number, gender, birth_date, level,
                   practice_category, practice_scope, qualification_no, license_no, first_registered_at, title FROM src
            RETURNING id, id_number, province_id
          )
          INSERT INTO accounts (kind, physician_id, province_id, login, password_hash, must_change_password)
          SELECT 'physician', ins.id, ins.province_id, ins.id_number, (${JSON.stringify(hashes)}::jsonb ->> src.h), true
            FROM ins JOIN src ON src.id_number = ins.id_number`);
        if (r.rowCount !== chunk.length)
          throw new AppError('IMPORT_FAILED', '导入时写入的账号数与医师数不一致，已全部撤销', 500);
      }
      const fileId = await storeFile(tx, deps.storage, actor, buf, checked, {
        purpose: 'physician-import',
        orgPath: actor.orgPath,
        originalName,
      });
      await writeAudit(
        tx,
        actor,
        {
          targetType: 'physician-import',
          targetId: fileId,
          action: '批量导入医师',
          orgPath: actor.orgPath,
          provinceId: actor.provinceId,
          after: { count: resolved.length, file: originalName, passwordRule: rule },
        },
        requestId,
      );
    });
  } catch (e) {
    if (uniqueViolation(e))
      throw new AppError('CONFLICT', '导入期间有相同证件号码的医师被写入，本次导入已全部撤销，请重新导入', 409);
    throw e;
  }
  return { ok: true, total: table.count, imported: resolved.length, errorCount: 0, errors: [], reportId: null };
}

const CODE_RE = /^[A-Za-z0-9_-]{2,40}$/;

/** 机构导入: administrations create institutions under themselves or an administration of their subtree. */
export async function importInstitutions(
  deps: AppDeps,
  actor: Actor,
  buf: Buffer,
  originalName: string,
  requestId?: string,
): Promise<TImportResult> {
  if (actor.role !== 'admin') throw forbidden();
  const errors = new ErrorList();
  const rows: { row: number; code: string; name: string; address: string; parentCode: string }[] = [];
  const firstRow = new Map<string, number>();
  const table = await readTable(buf, INSTITUTION_IMPORT_COLUMNS, ['机构账号', '机构名称'], (r, index) => {
    const get = (c: string) => (index[c] === undefined ? undefined : r.cells[index[c]]);
    const code = text(get('机构账号'));
    const name = text(get('机构名称'));
    const address = text(get('详细地址'));
    const parentCode = text(get('上级行政机构账号'));
    const before = errors.all.length;
    if (!code) errors.add(r.row, '机构账号', '机构账号不能为空');
    else if (!CODE_RE.test(code)) errors.add(r.row, '机构账号', '机构账号只能由2至40位字母、数字、下划线或短横线组成');
    else if (firstRow.has(code)) errors.add(r.row, '机构账号', `机构账号与第 ${firstRow.get(code)} 行重复`);
    if (!name) errors.add(r.row, '机构名称', '机构名称不能为空');
    else if (name.length > 100) errors.add(r.row, '机构名称', '机构名称不能超过100个字');
    if (address.length > 200) errors.add(r.row, '详细地址', '详细地址不能超过200个字');
    if (code && !firstRow.has(code)) firstRow.set(code, r.row);
    if (errors.all.length === before) rows.push({ row: r.row, code, name, address, parentCode });
  });
  const lookup = await orgsByCodes(deps.db, [
    ...new Set([...rows.map((r) => r.code), ...rows.map((r) => r.parentCode).filter(Boolean)]),
  ]);
  const taken = await deps.db.execute(
    sql`SELECT login FROM accounts WHERE kind = 'org' AND login IN (SELECT jsonb_array_elements_text(${JSON.stringify(rows.map((r) => r.code))}::jsonb))`,
  );
  const takenLogins = new Set((taken.rows as { login: string }[]).map((x) => x.login));
  const self: OrgLite = {
    id: actor.orgId,
    code: '',
    kind: 'admin',
    level: actor.adminLevel,
    path: actor.orgPath,
    status: 'active',
    province_id: actor.provinceId,
  };
  const ok: { code: string; name: string; address: string; parent: OrgLite }[] = [];
  for (const r of rows) {
    let good = true;
    if (lookup.has(r.code) || takenLogins.has(r.code)) {
      errors.add(r.row, '机构账号', `机构账号“${r.code}”已存在`);
      good = false;
    }
    const parent = r.parentCode ? lookup.get(r.parentCode) : self;
    if (parent?.kind !== 'admin' || !isInSubtree(parent.path, actor.orgPath)) {
      errors.add(r.row, '上级行政机构账号', `上级行政机构“${r.parentCode}”不存在或不在您的管辖范围内`);
      good = false;
    } else if (parent.status === 'deregistered') {
      errors.add(r.row, '上级行政机构账号', `上级行政机构“${r.parentCode}”已注销`);
      good = false;
    }
    if (good && parent) ok.push({ code: r.code, name: r.name, address: r.address, parent });
  }
  if (errors.all.length) return failed(deps, actor, table.count, errors);
  const hash = await hashPassword(INSTITUTION_INITIAL_PASSWORD);
  try {
    await deps.db.transaction(async (tx) => {
      for (let i = 0; i < ok.length; i += BATCH) {
        const chunk = ok.slice(i, i + BATCH).map((o) => ({
          code: o.code,
          name: o.name,
          address: o.address,
          parent_id: o.parent.id,
          parent_path: o.parent.path,
          province_id: o.parent.province_id,
        }));
        const r = await tx.execute(sql`
          WITH src AS (
            SELECT nextval('organisations_id_seq')::int AS id, x.*
              FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(code text, name text, address text, parent_id int, parent_path text, province_id int)
          ), ins AS (
            INSERT INTO organisations (id, province_id, parent_id, kind, name, code, address, path, status)
            SELECT id, province_id, parent_id, 'institution', name, code, address, parent_path || id || '/', 'unactivated' FROM src
            RETURNING id, code, province_id
          )
          INSERT INTO accounts (kind, org_id, province_id, login, password_hash, must_change_password)
          SELECT 'org', ins.id, ins.province_id, ins.code, ${hash}, true FROM ins`);
        if (r.rowCount !== chunk.length)
          throw new AppError('IMPORT_FAILED', '导入时写入的账号数与机构数不一致，已全部撤销', 500);
      }
      const fileId = await storeFile(
        tx,
        deps.storage,
        actor,
        buf,
        { mime: table.mime, ext: table.ext },
        { purpose: 'institution-import', orgPath: actor.orgPath, originalName },
      );
      await writeAudit(
        tx,
        actor,
        {
          targetType: 'institution-import',
          targetId: fileId,
          action: '批量导入卫生机构',
          orgPath: actor.orgPath,
          provinceId: actor.provinceId,
          after: { count: ok.length, codes: ok.slice(0, 1000).map((o) => o.code), file: originalName },
        },
        requestId,
      );
    });
  } catch (e) {
    if (uniqueViolation(e))
      throw new AppError('CONFLICT', '导入期间有相同账号的机构被写入，本次导入已全部撤销，请重新导入', 409);
    throw e;
  }
  return { ok: true, total: table.count, imported: ok.length, errorCount: 0, errors: [], reportId: null };
}

/** Read back an error report: only the account that ran the import may. */
export async function readReport(deps: AppDeps, actor: Actor, id: string): Promise<Buffer> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('错误报告');
  const r = await deps.db.execute(
    sql`SELECT storage_key FROM ${files} WHERE id = ${id} AND purpose = 'import-report' AND owner_account_id = ${actor.accountId}`,
  );
  const row = r.rows[0] as { storage_key: string } | undefined;
  if (!row) throw notFound('错误报告');
  return deps.storage.get(row.storage_key);
}

/** 【下载模板】 */
export async function template(kind: 'physicians' | 'institutions'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(kind === 'physicians' ? '医师信息' : '卫生机构');
  const cols = kind === 'physicians' ? PHYSICIAN_IMPORT_COLUMNS : INSTITUTION_IMPORT_COLUMNS;
  ws.columns = cols.map((c) => ({
    header: c,
    key: c,
    width: c === '证件号码' || c === '机构名称' || c === '详细地址' ? 26 : 16,
    style: { numFmt: '@' },
  }));
  ws.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'c', width: 18 },
    { header: '是否必填', key: 'r', width: 10 },
    { header: '说明', key: 'd', width: 80 },
  ];
  const rows: [string, string, string][] =
    kind === 'physicians'
      ? [
          ['姓名', '必填', '与执业证书一致，例：张三'],
          ['证件类型', '选填', `${ID_TYPES.join('、')}；留空按居民身份证处理`],
          [
            '证件号码',
            '必填',
            '居民身份证为18位（末位X大写小写均可）或旧版15位；请以文本格式填写，例：450103198001011234',
          ],
          ['性别', '选填', '男、女；居民身份证可留空（按证件号码推算），填写时须与证件号码一致'],
          ['出生日期', '选填', 'YYYY-MM-DD；居民身份证可留空'],
          ['医师级别', '必填', PHYSICIAN_LEVELS.join('、')],
          ['执业类别', '必填', PRACTICE_CATEGORIES.join('、')],
          ['执业范围', '选填', '例：内科专业'],
          ['资格证书编号', '选填', ''],
          ['执业证书编号', '选填', ''],
          ['首次注册时间', '选填', 'YYYY-MM-DD'],
          ['职称', '选填', '住院医师、主治医师、副主任医师、主任医师等'],
          [
            '所在机构账号',
            '卫生行政机构必填',
            '医师所在卫生机构的机构账号（须在本机构管辖范围内）；卫生机构导入时留空即为本机构',
          ],
          [
            '',
            '',
            '任一行有误时整个文件都不会导入，系统会列出每一行的错误，修改后重新上传即可。文件不超过 50 MB，支持 .xlsx 或 UTF-8 编码的 .csv。',
          ],
        ]
      : [
          ['机构账号', '必填', '2至40位字母、数字、下划线或短横线，全国唯一，作为登录账号；初始密码 666666'],
          ['机构名称', '必填', '例：南宁市第二人民医院'],
          ['详细地址', '选填', ''],
          ['上级行政机构账号', '选填', '留空即挂在本机构下；填写时须为本机构或下级卫生行政机构的账号'],
          ['', '', '导入的卫生机构为“未激活”状态，请在 所辖机构账户管理 → 卫生机构 中激活。'],
        ];
  for (const [c, r, d] of rows) help.addRow({ c, r, d });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
