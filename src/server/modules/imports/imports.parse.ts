/**
 * Reading an uploaded table (.xlsx or UTF-8 .csv) row by row. The type is decided by the
 * content, never the file name: an .xlsx is a zip holding a workbook (checked by
 * `checkUpload`), a .csv must be valid UTF-8 text without NUL bytes. The .xlsx path uses the
 * exceljs streaming reader (patched: patches/exceljs+4.4.0.patch decodes the XML with a
 * StringDecoder so Chinese text split across chunks stays whole).
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../platform/lazy.js';
import { fileTypeFromBuffer } from 'file-type';
import { checkUpload, type CheckedUpload } from '../../platform/uploads.js';
import { badRequest } from '../../platform/errors.js';
import { IMPORT_MAX_BYTES } from '../../../shared/schemas/physician.js';

export type Cell = string | number | Date | null;
export interface SheetRow {
  /** 1-based row number as the user sees it in Excel (header = 1) */
  row: number;
  cells: Cell[];
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Check an upload by content and size; returns how to read it. */
export async function sniffTable(buf: Buffer): Promise<CheckedUpload & { format: 'xlsx' | 'csv' }> {
  if (buf.length === 0) throw badRequest('上传的文件为空');
  if (buf.length > IMPORT_MAX_BYTES) throw badRequest(`文件大小不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
  const ft = await fileTypeFromBuffer(buf);
  if (ft) {
    // Streaming writers (exceljs, WPS, …) order the zip entries differently, so magic-byte
    // detection may only see a zip: accept it when its directory names an Excel workbook.
    const checked = await checkUpload(buf, 'spreadsheet', {
      maxBytes: IMPORT_MAX_BYTES,
      allowedMimes: [XLSX_MIME, 'application/zip'],
    });
    if (
      checked.mime === 'application/zip' &&
      (buf.lastIndexOf('xl/workbook.xml') < 0 || buf.lastIndexOf('[Content_Types].xml') < 0)
    ) {
      throw badRequest('文件内容不是允许的格式（xlsx 表格），请检查文件是否被改过扩展名');
    }
    return { mime: XLSX_MIME, ext: 'xlsx', format: 'xlsx' };
  }
  if (buf.includes(0)) throw badRequest('文件内容不是 .xlsx 表格或 UTF-8 编码的 .csv 文本，请检查文件是否被改过扩展名');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw badRequest('CSV 文件须为 UTF-8 编码（可在 Excel 中“另存为 CSV UTF-8”），请转换后重新上传');
  }
  return { mime: 'text/csv', ext: 'csv', format: 'csv' };
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('error' in v) return null;
  }
  return String(v);
}

async function* xlsxRows(buf: Buffer): AsyncGenerator<SheetRow> {
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(Readable.from([buf]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let first = true;
  for await (const ws of reader) {
    for await (const row of ws) {
      if (!first) continue; // only the first worksheet is read; the others (填写说明) are drained
      const values = row.values as ExcelJS.CellValue[];
      yield { row: row.number, cells: values.slice(1).map(cellValue) };
    }
    first = false;
  }
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), UTF-8 with or without BOM. */
export function* csvRows(text: string): Generator<SheetRow> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let rowNo = 1;
  let cells: Cell[] = [];
  let field = '';
  let quoted = false;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      cells.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      cells.push(field);
      yield { row: rowNo++, cells };
      cells = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || cells.length) {
    cells.push(field);
    yield { row: rowNo, cells };
  }
}

export function tableRows(buf: Buffer, format: 'xlsx' | 'csv'): AsyncIterable<SheetRow> | Iterable<SheetRow> {
  if (format === 'xlsx') return xlsxRows(buf);
  return csvRows(new TextDecoder('utf-8').decode(buf));
}

/** Map header names (with optional * and spaces) to column indexes; lists missing required headers. */
export function mapHeader(
  cells: Cell[],
  columns: readonly string[],
  required: readonly string[],
): { index: Record<string, number>; missing: string[] } {
  const index: Record<string, number> = {};
  cells.forEach((c, i) => {
    const name = String(c ?? '')
      .replace(/^\uFEFF/, '')
      .replace(/[*＊\s]/g, '');
    if ((columns as readonly string[]).includes(name) && index[name] === undefined) index[name] = i;
  });
  return { index, missing: required.filter((r) => index[r] === undefined) };
}

/** A cell as trimmed text ('' for empty). Numbers keep their digits (no exponent for ≤15 digits). */
export function text(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'number') return Number.isInteger(c) ? c.toFixed(0) : String(c);
  return c.trim();
}

/** Parse a date cell: Excel date, YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD or YYYYMMDD → 'YYYY-MM-DD'. */
export function parseDate(c: Cell | undefined): string | null | 'invalid' {
  if (c === null || c === undefined || c === '') return null;
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? 'invalid' : c.toISOString().slice(0, 10);
  const s = text(c);
  if (!s) return null;
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(s);
  if (!m) return 'invalid';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return 'invalid';
  return dt.toISOString().slice(0, 10);
}

export { XLSX_MIME, fileTypeFromBuffer };
