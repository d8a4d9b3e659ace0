import { PassThrough, type Readable } from 'node:stream';
import { loadExcel } from '../../../platform/lazy.js';
import type { AppDeps } from '../../../app.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { IMPORT_COLUMNS, type TQuestionListQuery } from '../../../../shared/schemas/bank.js';
import * as repo from '../bank.repo.js';
import { questionToCells } from '../bank.rules.js';

/** 导出: the filtered list in the import layout, streamed in keyset batches. */
export function exportQuestions(
  deps: AppDeps,
  actor: Actor,
  f: Omit<TQuestionListQuery, 'page' | 'pageSize'>,
): Readable {
  requireProvinceAdmin(actor);
  const out = new PassThrough();
  const where = repo.questionFilter(actor.provinceId, f);
  (async () => {
    const ExcelJS = await loadExcel();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet('试题');
    ws.columns = [...IMPORT_COLUMNS, '状态', '版本'].map((h) => ({
      header: h,
      width: h === '题干' || h === '解析' ? 40 : 12,
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
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
