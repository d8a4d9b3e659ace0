/** 科室信息: 一级/二级 departments of the actor's institution. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { departments, enrolments } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import type { TCreateDepartments, TDepartmentNode } from '../../../shared/schemas/org.js';

type DeptRow = typeof departments.$inferSelect;

/** The institution whose departments the actor works with (a physician: their own institution). */
function institutionOf(actor: Actor): number {
  if (actor.role !== 'institution' && actor.role !== 'physician') throw forbidden();
  return actor.orgId;
}

export async function departmentTree(deps: AppDeps, actor: Actor): Promise<{ items: TDepartmentNode[] }> {
  const orgId = institutionOf(actor);
  const rows = await deps.db
    .select()
    .from(departments)
    .where(eq(departments.orgId, orgId))
    .orderBy(asc(departments.level), asc(departments.id));
  const byId = new Map<number, TDepartmentNode>();
  const roots: TDepartmentNode[] = [];
  for (const r of rows) {
    const node: TDepartmentNode = { id: r.id, name: r.name, level: r.level, intro: r.intro, children: [] };
    byId.set(r.id, node);
    if (r.parentId && byId.has(r.parentId)) byId.get(r.parentId)!.children.push(node);
    else if (!r.parentId) roots.push(node);
  }
  return { items: roots };
}

async function findOwn(db: DbOrTx, actor: Actor, id: number, forUpdate = false): Promise<DeptRow> {
  const q = db
    .select()
    .from(departments)
    .where(and(eq(departments.id, id), eq(departments.orgId, actor.orgId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('科室');
  return row;
}

async function siblingNames(
  db: DbOrTx,
  orgId: number,
  parentId: number | null,
  exceptId?: number,
): Promise<Set<string>> {
  const rows = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(
      and(
        eq(departments.orgId, orgId),
        parentId === null ? isNull(departments.parentId) : eq(departments.parentId, parentId),
      ),
    );
  return new Set(rows.filter((r) => r.id !== exceptId).map((r) => r.name));
}

/** 单一创建 / 批量创建 of 一级科室, or of 二级科室 under a 一级科室. */
export async function createDepartments(
  deps: AppDeps,
  actor: Actor,
  input: TCreateDepartments,
): Promise<{ items: TDepartmentNode[] }> {
  if (actor.role !== 'institution') throw forbidden();
  await deps.db.transaction(async (tx) => {
    let level = 1;
    if (input.parentId !== null) {
      const parent = await findOwn(tx, actor, input.parentId, true);
      if (parent.level !== 1) throw badRequest('二级科室下不能再创建科室，请选择一级科室');
      level = 2;
    }
    const seen = new Set<string>();
    for (const it of input.items) {
      if (seen.has(it.name)) throw badRequest(`科室名称“${it.name}”重复，请检查后再提交`);
      seen.add(it.name);
    }
    const existing = await siblingNames(tx, actor.orgId, input.parentId);
    const dup = input.items.find((it) => existing.has(it.name));
    if (dup) throw badRequest(`科室“${dup.name}”已存在，不能重复创建`);
    const rows = await tx
      .insert(departments)
      .values(
        input.items.map((it) => ({
          orgId: actor.orgId,
          parentId: input.parentId,
          level,
          name: it.name,
          intro: it.intro,
        })),
      )
      .returning({ id: departments.id, name: departments.name });
    await writeAudit(tx, actor, {
      targetType: 'department',
      targetId: rows.map((r) => r.id).join(','),
      action: `创建${level === 1 ? '一级' : '二级'}科室`,
      orgPath: actor.orgPath,
      provinceId: actor.provinceId,
      after: { parentId: input.parentId, names: rows.map((r) => r.name) },
    });
  });
  return departmentTree(deps, actor);
}

export async function updateDepartment(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: { name: string; intro: string },
): Promise<{ items: TDepartmentNode[] }> {
  if (actor.role !== 'institution') throw forbidden();
  await deps.db.transaction(async (tx) => {
    const row = await findOwn(tx, actor, id, true);
    const existing = await siblingNames(tx, actor.orgId, row.parentId, row.id);
    if (existing.has(input.name)) throw badRequest(`科室“${input.name}”已存在，请换一个名称`);
    await tx.update(departments).set({ name: input.name, intro: input.intro }).where(eq(departments.id, row.id));
    await writeAudit(tx, actor, {
      targetType: 'department',
      targetId: row.id,
      action: '修改科室',
      orgPath: actor.orgPath,
      provinceId: actor.provinceId,
      before: { name: row.name, intro: row.intro },
      after: input,
    });
  });
  return departmentTree(deps, actor);
}

/** A department in use (a 二级 child, or chosen in any registration) cannot be deleted. */
export async function deleteDepartment(deps: AppDeps, actor: Actor, id: number): Promise<{ items: TDepartmentNode[] }> {
  if (actor.role !== 'institution') throw forbidden();
  await deps.db.transaction(async (tx) => {
    const row = await findOwn(tx, actor, id, true);
    const [child] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(eq(departments.parentId, row.id))
      .limit(1);
    if (child) throw badRequest(`“${row.name}”下还有二级科室，请先删除二级科室后再删除`);
    const [used] = await tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(
        and(
          eq(enrolments.institutionId, actor.orgId),
          sql`${enrolments.registration}->>'departmentId' = ${String(row.id)}`,
        ),
      )
      .limit(1);
    if (used) throw badRequest(`科室“${row.name}”已被医师使用，无法删除。请先将医师信息调整到其他科室后再删除`);
    await tx.delete(departments).where(and(eq(departments.id, row.id), eq(departments.orgId, actor.orgId)));
    await writeAudit(tx, actor, {
      targetType: 'department',
      targetId: row.id,
      action: '删除科室',
      orgPath: actor.orgPath,
      provinceId: actor.provinceId,
      before: { name: row.name, level: row.level, parentId: row.parentId },
    });
  });
  return departmentTree(deps, actor);
}
