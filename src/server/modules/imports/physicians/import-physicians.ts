import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { isInSubtree, type Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError, forbidden } from '../../../platform/errors.js';
import { hashPassword, physicianInitialPassword } from '../../../platform/passwords.js';
import { storeFile } from '../../../platform/uploads.js';
import { PHYSICIAN_IMPORT_COLUMNS, type TImportResult } from '../../../../shared/schemas/physician.js';
import { provinceInitialRule } from '../../physician/physician.service.js';
import { BATCH, ErrorList, readTable, type OrgLite, orgsByCodes, failed, uniqueViolation } from '../imports.helpers.js';
import { type PhysicianRow, P_REQUIRED, parsePhysicianRow, existingIdNumbers } from './physician-row.js';

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
