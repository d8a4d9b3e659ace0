import { sql } from 'drizzle-orm';
import { loadExcel } from '../../platform/lazy.js';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest } from '../../platform/errors.js';
import { storeFile } from '../../platform/uploads.js';
import type { TImportError, TImportResult } from '../../../shared/schemas/physician.js';
import { mapHeader, sniffTable, tableRows, type Cell, type SheetRow } from './imports.parse.js';

export const MAX_IMPORT_ROWS = 200_000;

const ERRORS_IN_RESPONSE = 200;

export const BATCH = 5_000;

export class ErrorList {
  readonly all: TImportError[] = [];
  add(row: number, column: string, message: string) {
    this.all.push({ row, column, message });
  }
}

export const MAX_TEXT = 100;

function isBlankRow(cells: Cell[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/**
 * Read the table once, streaming: the header is mapped, then every non-blank data row is handed
 * to `onRow` (which keeps only its compact parsed form), so raw cells never pile up in memory.
 */
export async function readTable(
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

export function inList<T extends string>(v: string, list: readonly T[]): v is T {
  return (list as readonly string[]).includes(v);
}

export interface OrgLite {
  id: number;
  code: string;
  kind: string;
  level: string | null;
  path: string;
  status: string;
  province_id: number;
}

export async function orgsByCodes(db: DbOrTx, codes: string[]): Promise<Map<string, OrgLite>> {
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

/** Build the error report workbook (row, column, message). */
export async function errorReport(errors: TImportError[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet('错误报告');
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 16 },
    { header: '错误说明', key: 'message', width: 60 },
  ];
  for (const e of errors) ws.addRow(e);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function failed(deps: AppDeps, actor: Actor, total: number, errors: ErrorList): Promise<TImportResult> {
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

export function uniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code === '23505' || err.cause?.code === '23505';
}
