import { and, eq } from 'drizzle-orm';
import { loadExcel } from '../../../platform/lazy.js';
import type { AppDeps } from '../../../app.js';
import { questionImports } from '../../../db/schema/index.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';
import { styleHeader } from './import-template.js';

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
  const wb = new (await loadExcel()).Workbook();
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
