import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { isInSubtree, type Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError, forbidden } from '../../../platform/errors.js';
import { hashPassword, INSTITUTION_INITIAL_PASSWORD } from '../../../platform/passwords.js';
import { storeFile } from '../../../platform/uploads.js';
import { INSTITUTION_IMPORT_COLUMNS, type TImportResult } from '../../../../shared/schemas/physician.js';
import { text } from '../imports.parse.js';
import { BATCH, ErrorList, readTable, type OrgLite, orgsByCodes, failed, uniqueViolation } from '../imports.helpers.js';

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
