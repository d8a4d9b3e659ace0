import type ExcelJS from 'exceljs';
import { loadExcel } from '../../../platform/lazy.js';
import type { AppDeps } from '../../../app.js';
import { questionImports, questions, questionVersions } from '../../../db/schema/index.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest } from '../../../platform/errors.js';
import { checkUpload } from '../../../platform/uploads.js';
import {
  IMPORT_COLUMNS,
  type TImportError,
  type TImportResult,
  type TQuestionInput,
} from '../../../../shared/schemas/bank.js';
import * as repo from '../bank.repo.js';
import { parseImportRow, type ImportColumn, type RowCells } from '../bank.rules.js';
import { provinceScope } from '../bank.helpers.js';

const MAX_IMPORT_ROWS = 5000;

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
  const wb = new (await loadExcel()).Workbook();
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
