/**
 * Writer bench: N rows × 10 columns of typical export data (Chinese names, ID numbers, labels,
 * dates) written to a file by (a) exceljs's streaming WorkbookWriter and (b) platform/xlsx-stream.
 * Each run is its own process so peak RSS is the writer's own.
 *   npx tsx bench/export-xlsx-writer.ts exceljs 1000000
 *   npx tsx bench/export-xlsx-writer.ts stream 1000000
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { XlsxStreamWriter } from '../src/server/platform/xlsx-stream.js';

const [writer = 'stream', nArg = '1000000'] = process.argv.slice(2);
const N = Number(nArg);
const BATCH = 1000;
const headers = [
  '姓名',
  '证件号码',
  '性别',
  '医师级别',
  '执业类别',
  '卫生机构',
  '考核程序',
  '考核状态',
  '提交时间',
  '驳回/处理理由',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const row = (i: number) => [
  `${SURNAMES[i % SURNAMES.length]}医师${i}`,
  `45010219${String(70 + (i % 30)).padStart(2, '0')}0101${String(i % 10000).padStart(4, '0')}`,
  i % 2 ? '男' : '女',
  '执业医师',
  '临床',
  `南宁市第${(i % 500) + 1}人民医院`,
  i % 3 ? '一般程序' : '简易程序',
  i % 7 ? '考核合格' : '待参加测评',
  '2026/03/15',
  i % 50 ? '' : '材料不全，请补充后重新提交',
];

let peak = 0;
const sample = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);

async function main() {
  const file = `/tmp/bench-xlsx-${writer}-${process.pid}.xlsx`;
  const out = fs.createWriteStream(file);
  const t0 = Date.now();
  if (writer === 'exceljs') {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('考核进度');
    ws.columns = headers.map((h, i) => ({ header: h, key: `c${i}`, width: 14 }));
    for (let b = 0; b < N; b += BATCH) {
      for (let i = b; i < Math.min(N, b + BATCH); i++) ws.addRow(row(i)).commit();
      if (out.writableLength > 4 * 1024 * 1024) await once(out, 'drain');
      await yieldToLoop();
    }
    ws.commit();
    await wb.commit();
  } else {
    const w = new XlsxStreamWriter(out, { sheetName: '考核进度', columns: headers.map((header) => ({ header })) });
    await w.start();
    for (let b = 0; b < N; b += BATCH) {
      const batch = [];
      for (let i = b; i < Math.min(N, b + BATCH); i++) batch.push(row(i));
      await w.addRows(batch);
      await yieldToLoop();
    }
    await w.finish();
    out.end();
  }
  await once(out, 'close').catch(() => undefined);
  const ms = Date.now() - t0;
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  const size = fs.statSync(file).size;
  fs.rmSync(file);
  console.log(
    JSON.stringify({
      writer,
      rows: N,
      seconds: +(ms / 1000).toFixed(1),
      peakRssMb: Math.round(peak / 1048576),
      fileMb: +(size / 1048576).toFixed(1),
    }),
  );
}
main();
