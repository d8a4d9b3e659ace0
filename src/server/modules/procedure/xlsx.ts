/** Streaming .xlsx export of a scoped list, page by page (shared by the exemption and deferral lists). */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppDeps } from '../../app.js';

export interface XlsxColumn<R> {
  header: string;
  width: number;
  value: (r: R) => string | number;
}

/** YYYY/MM/DD in China time. */
export function cnDate(d: Date | string | null | undefined): string {
  if (!d) return '';
  const c = new Date(new Date(d).getTime() + 8 * 3600_000);
  return c.toISOString().slice(0, 10).replaceAll('-', '/');
}

/**
 * Writes `sheet` to a stream; `page(afterId)` returns the next rows (ordered by id descending,
 * ids below `afterId`), at most `size`; stops at a short page.
 */
export function streamXlsx<R extends { id: number }>(
  deps: Pick<AppDeps, 'logger'>,
  sheet: string,
  columns: XlsxColumn<R>[],
  page: (afterId: number | null, size: number) => Promise<R[]>,
  size = 1000,
): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  const run = async () => {
    let after: number | null = null;
    for (;;) {
      const rows = await page(after, size);
      for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c, i) => [`c${i}`, c.value(r)]))).commit();
      if (out.writableLength > 4 * 1024 * 1024) await once(out, 'drain');
      if (rows.length < size) break;
      after = rows[rows.length - 1].id;
    }
    ws.commit();
    await wb.commit();
  };
  run().catch((err) => {
    deps.logger.error({ err }, `${sheet} export failed`);
    out.destroy(err as Error);
  });
  return out;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const attachmentHeader = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
