import { PassThrough, type Readable } from 'node:stream';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { files, questionImports, questions, questionVersions, studyMaterials } from '../../db/schema/index.js';
import { requireProvinceAdmin, type Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { type AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { checkUpload, storeFile } from '../../platform/uploads.js';
import {
  HUMANITIES_CHAPTERS,
  IMPORT_COLUMNS,
  PROFESSIONAL_SPECIALTIES,
  type TImportError,
  type TImportResult,
  type TMaterial,
  type TMaterialInput,
  type TQuestionDetail,
  type TQuestionEditInput,
  type TQuestionInput,
  type TQuestionList,
  type TQuestionListQuery,
  type TQuestionRow,
  type TQuestionVersion,
} from '../../../shared/schemas/bank.js';
import * as repo from './bank.repo.js';
import {
  parseImportRow,
  questionToCells,
  sameContent,
  validateQuestion,
  type ImportColumn,
  type RowCells,
} from './bank.rules.js';

const MAX_IMPORT_ROWS = 5000;

function toRow({ q, v }: repo.QuestionWithVersion): TQuestionRow {
  return {
    id: q.id,
    bank: q.bank,
    category: q.category,
    practiceCategory: q.practiceCategory,
    status: q.status,
    currentVersionId: v.id,
    version: v.version,
    type: v.type,
    stem: v.stem,
    options: v.options,
    answer: v.answer,
    explanation: v.explanation,
    difficulty: v.difficulty,
    updatedAt: q.updatedAt.toISOString(),
    actions: ['edit', 'history', q.status === 'enabled' ? 'retire' : 'enable'],
  };
}

function toVersion(v: repo.VersionRow, currentId: number | null): TQuestionVersion {
  return {
    id: v.id,
    questionId: v.questionId,
    version: v.version,
    type: v.type,
    stem: v.stem,
    options: v.options,
    answer: v.answer,
    explanation: v.explanation,
    difficulty: v.difficulty,
    createdAt: v.createdAt.toISOString(),
    current: v.id === currentId,
  };
}

function provinceScope(actor: Actor) {
  return { provinceId: actor.provinceId, orgPath: actor.orgPath };
}

function invalid(errors: string[]): AppError {
  return badRequest(errors.join('；'), errors);
}

export async function findQuestions(deps: AppDeps, actor: Actor, f: TQuestionListQuery): Promise<TQuestionList> {
  requireProvinceAdmin(actor);
  const { rows, total } = await repo.listQuestions(deps.db, actor.provinceId, f);
  return { items: rows.map(toRow), total, page: f.page, pageSize: f.pageSize };
}

export async function getQuestion(deps: AppDeps, actor: Actor, id: number): Promise<TQuestionDetail> {
  requireProvinceAdmin(actor);
  const q = await repo.findQuestion(deps.db, actor.provinceId, id);
  if (!q) throw notFound('试题');
  const versions = await repo.versionsOf(deps.db, q.id);
  const current = versions.find((v) => v.id === q.currentVersionId)!;
  return { ...toRow({ q, v: current }), versions: versions.map((v) => toVersion(v, q.currentVersionId)) };
}

/** Any version, including superseded ones (what an attempt or practice record froze). */
export async function getVersion(deps: AppDeps, actor: Actor, versionId: number): Promise<TQuestionVersion> {
  requireProvinceAdmin(actor);
  const row = await repo.findVersion(deps.db, actor.provinceId, versionId);
  if (!row) throw notFound('试题版本');
  return toVersion(row.v, row.q.currentVersionId);
}

async function insertQuestion(
  tx: DbOrTx,
  provinceId: number,
  input: TQuestionInput,
): Promise<{ q: repo.QuestionRow; v: repo.VersionRow }> {
  const [q] = await tx
    .insert(questions)
    .values({
      provinceId,
      bank: input.bank,
      category: input.category,
      practiceCategory: input.bank === 'professional' ? input.practiceCategory : null,
    })
    .returning();
  const [v] = await tx
    .insert(questionVersions)
    .values({
      questionId: q.id,
      version: 1,
      type: input.type,
      stem: input.stem,
      options: input.options,
      answer: [...input.answer].sort(),
      explanation: input.explanation,
      difficulty: input.difficulty,
    })
    .returning();
  const [q2] = await tx.update(questions).set({ currentVersionId: v.id }).where(eq(questions.id, q.id)).returning();
  return { q: q2, v };
}

export async function createQuestion(
  deps: AppDeps,
  actor: Actor,
  input: TQuestionInput,
  requestId?: string,
): Promise<TQuestionRow> {
  requireProvinceAdmin(actor);
  const errors = validateQuestion(input);
  if (errors.length) throw invalid(errors);
  return deps.db.transaction(async (tx) => {
    const row = await insertQuestion(tx, actor.provinceId, input);
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'question',
        targetId: row.q.id,
        action: '新增试题',
        ...provinceScope(actor),
        after: { versionId: row.v.id, ...input },
      },
      requestId,
    );
    return toRow(row);
  });
}

/**
 * 编辑 = a new immutable version. `baseVersionId` is the version the editor started from;
 * if someone else saved meanwhile, the edit is refused (compare-and-set on current_version_id).
 */
export async function editQuestion(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: TQuestionEditInput,
  requestId?: string,
): Promise<TQuestionRow> {
  requireProvinceAdmin(actor);
  return deps.db.transaction(async (tx) => {
    const q = await repo.findQuestion(tx, actor.provinceId, id, true);
    if (!q) throw notFound('试题');
    const full = {
      ...input,
      bank: q.bank,
      practiceCategory: q.bank === 'professional' ? (input.practiceCategory ?? null) : null,
    };
    const errors = validateQuestion(full);
    if (errors.length) throw invalid(errors);
    if (q.currentVersionId !== input.baseVersionId) throw conflict('该试题已被他人修改，请刷新后重新编辑');
    const [cur] = await tx.select().from(questionVersions).where(eq(questionVersions.id, q.currentVersionId));
    const unchangedClass = q.category === full.category && q.practiceCategory === full.practiceCategory;
    if (unchangedClass && sameContent(cur, { ...full, answer: [...full.answer].sort() }))
      throw badRequest('内容没有变化，无需保存');
    const [{ max }] = await tx
      .select({ max: sql<number>`max(${questionVersions.version})::int` })
      .from(questionVersions)
      .where(eq(questionVersions.questionId, q.id));
    const [v] = await tx
      .insert(questionVersions)
      .values({
        questionId: q.id,
        version: max + 1,
        type: full.type,
        stem: full.stem,
        options: full.options,
        answer: [...full.answer].sort(),
        explanation: full.explanation,
        difficulty: full.difficulty,
      })
      .returning();
    const [q2] = await tx
      .update(questions)
      .set({
        currentVersionId: v.id,
        category: full.category,
        practiceCategory: full.practiceCategory,
        updatedAt: deps.now(),
      })
      .where(and(eq(questions.id, q.id), eq(questions.currentVersionId, input.baseVersionId)))
      .returning();
    if (!q2) throw conflict('该试题已被他人修改，请刷新后重新编辑');
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'question',
        targetId: q.id,
        action: '编辑试题（新版本）',
        ...provinceScope(actor),
        before: { versionId: cur.id, version: cur.version, category: q.category },
        after: { versionId: v.id, version: v.version, category: full.category },
      },
      requestId,
    );
    return toRow({ q: q2, v });
  });
}

/** 停用 / 启用 (compare-and-set on status). */
export async function setQuestionStatus(
  deps: AppDeps,
  actor: Actor,
  id: number,
  to: 'enabled' | 'retired',
  requestId?: string,
): Promise<TQuestionRow> {
  requireProvinceAdmin(actor);
  const from = to === 'enabled' ? 'retired' : 'enabled';
  return deps.db.transaction(async (tx) => {
    const [q] = await tx
      .update(questions)
      .set({ status: to, updatedAt: deps.now() })
      .where(and(eq(questions.id, id), eq(questions.provinceId, actor.provinceId), eq(questions.status, from)))
      .returning();
    if (!q) {
      const exists = await repo.findQuestion(tx, actor.provinceId, id);
      if (!exists) throw notFound('试题');
      throw conflict(to === 'enabled' ? '该试题已是启用状态' : '该试题已停用');
    }
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'question',
        targetId: id,
        action: to === 'enabled' ? '启用试题' : '停用试题',
        ...provinceScope(actor),
        before: { status: from },
        after: { status: to },
      },
      requestId,
    );
    const [v] = await tx.select().from(questionVersions).where(eq(questionVersions.id, q.currentVersionId!));
    return toRow({ q, v });
  });
}

// ---------------------------------------------------------------- import / export

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v == null) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result == null ? '' : String(v.result);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
}

/** Read the sheet into row cells keyed by header, or throw a clear error about the file itself. */
async function readImportSheet(buf: Buffer): Promise<{ rowNo: number; cells: RowCells }[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw badRequest('无法读取该文件，请使用下载的导入模板（.xlsx）填写后上传');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw badRequest('文件中没有工作表');
  const header = new Map<number, ImportColumn>();
  ws.getRow(1).eachCell((cell, col) => {
    const name = cellText(cell).trim().replace(/\*$/, '');
    if ((IMPORT_COLUMNS as readonly string[]).includes(name)) header.set(col, name as ImportColumn);
  });
  const required: ImportColumn[] = [
    '题库',
    '分类',
    '执业类别',
    '题型',
    '题干',
    '选项A',
    '选项B',
    '答案',
    '解析',
    '难度',
  ];
  const missing = required.filter((c) => ![...header.values()].includes(c));
  if (missing.length) throw badRequest(`表头缺少列：${missing.join('、')}，请使用下载的导入模板`);
  const out: { rowNo: number; cells: RowCells }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNo) => {
    if (rowNo === 1) return;
    const cells: RowCells = {};
    let any = false;
    for (const [col, name] of header) {
      const t = cellText(row.getCell(col)).trim();
      if (t) any = true;
      cells[name] = t;
    }
    if (any) out.push({ rowNo, cells });
  });
  if (out.length > MAX_IMPORT_ROWS) throw badRequest(`一次最多导入 ${MAX_IMPORT_ROWS} 道试题，请拆分文件`);
  return out;
}

/**
 * 导入: validate every row; with any error nothing is imported and the report is kept for
 * download. Otherwise all rows are inserted in one transaction.
 */
export async function importQuestions(
  deps: AppDeps,
  actor: Actor,
  buf: Buffer,
  fileName: string,
  requestId?: string,
): Promise<TImportResult> {
  requireProvinceAdmin(actor);
  await checkUpload(buf, 'spreadsheet', { maxBytes: 10 * 1024 * 1024 });
  const rows = await readImportSheet(buf);
  if (rows.length === 0) throw badRequest('文件中没有试题数据（第2行起填写）');
  const errors: TImportError[] = [];
  const inputs: TQuestionInput[] = [];
  const seenStems = new Map<string, number>();
  for (const r of rows) {
    const parsed = parseImportRow(r.cells, r.rowNo);
    errors.push(...parsed.errors);
    if (parsed.input) {
      const key = `${parsed.input.bank}|${parsed.input.practiceCategory ?? ''}|${parsed.input.stem}`;
      const first = seenStems.get(key);
      if (first) errors.push({ row: r.rowNo, column: '题干', message: `与第 ${first} 行题干重复` });
      else seenStems.set(key, r.rowNo);
      inputs.push(parsed.input);
    }
  }
  return deps.db.transaction(async (tx) => {
    if (errors.length) {
      const [imp] = await tx
        .insert(questionImports)
        .values({
          provinceId: actor.provinceId,
          accountId: actor.accountId,
          fileName: fileName.slice(0, 200),
          status: 'rejected',
          totalRows: rows.length,
          errors,
        })
        .returning({ id: questionImports.id });
      return { importId: imp.id, status: 'rejected' as const, total: rows.length, imported: 0, errors };
    }
    const qIds = await repo.reserveIds(tx, 'questions_id_seq', inputs.length);
    const vIds = await repo.reserveIds(tx, 'question_versions_id_seq', inputs.length);
    for (let i = 0; i < inputs.length; i += 500) {
      const chunk = inputs.slice(i, i + 500);
      await tx.insert(questions).values(
        chunk.map((x, j) => ({
          id: qIds[i + j],
          provinceId: actor.provinceId,
          bank: x.bank,
          category: x.category,
          practiceCategory: x.practiceCategory ?? null,
          currentVersionId: vIds[i + j],
        })),
      );
      await tx.insert(questionVersions).values(
        chunk.map((x, j) => ({
          id: vIds[i + j],
          questionId: qIds[i + j],
          version: 1,
          type: x.type,
          stem: x.stem,
          options: x.options,
          answer: [...x.answer].sort(),
          explanation: x.explanation,
          difficulty: x.difficulty,
        })),
      );
    }
    const [imp] = await tx
      .insert(questionImports)
      .values({
        provinceId: actor.provinceId,
        accountId: actor.accountId,
        fileName: fileName.slice(0, 200),
        status: 'imported',
        totalRows: rows.length,
        importedRows: inputs.length,
      })
      .returning({ id: questionImports.id });
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'question_import',
        targetId: imp.id,
        action: '导入试题',
        ...provinceScope(actor),
        after: { fileName, count: inputs.length, firstQuestionId: qIds[0] },
      },
      requestId,
    );
    return { importId: imp.id, status: 'imported' as const, total: rows.length, imported: inputs.length, errors: [] };
  });
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };
}

/** 下载导入模板: the columns, three example rows and a sheet listing the valid categories. */
export async function importTemplate(actor: Actor): Promise<Buffer> {
  requireProvinceAdmin(actor);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('试题');
  ws.columns = IMPORT_COLUMNS.map((h) => ({
    header: h,
    width: h === '题干' || h === '解析' ? 40 : h.startsWith('选项') ? 18 : 10,
  }));
  styleHeader(ws.getRow(1));
  const examples = [
    {
      bank: 'humanities' as const,
      category: '法律法规',
      practiceCategory: null,
      type: 'single' as const,
      stem: '根据《医师法》，国家对医师实行定期考核，考核周期为',
      options: [
        { key: 'A', text: '一年' },
        { key: 'B', text: '二年' },
        { key: 'C', text: '三年' },
        { key: 'D', text: '五年' },
      ],
      answer: ['C'],
      explanation: '《医师法》第四十二条：医师定期考核周期为三年。',
      difficulty: 1,
    },
    {
      bank: 'professional' as const,
      category: '急诊',
      practiceCategory: '临床',
      type: 'multiple' as const,
      stem: '成人高质量胸外按压的要求包括',
      options: [
        { key: 'A', text: '按压频率100～120次/分' },
        { key: 'B', text: '按压深度5～6cm' },
        { key: 'C', text: '每次按压后让胸廓充分回弹' },
        { key: 'D', text: '为评估脉搏可频繁中断按压' },
      ],
      answer: ['A', 'B', 'C'],
      explanation: '应尽量减少按压中断，中断时间不超过10秒。',
      difficulty: 2,
    },
    {
      bank: 'humanities' as const,
      category: '医学伦理',
      practiceCategory: null,
      type: 'judge' as const,
      stem: '患者知情同意只需口头告知，无需任何书面记录。',
      options: [
        { key: 'A', text: '正确' },
        { key: 'B', text: '错误' },
      ],
      answer: ['B'],
      explanation: '手术、特殊检查、特殊治疗等须取得患者书面同意。',
      difficulty: 1,
    },
  ];
  for (const e of examples) ws.addRow(questionToCells(e));
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 16 }, { width: 90 }];
  help.addRows([
    ['题库', '人文医学 或 业务水平'],
    ['分类（人文医学）', HUMANITIES_CHAPTERS.join('、')],
    ...Object.entries(PROFESSIONAL_SPECIALTIES).map(([k, v]) => [`分类（业务水平·${k}）`, v.join('、')]),
    ['执业类别', '业务水平必填：临床、中医、口腔、公共卫生；人文医学留空'],
    ['题型', '单选题、多选题、判断题'],
    ['选项', '选项A起连续填写，2～8个；判断题可留空（自动为 A 正确、B 错误）'],
    ['答案', '单选填一个字母；多选填两个及以上字母，如 ACD；判断题填 正确 或 错误'],
    ['难度', '1（易）～5（难）的整数'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function importReport(
  deps: AppDeps,
  actor: Actor,
  importId: number,
): Promise<{ buf: Buffer; fileName: string }> {
  requireProvinceAdmin(actor);
  const [imp] = await deps.db
    .select()
    .from(questionImports)
    .where(and(eq(questionImports.id, importId), eq(questionImports.provinceId, actor.provinceId)));
  if (!imp) throw notFound('导入记录');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入错误报告');
  ws.columns = [
    { header: '行号', width: 8 },
    { header: '列', width: 12 },
    { header: '错误说明', width: 80 },
  ];
  styleHeader(ws.getRow(1));
  for (const e of imp.errors) ws.addRow([e.row, e.column, e.message]);
  if (imp.errors.length === 0) ws.addRow(['', '', `全部 ${imp.importedRows} 行已导入，无错误`]);
  return { buf: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `试题导入错误报告-${imp.id}.xlsx` };
}

/** 导出: the filtered list in the import layout, streamed in keyset batches. */
export function exportQuestions(
  deps: AppDeps,
  actor: Actor,
  f: Omit<TQuestionListQuery, 'page' | 'pageSize'>,
): Readable {
  requireProvinceAdmin(actor);
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('试题');
  ws.columns = [...IMPORT_COLUMNS, '状态', '版本'].map((h) => ({
    header: h,
    width: h === '题干' || h === '解析' ? 40 : 12,
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const where = repo.questionFilter(actor.provinceId, f);
  (async () => {
    let after = 0;
    for (;;) {
      const batch = await repo.questionBatch(deps.db, where, after, 1000);
      for (const { q, v } of batch) {
        ws.addRow([...questionToCells({ ...q, ...v }), q.status === 'enabled' ? '启用' : '停用', v.version]).commit();
      }
      if (batch.length < 1000) break;
      after = batch[batch.length - 1].q.id;
    }
    ws.commit();
    await wb.commit();
  })().catch((err) => {
    deps.logger.error({ err }, 'question export failed');
    out.destroy(err as Error);
  });
  return out;
}

// ---------------------------------------------------------------- 考前资料 (materials)

type MaterialRow = typeof studyMaterials.$inferSelect;

export async function materialDto(db: DbOrTx, rows: MaterialRow[]): Promise<TMaterial[]> {
  const ids = rows.map((r) => r.fileId).filter((x): x is string => !!x);
  const names = new Map<string, string>();
  if (ids.length) {
    const fr = await db.select({ id: files.id, name: files.originalName }).from(files).where(inArray(files.id, ids));
    for (const f of fr) names.set(f.id, f.name || '附件');
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    content: r.content,
    fileId: r.fileId,
    fileName: r.fileId ? (names.get(r.fileId) ?? '附件') : null,
    published: r.published,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function listMaterialsAdmin(deps: AppDeps, actor: Actor): Promise<TMaterial[]> {
  requireProvinceAdmin(actor);
  const rows = await deps.db
    .select()
    .from(studyMaterials)
    .where(eq(studyMaterials.provinceId, actor.provinceId))
    .orderBy(desc(studyMaterials.id))
    .limit(500);
  return materialDto(deps.db, rows);
}

async function checkMaterialFile(db: DbOrTx, actor: Actor, fileId: string | null | undefined): Promise<void> {
  if (!fileId) return;
  const [f] = await db
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.provinceId, actor.provinceId), eq(files.purpose, 'study_material')));
  if (!f) throw badRequest('附件不存在，请重新上传');
}

export async function uploadMaterialFile(
  deps: AppDeps,
  actor: Actor,
  buf: Buffer,
  fileName: string,
): Promise<{ fileId: string; fileName: string }> {
  requireProvinceAdmin(actor);
  const checked = await checkUpload(buf, 'document', { maxBytes: 20 * 1024 * 1024 });
  const fileId = await storeFile(deps.db, deps.storage, actor, buf, checked, {
    purpose: 'study_material',
    orgPath: actor.orgPath,
    originalName: fileName,
  });
  return { fileId, fileName };
}

export async function createMaterial(
  deps: AppDeps,
  actor: Actor,
  input: TMaterialInput,
  requestId?: string,
): Promise<TMaterial> {
  requireProvinceAdmin(actor);
  if (!input.content && !input.fileId) throw badRequest('请填写正文或上传附件');
  return deps.db.transaction(async (tx) => {
    await checkMaterialFile(tx, actor, input.fileId);
    const [row] = await tx
      .insert(studyMaterials)
      .values({
        provinceId: actor.provinceId,
        title: input.title,
        summary: input.summary,
        content: input.content,
        fileId: input.fileId ?? null,
        published: input.published,
        createdBy: actor.accountId,
      })
      .returning();
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'study_material',
        targetId: row.id,
        action: '新增考前资料',
        ...provinceScope(actor),
        after: { title: row.title },
      },
      requestId,
    );
    return (await materialDto(tx, [row]))[0];
  });
}

export async function updateMaterial(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: TMaterialInput,
  requestId?: string,
): Promise<TMaterial> {
  requireProvinceAdmin(actor);
  if (!input.content && !input.fileId) throw badRequest('请填写正文或上传附件');
  return deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(studyMaterials)
      .where(and(eq(studyMaterials.id, id), eq(studyMaterials.provinceId, actor.provinceId)))
      .for('update');
    if (!before) throw notFound('考前资料');
    await checkMaterialFile(tx, actor, input.fileId);
    const [row] = await tx
      .update(studyMaterials)
      .set({
        title: input.title,
        summary: input.summary,
        content: input.content,
        fileId: input.fileId ?? null,
        published: input.published,
        updatedAt: deps.now(),
      })
      .where(eq(studyMaterials.id, id))
      .returning();
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'study_material',
        targetId: id,
        action: '修改考前资料',
        ...provinceScope(actor),
        before: { title: before.title, published: before.published },
        after: { title: row.title, published: row.published },
      },
      requestId,
    );
    return (await materialDto(tx, [row]))[0];
  });
}

export async function deleteMaterial(deps: AppDeps, actor: Actor, id: number, requestId?: string): Promise<void> {
  requireProvinceAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(studyMaterials)
      .where(and(eq(studyMaterials.id, id), eq(studyMaterials.provinceId, actor.provinceId)))
      .returning();
    if (!row) throw notFound('考前资料');
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'study_material',
        targetId: id,
        action: '删除考前资料',
        ...provinceScope(actor),
        before: { title: row.title },
      },
      requestId,
    );
  });
}

/** The attachment of a material, for the province admin or a physician of the province (published only). */
export async function materialFile(
  deps: AppDeps,
  actor: Actor,
  id: number,
): Promise<{ buf: Buffer; mime: string; name: string }> {
  const conds = [eq(studyMaterials.id, id), eq(studyMaterials.provinceId, actor.provinceId)];
  if (actor.role === 'physician') conds.push(eq(studyMaterials.published, true));
  else requireProvinceAdmin(actor);
  const [row] = await deps.db
    .select({ storageKey: files.storageKey, mime: files.mime, name: files.originalName })
    .from(studyMaterials)
    .innerJoin(files, eq(files.id, studyMaterials.fileId))
    .where(and(...conds));
  if (!row) throw notFound('附件');
  return { buf: await deps.storage.get(row.storageKey), mime: row.mime, name: row.name || '附件' };
}
