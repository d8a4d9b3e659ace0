import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { questions, questionVersions } from '../../db/schema/index.js';
import {
  buildProvince,
  countRows,
  createTestApp,
  sessionFor,
  type TestContext,
  type TestSession,
} from '../../../../tests/helpers.js';
import { IMPORT_COLUMNS, type TQuestionInput } from '../../../shared/schemas/bank.js';
import { parseImportRow, validateQuestion } from './bank.rules.js';
import { demoQuestions } from './data/index.js';

const base: TQuestionInput = {
  bank: 'humanities',
  category: '法律法规',
  practiceCategory: null,
  type: 'single',
  stem: '医师定期考核的周期为',
  options: [
    { key: 'A', text: '一年' },
    { key: 'B', text: '二年' },
    { key: 'C', text: '三年' },
    { key: 'D', text: '五年' },
  ],
  answer: ['C'],
  explanation: '《医师法》第四十二条。',
  difficulty: 1,
};

describe('question validation (unit)', () => {
  it('accepts a valid single-choice question', () => {
    expect(validateQuestion(base)).toEqual([]);
  });
  it('single choice needs exactly one answer', () => {
    expect(validateQuestion({ ...base, answer: ['A', 'C'] })).toContain('单选题必须有且只有一个正确答案');
    expect(validateQuestion({ ...base, answer: [] })).toContain('单选题必须有且只有一个正确答案');
  });
  it('multiple choice needs at least two answers', () => {
    expect(validateQuestion({ ...base, type: 'multiple', answer: ['A'] })).toContain('多选题至少要有两个正确答案');
    expect(validateQuestion({ ...base, type: 'multiple', answer: ['A', 'B'] })).toEqual([]);
  });
  it('judge questions have the options 正确/错误', () => {
    expect(validateQuestion({ ...base, type: 'judge', answer: ['A'] })).toContain('判断题的选项必须是 A 正确、B 错误');
    expect(
      validateQuestion({
        ...base,
        type: 'judge',
        options: [
          { key: 'A', text: '正确' },
          { key: 'B', text: '错误' },
        ],
        answer: ['B'],
      }),
    ).toEqual([]);
  });
  it('answer keys must exist among the options; 2–8 options', () => {
    expect(validateQuestion({ ...base, answer: ['E'] })).toContain('答案 E 不在选项中');
    expect(validateQuestion({ ...base, options: [{ key: 'A', text: '唯一' }], answer: ['A'] })).toContain(
      '选项不能少于2个',
    );
    const nine = 'ABCDEFGHI'.split('').map((k) => ({ key: k, text: k }));
    expect(validateQuestion({ ...base, options: nine, answer: ['A'] }).join()).toContain('选项');
  });
  it('checks the category against the bank and 执业类别', () => {
    expect(validateQuestion({ ...base, category: '内科' }).join()).toContain('人文医学分类须为');
    expect(
      validateQuestion({ ...base, bank: 'professional', category: '内科', practiceCategory: null }).join(),
    ).toContain('须填写执业类别');
    expect(
      validateQuestion({ ...base, bank: 'professional', category: '针灸', practiceCategory: '临床' }).join(),
    ).toContain('临床类别的专业须为');
    expect(validateQuestion({ ...base, bank: 'professional', category: '针灸', practiceCategory: '中医' })).toEqual([]);
  });
  it('parses a spreadsheet row and names the column of each error', () => {
    const ok = parseImportRow(
      {
        题库: '业务水平',
        分类: '内科',
        执业类别: '临床',
        题型: '多选题',
        题干: '题干内容',
        选项A: '甲',
        选项B: '乙',
        选项C: '丙',
        答案: 'A,C',
        难度: '2',
      },
      2,
    );
    expect(ok.errors).toEqual([]);
    expect(ok.input?.answer).toEqual(['A', 'C']);
    const judge = parseImportRow(
      { 题库: '人文医学', 分类: '医学伦理', 题型: '判断题', 题干: '陈述内容', 答案: '错误' },
      3,
    );
    expect(judge.input?.options.map((o) => o.text)).toEqual(['正确', '错误']);
    expect(judge.input?.answer).toEqual(['B']);
    const bad = parseImportRow(
      {
        题库: '人文医学',
        分类: '法律法规',
        题型: '单选题',
        题干: '题干',
        选项A: '甲',
        选项C: '丙',
        答案: 'E',
        难度: '9',
      },
      7,
    );
    const cols = bad.errors.map((e) => e.column);
    expect(cols).toContain('选项B');
    expect(cols).toContain('难度');
    expect(bad.errors.every((e) => e.row === 7)).toBe(true);
  });
});

describe('demo bank (unit)', () => {
  it('every demo question is valid, stems are unique, and the bank covers the chapters and 执业类别', () => {
    const qs = demoQuestions();
    for (const q of qs) expect([q.stem, validateQuestion(q)]).toEqual([q.stem, []]);
    expect(new Set(qs.map((q) => q.stem)).size).toBe(qs.length);
    const count = (f: (q: (typeof qs)[number]) => boolean) => qs.filter(f).length;
    expect(count((q) => q.bank === 'humanities')).toBeGreaterThanOrEqual(300);
    expect(count((q) => q.bank === 'professional')).toBeGreaterThanOrEqual(300);
    expect(count((q) => q.practiceCategory === '临床')).toBeGreaterThanOrEqual(150);
    for (const pc of ['中医', '口腔', '公共卫生'])
      expect(count((q) => q.practiceCategory === pc)).toBeGreaterThanOrEqual(40);
    expect(new Set(qs.filter((q) => q.practiceCategory === '临床').map((q) => q.category)).size).toBeGreaterThanOrEqual(
      5,
    );
    for (const t of ['single', 'multiple', 'judge']) expect(count((q) => q.type === t)).toBeGreaterThan(20);
    for (const d of [1, 2, 3, 4, 5]) expect(count((q) => q.difficulty === d)).toBeGreaterThan(0);
    // answers are not always the same letter
    expect(new Set(qs.filter((q) => q.type === 'single').map((q) => q.answer[0])).size).toBeGreaterThanOrEqual(4);
  });
});

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

async function xlsx(rows: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('试题');
  ws.addRow([...IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(IMPORT_COLUMNS.map((c) => r[c] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(buf: Buffer, filename: string) {
  const boundary = `----dkTestBoundary${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, buf, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function setup() {
  const p = await buildProvince(ctx.db);
  const admin = await sessionFor(ctx, p.province.accountId, 'admin');
  return { p, admin };
}

async function create(s: TestSession, over: Partial<TQuestionInput> = {}) {
  const res = await s.inject({
    method: 'POST',
    url: '/api/bank/questions',
    payload: { ...base, stem: `定期考核周期${Math.random()}`, ...over },
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('question bank API', () => {
  it('only the province admin of that province manages the bank; a city admin gets 403, another province 404', async () => {
    const { p, admin } = await setup();
    const q = await create(admin);
    const city = await sessionFor(ctx, p.cityA.accountId, 'admin');
    expect((await city.inject({ method: 'GET', url: '/api/bank/questions' })).statusCode).toBe(403);
    expect((await city.inject({ method: 'POST', url: '/api/bank/questions', payload: base })).statusCode).toBe(403);
    const inst = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    expect((await inst.inject({ method: 'GET', url: '/api/bank/questions' })).statusCode).toBe(403);

    const other = await setup();
    for (const [method, url] of [
      ['GET', `/api/bank/questions/${q.id}`],
      ['POST', `/api/bank/questions/${q.id}/retire`],
      ['GET', `/api/bank/versions/${q.currentVersionId}`],
    ] as const) {
      expect((await other.admin.inject({ method, url })).statusCode).toBe(404);
    }
    const put = await other.admin.inject({
      method: 'PUT',
      url: `/api/bank/questions/${q.id}`,
      payload: { ...base, stem: '改写后的题干', baseVersionId: q.currentVersionId },
    });
    expect(put.statusCode).toBe(404);
    const [row] = await ctx.db.select().from(questions).where(eq(questions.id, q.id));
    expect(row.status).toBe('enabled');
    expect(row.currentVersionId).toBe(q.currentVersionId);
    // the neighbour's list does not show it
    const list = (await other.admin.inject({ method: 'GET', url: '/api/bank/questions?pageSize=100' })).json();
    expect(list.items.some((x: { id: number }) => x.id === q.id)).toBe(false);
  });

  it('refuses an invalid question with a Chinese message and stores nothing', async () => {
    const { p, admin } = await setup();
    const res = await admin.inject({
      method: 'POST',
      url: '/api/bank/questions',
      payload: { ...base, type: 'multiple', answer: ['A'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('多选题至少要有两个正确答案');
    expect(await countRows(ctx.db, 'questions', `province_id = ${p.province.id}`)).toBe(0);
  });

  it('filters and paginates the list', async () => {
    const { admin } = await setup();
    await create(admin, { stem: '关于知情同意的表述', category: '医学伦理' });
    await create(admin, { bank: 'professional', category: '内科', practiceCategory: '临床', stem: '高血压的诊断标准' });
    await create(admin, {
      bank: 'professional',
      category: '针灸',
      practiceCategory: '中医',
      stem: '足三里所属经脉',
      difficulty: 4,
    });
    const all = (await admin.inject({ method: 'GET', url: '/api/bank/questions' })).json();
    expect(all.total).toBe(3);
    const prof = (
      await admin.inject({ method: 'GET', url: '/api/bank/questions?bank=professional&practiceCategory=中医' })
    ).json();
    expect(prof.items.map((x: { stem: string }) => x.stem)).toEqual(['足三里所属经脉']);
    const kw = (
      await admin.inject({ method: 'GET', url: `/api/bank/questions?keyword=${encodeURIComponent('知情')}` })
    ).json();
    expect(kw.total).toBe(1);
    const diff = (await admin.inject({ method: 'GET', url: '/api/bank/questions?difficulty=4' })).json();
    expect(diff.total).toBe(1);
    const page2 = (await admin.inject({ method: 'GET', url: '/api/bank/questions?pageSize=2&page=2' })).json();
    expect(page2.items.length).toBe(1);
  });

  it('edit creates a new version; the old version stays readable and unchanged; stale edits conflict', async () => {
    const { admin } = await setup();
    const q = await create(admin);
    const v1 = q.currentVersionId;
    const res = await admin.inject({
      method: 'PUT',
      url: `/api/bank/questions/${q.id}`,
      payload: { ...base, stem: '根据《医师法》，医师定期考核的周期为', category: '法律法规', baseVersionId: v1 },
    });
    expect(res.statusCode).toBe(200);
    const edited = res.json();
    expect(edited.currentVersionId).not.toBe(v1);
    expect(edited.version).toBe(2);
    const old = (await admin.inject({ method: 'GET', url: `/api/bank/versions/${v1}` })).json();
    expect(old.stem).toBe(q.stem);
    expect(old.current).toBe(false);
    const detail = (await admin.inject({ method: 'GET', url: `/api/bank/questions/${q.id}` })).json();
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // an editor still holding v1 is refused, nothing changes
    const stale = await admin.inject({
      method: 'PUT',
      url: `/api/bank/questions/${q.id}`,
      payload: { ...base, stem: '过期编辑', baseVersionId: v1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(await countRows(ctx.db, 'question_versions', `question_id = ${q.id}`)).toBe(2);
    const [v1row] = await ctx.db.select().from(questionVersions).where(eq(questionVersions.id, v1));
    expect(v1row.stem).toBe(q.stem);
  });

  it('retires and re-enables with audit; a second retire conflicts', async () => {
    const { admin } = await setup();
    const q = await create(admin);
    expect((await admin.inject({ method: 'POST', url: `/api/bank/questions/${q.id}/retire` })).json().status).toBe(
      'retired',
    );
    expect((await admin.inject({ method: 'POST', url: `/api/bank/questions/${q.id}/retire` })).statusCode).toBe(409);
    const re = (await admin.inject({ method: 'POST', url: `/api/bank/questions/${q.id}/enable` })).json();
    expect(re.status).toBe('enabled');
    expect(re.actions).toContain('retire');
    expect(await countRows(ctx.db, 'audit_log', `target_type = 'question' AND target_id = '${q.id}'`)).toBe(3);
  });

  it('imports all-or-nothing: a bad row rejects the whole file with a row report; fixed → imported; exports re-import', async () => {
    const { p, admin } = await setup();
    const good = {
      题库: '人文医学',
      分类: '医学伦理',
      题型: '单选题',
      题干: '医学伦理的基本原则不包括',
      选项A: '尊重原则',
      选项B: '不伤害原则',
      选项C: '利润最大化原则',
      选项D: '公正原则',
      答案: 'C',
      解析: '四原则：尊重、不伤害、有利、公正。',
      难度: '2',
    };
    const judge = {
      题库: '人文医学',
      分类: '法律法规',
      题型: '判断题',
      题干: '医师在执业活动中享有获取劳动报酬的权利。',
      答案: '正确',
      难度: '1',
    };
    const bad = {
      题库: '业务水平',
      分类: '内科',
      执业类别: '临床',
      题型: '多选题',
      题干: '属于ACEI类的药物是',
      选项A: '卡托普利',
      选项B: '依那普利',
      选项C: '氨氯地平',
      答案: 'A',
      难度: '3',
    };
    const r1 = await admin.inject({
      method: 'POST',
      url: '/api/bank/import',
      ...multipart(await xlsx([good, judge, bad]), '试题.xlsx'),
    });
    expect(r1.statusCode).toBe(200);
    const rep = r1.json();
    expect(rep.status).toBe('rejected');
    expect(rep.imported).toBe(0);
    expect(rep.errors).toEqual([{ row: 4, column: '答案', message: '多选题至少要有两个正确答案' }]);
    expect(await countRows(ctx.db, 'questions', `province_id = ${p.province.id}`)).toBe(0);
    const report = await admin.inject({ method: 'GET', url: `/api/bank/imports/${rep.importId}/report` });
    expect(report.statusCode).toBe(200);
    expect(String(report.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(2).values).toEqual([undefined, 4, '答案', '多选题至少要有两个正确答案']);

    const r2 = await admin.inject({
      method: 'POST',
      url: '/api/bank/import',
      ...multipart(await xlsx([good, judge, { ...bad, 答案: 'AB' }]), '试题.xlsx'),
    });
    expect(r2.json()).toMatchObject({ status: 'imported', imported: 3, errors: [] });
    expect(await countRows(ctx.db, 'questions', `province_id = ${p.province.id}`)).toBe(3);
    const list = (await admin.inject({ method: 'GET', url: '/api/bank/questions?type=judge' })).json();
    expect(list.items[0].options).toEqual([
      { key: 'A', text: '正确' },
      { key: 'B', text: '错误' },
    ]);

    // the export has the import layout and round-trips
    const exp = await admin.inject({ method: 'GET', url: '/api/bank/export?bank=professional' });
    expect(exp.statusCode).toBe(200);
    const ew = new ExcelJS.Workbook();
    await ew.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const sheet = ew.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('题库');
    expect(sheet.getRow(2).getCell(5).value).toBe('属于ACEI类的药物是');
    expect(sheet.getRow(2).getCell(14).value).toBe('AB');
    expect(sheet.rowCount).toBe(2);

    // a non-spreadsheet is refused by content
    const pdf = await admin.inject({
      method: 'POST',
      url: '/api/bank/import',
      ...multipart(Buffer.from('%PDF-1.4 fake'), '试题.xlsx'),
    });
    expect(pdf.statusCode).toBe(400);
    // another province cannot read the report
    const other = await setup();
    expect(
      (await other.admin.inject({ method: 'GET', url: `/api/bank/imports/${rep.importId}/report` })).statusCode,
    ).toBe(404);
  });

  it('serves the template with the documented columns', async () => {
    const { admin } = await setup();
    const res = await admin.inject({ method: 'GET', url: '/api/bank/template' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual([...IMPORT_COLUMNS]);
  });

  it('manages 考前资料 within the province', async () => {
    const { admin } = await setup();
    const m = await admin.inject({
      method: 'POST',
      url: '/api/bank/materials',
      payload: { title: '医师法要点', summary: '摘要', content: '正文' },
    });
    expect(m.statusCode).toBe(200);
    const id = m.json().id;
    const other = await setup();
    expect(
      (
        await other.admin.inject({
          method: 'PUT',
          url: `/api/bank/materials/${id}`,
          payload: { title: 'x', content: 'y' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await other.admin.inject({ method: 'DELETE', url: `/api/bank/materials/${id}` })).statusCode).toBe(404);
    expect(
      (await admin.inject({ method: 'POST', url: '/api/bank/materials', payload: { title: '空', summary: '' } })).json()
        .message,
    ).toContain('请填写正文或上传附件');
    expect((await admin.inject({ method: 'DELETE', url: `/api/bank/materials/${id}` })).statusCode).toBe(200);
  });
});
