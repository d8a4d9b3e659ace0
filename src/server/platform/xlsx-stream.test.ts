import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  columnLetter,
  escapeXml,
  looksLikeFormula,
  SHEET_MAX_ROWS,
  XlsxStreamWriter,
  type XlsxCell,
} from './xlsx-stream.js';

async function write(columns: string[], batches: XlsxCell[][][], maxRowsPerSheet?: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const w = new XlsxStreamWriter(out, {
    sheetName: '医师信息',
    columns: columns.map((header) => ({ header })),
    maxRowsPerSheet,
  });
  await w.start();
  for (const b of batches) await w.addRows(b);
  await w.finish();
  out.end();
  return Buffer.concat(chunks);
}

describe('xlsx-stream', () => {
  it('continues on a next sheet with the same header when a sheet is full (Excel: 1,048,576 rows)', async () => {
    // 3 rows per sheet here: the header and 2 data rows; 5 rows in batches of 3 and 2
    const buf = await write(
      ['姓名', '序号'],
      [
        [
          ['甲', 1],
          ['乙', 2],
          ['丙', 3],
        ],
        [
          ['丁', 4],
          ['戊', 5],
        ],
      ],
      3,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const sheets = wb.worksheets.map((ws) => ({
      name: ws.name,
      rows: (ws.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1)),
    }));
    expect(sheets).toEqual([
      {
        name: '医师信息',
        rows: [
          ['姓名', '序号'],
          ['甲', 1],
          ['乙', 2],
        ],
      },
      {
        name: '医师信息（2）',
        rows: [
          ['姓名', '序号'],
          ['丙', 3],
          ['丁', 4],
        ],
      },
      {
        name: '医师信息（3）',
        rows: [
          ['姓名', '序号'],
          ['戊', 5],
        ],
      },
    ]);
    expect(SHEET_MAX_ROWS).toBe(1_048_576);
  });

  it('column letters', () => {
    const expected: [number, string][] = [
      [0, 'A'],
      [25, 'Z'],
      [26, 'AA'],
      [51, 'AZ'],
      [52, 'BA'],
      [701, 'ZZ'],
      [702, 'AAA'],
    ];
    for (const [i, s] of expected) expect(columnLetter(i)).toBe(s);
  });

  it('recognises the formula prefixes and nothing else', () => {
    const table: [string, boolean][] = [
      ['=1+1', true],
      ['+86 139', true],
      ['-5', true],
      ['@SUM(A1)', true],
      ['\tcmd', true],
      ['\rcmd', true],
      ['张三', false],
      ['a=b', false],
      ['', false],
      [' =1', false],
    ];
    for (const [s, v] of table) expect(looksLikeFormula(s), s).toBe(v);
  });

  it('escapes XML and drops characters XML cannot hold', () => {
    expect(escapeXml('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(escapeXml('x\u0001y\u000bz\ud800')).toBe('xyz');
    expect(escapeXml('𠀀汉字')).toBe('𠀀汉字');
  });

  it('writes a workbook a spreadsheet reads back: Chinese headers, text, numbers, empty cells', async () => {
    const buf = await write(
      ['姓名', '证件号码', '人数', '备注'],
      [
        [
          ['张三', '110101199003077777', 3, null],
          ['李四', '11010119900307001X', 0, '多机构 & <备案>'],
        ],
        [['王五', '110101199003071234', 12.5, '']],
      ],
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('医师信息');
    const rows = ws.getSheetValues().slice(1) as unknown[][];
    expect(rows.map((r) => r.slice(1))).toEqual([
      ['姓名', '证件号码', '人数', '备注'],
      ['张三', '110101199003077777', 3],
      ['李四', '11010119900307001X', 0, '多机构 & <备案>'],
      ['王五', '110101199003071234', 12.5],
    ]);
  });

  it('writes cells that start with = + - @ as quote-prefixed text, never as formulas', async () => {
    const evil = ['=HYPERLINK("http://x","点我")', '+1+1', '-2+3', '@SUM(1)', "=cmd|' /C calc'!A0"];
    const buf = await write(['值'], [evil.map((v) => [v])]);
    const zip = await JSZip.loadAsync(buf);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(sheet).not.toContain('<f>');
    // every data cell is an inline string with style 1, and style 1 is the quotePrefix text style
    const cells = [...sheet.matchAll(/<c r="A(\d+)"([^>]*)>/g)].filter((m) => m[1] !== '1');
    expect(cells).toHaveLength(evil.length);
    for (const c of cells) expect(c[2]).toBe(' t="inlineStr" s="1"');
    const xfs = [...styles.matchAll(/<cellXfs[^>]*>(.*)<\/cellXfs>/g)][0][1].match(/<xf [^>]*\/>/g)!;
    expect(xfs[1]).toContain('quotePrefix="1"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const values = (wb.worksheets[0].getSheetValues().slice(2) as unknown[][]).map((r) => r[1]);
    expect(values).toEqual(evil);
  });

  it('an empty export is a valid workbook with the header only', async () => {
    const buf = await write(['机构账号', '机构名称'], []);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    expect(wb.worksheets[0].rowCount).toBe(1);
  });

  it('streams many rows in batches without holding them (10 000 rows round-trip)', async () => {
    const batches: XlsxCell[][][] = [];
    for (let b = 0; b < 10; b++)
      batches.push(Array.from({ length: 1000 }, (_, i) => [`医师${b * 1000 + i}`, b * 1000 + i]));
    const buf = await write(['姓名', '序号'], batches);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(10_001);
    expect(ws.getRow(10_001).values).toEqual([undefined, '医师9999', 9999]);
  });
});
