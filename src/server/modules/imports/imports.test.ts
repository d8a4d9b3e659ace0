import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import {
  buildPhysician,
  buildProvince,
  countRows,
  createTestApp,
  sessionFor,
  type TestContext,
  type TestSession,
} from '../../../../tests/helpers.js';
import { accounts, organisations, physicians, provinceSettings } from '../../db/schema/index.js';
import { verifyPassword } from '../../platform/passwords.js';
import { makeIdNumber } from '../../seed/names.js';
import { PHYSICIAN_IMPORT_COLUMNS, type TImportResult } from '../../../shared/schemas/physician.js';
import { csvRows, parseDate, sniffTable } from './imports.parse.js';
import { IMPORT_MAX_BYTES } from '../../../shared/schemas/physician.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx.close();
});

let serial = (process.pid % 500) * 1000;
/** A fresh valid ID number (distinct birth date + serial per call). */
function newId(male = true): string {
  serial++;
  const birth = new Date(
    Date.UTC(1960 + (serial % 35), Math.floor(serial / 35) % 12, 1 + (Math.floor(serial / 420) % 28)),
  );
  return makeIdNumber(String(440100 + (Math.floor(serial / 11760) % 90)), birth, serial % 997, male);
}

type Row = Partial<Record<(typeof PHYSICIAN_IMPORT_COLUMNS)[number], string | number>>;

async function xlsx(rows: Row[], columns: readonly string[] = PHYSICIAN_IMPORT_COLUMNS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('医师信息');
  ws.addRow([...columns]);
  for (const r of rows) ws.addRow(columns.map((c) => (r as Record<string, unknown>)[c] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csv(rows: Row[], bom = true): Buffer {
  const q = (v: unknown) =>
    v === undefined || v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v);
  const lines = [
    PHYSICIAN_IMPORT_COLUMNS.join(','),
    ...rows.map((r) => PHYSICIAN_IMPORT_COLUMNS.map((c) => q(r[c])).join(',')),
  ];
  return Buffer.from(`${(bom ? '\uFEFF' : '') + lines.join('\r\n')}\r\n`, 'utf8');
}

async function upload(s: TestSession, url: string, buf: Buffer, filename: string) {
  const boundary = `----dk${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return s.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

function doc(over: Row, code: string): Row {
  return {
    姓名: '张三',
    证件类型: '居民身份证',
    证件号码: newId(),
    医师级别: '执业医师',
    执业类别: '临床',
    执业范围: '内科专业',
    首次注册时间: '2008-07-01',
    职称: '主治医师',
    所在机构账号: code,
    ...over,
  };
}

describe('医师导入', () => {
  it('imports valid rows from .xlsx with accounts on the initial password, forced change, legacy/lower-case IDs normalised', async () => {
    const p = await buildProvince(ctx.db);
    const id18x = (() => {
      for (;;) {
        const id = newId();
        if (id.endsWith('X')) return id;
      }
    })();
    const legacyBase = newId();
    const legacy = legacyBase.slice(0, 6) + legacyBase.slice(8, 17); // 15-digit form of a 19xx birth
    const s = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const buf = await xlsx([
      doc({ 姓名: '韦小宝', 证件号码: id18x.toLowerCase() }, p.hospitalA.code),
      doc({ 姓名: '覃老', 证件号码: legacy, 医师级别: '执业助理医师', 执业类别: '中医' }, p.hospitalA.code),
      doc({ 姓名: '陆一' }, p.hospitalA.code),
    ]);
    const r = await upload(s, '/api/imports/physicians', buf, '医师.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    const res = r.json() as TImportResult;
    expect(res).toMatchObject({ ok: true, total: 3, imported: 3, errorCount: 0 });
    const rows = await ctx.db.select().from(physicians).where(eq(physicians.institutionId, p.hospitalA.id));
    expect(rows.map((x) => x.name).sort()).toEqual(['覃老', '陆一', '韦小宝'].sort());
    expect(rows.find((x) => x.name === '韦小宝')!.idNumber).toBe(id18x);
    expect(rows.find((x) => x.name === '覃老')!.idNumber).toHaveLength(18);
    expect(rows.every((x) => x.orgPath === p.hospitalA.path && x.provinceId === p.province.id)).toBe(true);
    const accs = await ctx.db
      .select()
      .from(accounts)
      .where(
        sql`${accounts.physicianId} IN (${sql.join(
          rows.map((x) => sql`${x.id}`),
          sql`,`,
        )})`,
      );
    expect(accs).toHaveLength(3);
    expect(accs.every((a) => a.mustChangePassword && a.kind === 'physician')).toBe(true);
    expect(new Set(accs.map((a) => a.passwordHash)).size).toBe(1); // hashed once per distinct password
    expect(await verifyPassword(accs[0].passwordHash, '666666')).toBe(true);
  });

  it("uses the province's last-six rule (X upper-case) and reads UTF-8 .csv with BOM and quoted fields", async () => {
    const p = await buildProvince(ctx.db);
    await ctx.db.insert(provinceSettings).values({ provinceId: p.province.id, physicianInitialPassword: 'id_last6' });
    const s = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    const a = doc({ 姓名: '黄,引号"测试', 所在机构账号: '' }, '');
    const b = doc({ 姓名: '黎二', 执业范围: '外科专业\n（多行）' }, p.hospitalA.code);
    const r = await upload(s, '/api/imports/physicians', csv([a, b]), 'a.csv');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, imported: 2 });
    for (const row of [a, b]) {
      const [ph] = await ctx.db
        .select()
        .from(physicians)
        .where(eq(physicians.idNumber, String(row.证件号码)));
      expect(ph.name).toBe(row.姓名);
      expect(ph.institutionId).toBe(p.hospitalA.id);
      const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.physicianId, ph.id));
      expect(await verifyPassword(acc.passwordHash, ph.idNumber.slice(-6).toUpperCase())).toBe(true);
    }
    const [scoped] = await ctx.db
      .select()
      .from(physicians)
      .where(eq(physicians.idNumber, String(b.证件号码)));
    expect(scoped.practiceScope).toBe('外科专业\n（多行）');
    // the same file without BOM also works
    const c = doc({ 姓名: '无BOM' }, '');
    expect((await upload(s, '/api/imports/physicians', csv([c], false), 'b.csv')).json()).toMatchObject({
      ok: true,
      imported: 1,
    });
  });

  it('validates every row and imports NOTHING when any row fails; the error report lists row, column and message', async () => {
    const p = await buildProvince(ctx.db);
    const existing = await buildPhysician(ctx.db, p.hospitalA);
    const dup = newId();
    const good = newId();
    const badCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const s = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const before = await countRows(ctx.db, 'physicians', `province_id = ${p.province.id}`);
    const beforeAcc = await countRows(ctx.db, 'accounts', `province_id = ${p.province.id}`);
    const buf = await xlsx([
      doc({ 姓名: '正常' }, p.hospitalA.code), // row 2 fine
      doc({ 证件号码: badCheck }, p.hospitalA.code), // row 3 check digit
      doc({ 证件号码: dup }, p.hospitalA.code), // row 4
      doc({ 证件号码: dup }, p.hospitalA.code), // row 5 duplicate of 4
      doc({ 证件号码: existing.idNumber }, p.hospitalA.code), // row 6 in DB
      doc({}, p.hospitalB.code), // row 7 other district
      doc({ 姓名: '' }, p.hospitalA.code), // row 8 no name
      doc({ 首次注册时间: '2008-13-45' }, p.hospitalA.code), // row 9 bad date
      doc({ 医师级别: '主任医师' }, p.hospitalA.code), // row 10 bad level
      doc({}, 'no_such_org'), // row 11 unknown institution
      doc({ 性别: '女', 证件号码: newId(true) }, p.hospitalA.code), // row 12 gender mismatch
    ]);
    const r = await upload(s, '/api/imports/physicians', buf, 'bad.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    const res = r.json() as TImportResult;
    expect(res.ok).toBe(false);
    expect(res.imported).toBe(0);
    expect(res.total).toBe(11);
    const byRow = (row: number) => res.errors.filter((e) => e.row === row);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)[0]).toMatchObject({ column: '证件号码', message: expect.stringContaining('校验位') });
    expect(byRow(4)).toEqual([]);
    expect(byRow(5)[0].message).toContain('与第 4 行重复');
    expect(byRow(6)[0].message).toContain('已存在');
    expect(byRow(7)[0]).toMatchObject({
      column: '所在机构账号',
      message: expect.stringContaining('不在您的管辖范围内'),
    });
    expect(byRow(8)[0]).toMatchObject({ column: '姓名', message: '姓名不能为空' });
    expect(byRow(9)[0].column).toBe('首次注册时间');
    expect(byRow(10)[0].column).toBe('医师级别');
    expect(byRow(11)[0].column).toBe('所在机构账号');
    expect(byRow(12)[0]).toMatchObject({ column: '性别', message: '性别与身份证号码不一致' });
    expect(res.errorCount).toBe(9); // one per bad row (an invalid ID number does not also report the gender it would imply)
    expect(await countRows(ctx.db, 'physicians', `province_id = ${p.province.id}`)).toBe(before);
    expect(await countRows(ctx.db, 'accounts', `province_id = ${p.province.id}`)).toBe(beforeAcc);
    // the report downloads as .xlsx for the same account only
    const rep = await s.inject({ method: 'GET', url: `/api/imports/reports/${res.reportId}` });
    expect(rep.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rep.rawPayload as never);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '行号', '列', '错误说明']);
    expect(sheet.rowCount).toBe(1 + res.errorCount);
    const other = await sessionFor(ctx, p.districtB.accountId, 'admin');
    expect((await other.inject({ method: 'GET', url: `/api/imports/reports/${res.reportId}` })).statusCode).toBe(404);
  });

  it('an institution may import only into itself', async () => {
    const p = await buildProvince(ctx.db);
    const s = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    const res = (
      await upload(s, '/api/imports/physicians', await xlsx([doc({}, p.hospitalB.code)]), 'x.xlsx')
    ).json() as TImportResult;
    expect(res.ok).toBe(false);
    expect(res.errors[0].message).toContain('只能导入本机构');
    expect(await countRows(ctx.db, 'physicians', `institution_id = ${p.hospitalB.id}`)).toBe(0);
  });

  it('refuses malformed and disguised files and changes nothing', async () => {
    const p = await buildProvince(ctx.db);
    const s = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const before = await countRows(ctx.db, 'physicians', `province_id = ${p.province.id}`);
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001',
      'hex',
    );
    const cases: [Buffer, string, string][] = [
      [png, 'disguised.xlsx', '扩展名'],
      [Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1'), 'disguised.csv', '扩展名'],
      [Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd6, 0xa4, 0xbc, 0xfe, 0x0d, 0x0a]), 'gbk.csv', 'UTF-8'],
      [Buffer.from('a,b,c\r\n1,2,3\r\n'), 'noheader.csv', '表头缺少'],
      [Buffer.from(`${PHYSICIAN_IMPORT_COLUMNS.join(',')}\r\n`), 'empty.csv', '没有数据行'],
      [Buffer.alloc(0), 'zero.csv', '为空'],
    ];
    for (const [buf, name, msg] of cases) {
      const r = await upload(s, '/api/imports/physicians', buf, name);
      expect(r.statusCode, name).toBe(400);
      expect(r.json().message, name).toContain(msg);
    }
    expect(await countRows(ctx.db, 'physicians', `province_id = ${p.province.id}`)).toBe(before);
    const doctor = await buildPhysician(ctx.db, p.hospitalA);
    const ds = await sessionFor(ctx, doctor.accountId, 'physician');
    expect((await upload(ds, '/api/imports/physicians', csv([doc({}, p.hospitalA.code)]), 'x.csv')).statusCode).toBe(
      403,
    );
  });

  it('keeps Chinese text intact across stream chunk boundaries (exceljs #2063 patch)', async () => {
    const p = await buildProvince(ctx.db);
    const s = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const phrase = '内科专业心血管方向兼全科医学与中西医结合临床研究';
    const rows: Row[] = [];
    for (let i = 0; i < 2500; i++) {
      // every row different so the shared-strings XML is large (≈ 400 KB of 3-byte characters)
      rows.push(
        doc(
          {
            姓名: `欧阳${'明华秀英建国'[i % 6]}${'甲乙丙丁戊'[i % 5]}`,
            执业范围: `${phrase}${i}${phrase.slice(i % 20)}`,
          },
          p.hospitalA.code,
        ),
      );
    }
    const buf = await xlsx(rows);
    const r = await upload(s, '/api/imports/physicians', buf, 'big.xlsx');
    expect(r.statusCode, r.body.slice(0, 500)).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, imported: 2500 });
    const stored = await ctx.db
      .select({ id: physicians.idNumber, name: physicians.name, scope: physicians.practiceScope })
      .from(physicians)
      .where(eq(physicians.institutionId, p.hospitalA.id));
    const byId = new Map(stored.map((x) => [x.id, x]));
    for (const row of rows) {
      const got = byId.get(String(row.证件号码))!;
      expect(got.scope).toBe(row.执业范围);
      expect(got.name).toBe(row.姓名);
    }
    expect(stored.some((x) => x.scope.includes('\uFFFD'))).toBe(false);
  });
});

describe('机构导入', () => {
  it('creates unactivated institutions with accounts under the administration or a subordinate one', async () => {
    const p = await buildProvince(ctx.db);
    const s = await sessionFor(ctx, p.cityA.accountId, 'admin');
    const code1 = `imp_${process.pid}_${Date.now()}_a`;
    const code2 = `imp_${process.pid}_${Date.now()}_b`;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('卫生机构');
    ws.addRow(['机构账号', '机构名称', '详细地址', '上级行政机构账号']);
    ws.addRow([code1, '南宁市测试医院', '南宁市青秀区', '']);
    ws.addRow([code2, '区属社区卫生服务中心', '', p.districtA.code]);
    const r = await upload(s, '/api/imports/institutions', Buffer.from(await wb.xlsx.writeBuffer()), 'orgs.xlsx');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, imported: 2 });
    const [o1] = await ctx.db.select().from(organisations).where(eq(organisations.code, code1));
    const [o2] = await ctx.db.select().from(organisations).where(eq(organisations.code, code2));
    expect(o1).toMatchObject({
      kind: 'institution',
      status: 'unactivated',
      parentId: p.cityA.id,
      path: `${p.cityA.path}${o1.id}/`,
      provinceId: p.province.id,
    });
    expect(o2).toMatchObject({ parentId: p.districtA.id, path: `${p.districtA.path}${o2.id}/` });
    const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.orgId, o2.id));
    expect(acc).toMatchObject({ kind: 'org', login: code2, mustChangePassword: true });
    expect(await verifyPassword(acc.passwordHash, '666666')).toBe(true);
  });

  it('refuses the whole file for a parent outside the jurisdiction, duplicate or existing codes; institutions cannot import institutions', async () => {
    const p = await buildProvince(ctx.db);
    const s = await sessionFor(ctx, p.cityA.accountId, 'admin');
    const code = `imp_${process.pid}_${Date.now()}_c`;
    const body = [
      '机构账号,机构名称,详细地址,上级行政机构账号',
      `${code},甲医院,,`,
      `${code},乙医院,,`,
      `${p.hospitalB.code},丙医院,,`,
      `x_${code},丁医院,,${p.cityB.code}`,
      `y_${code},戊医院,,${p.hospitalA.code}`,
    ].join('\n');
    const before = await countRows(ctx.db, 'organisations', `province_id = ${p.province.id}`);
    const res = (await upload(s, '/api/imports/institutions', Buffer.from(body), 'o.csv')).json() as TImportResult;
    expect(res.ok).toBe(false);
    expect(res.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '机构账号'],
      [4, '机构账号'],
      [5, '上级行政机构账号'],
      [6, '上级行政机构账号'],
    ]);
    expect(await countRows(ctx.db, 'organisations', `province_id = ${p.province.id}`)).toBe(before);
    const inst = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    expect((await upload(inst, '/api/imports/institutions', Buffer.from(body), 'o.csv')).statusCode).toBe(403);
  });

  it('serves both templates with the documented columns', async () => {
    const p = await buildProvince(ctx.db);
    const s = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    for (const [kind, first] of [
      ['physicians', '姓名'],
      ['institutions', '机构账号'],
    ]) {
      const r = await s.inject({ method: 'GET', url: `/api/imports/templates/${kind}` });
      expect(r.statusCode).toBe(200);
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([r.rawPayload]), {});
      for await (const ws of reader) {
        for await (const row of ws) {
          expect((row.values as unknown[])[1]).toBe(first);
          break;
        }
        break;
      }
    }
  });
});

describe('parsing helpers', () => {
  it('refuses files over 50 MB and zips that are not workbooks', async () => {
    await expect(sniffTable(Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x41))).rejects.toThrow('50 MB');
    // a zip (local file header) naming no Excel workbook
    const zip = Buffer.concat([
      Buffer.from('504b0304', 'hex'),
      Buffer.alloc(26),
      Buffer.from('word/document.xml'),
      Buffer.alloc(64),
    ]);
    await expect(sniffTable(zip)).rejects.toThrow('扩展名');
  });

  it('parses dates in common spellings and rejects impossible ones', () => {
    expect(parseDate('2008/7/1')).toBe('2008-07-01');
    expect(parseDate('20080701')).toBe('2008-07-01');
    expect(parseDate('2008年7月1日')).toBe('2008-07-01');
    expect(parseDate('2023-02-29')).toBe('invalid');
    expect(parseDate('')).toBeNull();
  });
  it('parses RFC 4180 CSV', () => {
    expect([...csvRows('\uFEFFa,"b,""c"""\r\n"x\ny",\n')].map((r) => r.cells)).toEqual([
      ['a', 'b,"c"'],
      ['x\ny', ''],
    ]);
  });
});
