import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQueuedJobs } from '../../platform/jobs.js';
import type { TExportJob } from '../../../shared/schemas/exports.js';
import { countRows, createTestApp, sessionFor, type TestContext, type TestSession } from '../../../../tests/helpers.js';
import type { Actor } from '../../platform/actor.js';
import { loadNoticeData } from '../notice/notice.service.js';
import { buildStatsWorld } from '../stats/stats.testkit.js';
import { noticeQrPng } from './notice-qr.js';
import { issueMissingNotices, loadNoticeBatchData } from './notices-batch.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const runExports = () => runQueuedJobs(ctx.deps, { tasks: ['exports.run'] });

async function request(s: TestSession, kind: string, params: Record<string, unknown> = {}) {
  const r = await s.inject({ method: 'POST', url: '/api/exports', payload: { kind, params } });
  return { status: r.statusCode, body: r.json() as TExportJob & { message?: string } };
}

async function exportAndRead(s: TestSession, kind: string, params: Record<string, unknown> = {}) {
  const r = await request(s, kind, params);
  expect(r.status, r.body.message).toBe(200);
  await runExports();
  const job = (await s.inject({ method: 'GET', url: `/api/exports/${r.body.id}` })).json() as TExportJob;
  expect(job.status, job.error ?? '').toBe('done');
  const dl = await s.inject({ method: 'GET', url: `/api/exports/${r.body.id}/download` });
  expect(dl.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(dl.rawPayload as never);
  const rows = (wb.worksheets[0].getSheetValues().slice(1) as unknown[][]).map((x) => x.slice(1));
  return { job, rows, raw: dl.rawPayload };
}

describe('export jobs', () => {
  it('考核进度: 申请导出 → job → progress → 下载; the workbook holds the requester’s rows with Chinese headers', async () => {
    const w = await buildStatsWorld(ctx);
    await w.enrol(w.hospitalA, [
      { status: 'passed', name: '甲医师' },
      { status: 'ready_for_exam', name: '乙医师' },
    ]);
    await w.enrol(w.hospitalB, [{ status: 'passed', name: '丙医师' }]);
    const r = await request(w.s.cityA, 'progress');
    expect(r.body.status).toBe('queued');
    expect(r.body.statusLabel).toBe('排队中');
    await runExports();
    const { job, rows } = await exportAndRead(w.s.cityA, 'progress');
    expect(job.processed).toBe(2);
    expect(job.total).toBe(2);
    expect(job.fileName).toMatch(/^考核进度-\d{12}\.xlsx$/);
    expect(rows[0]).toEqual([
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
    ]);
    // city A sees hospital A only; newest first
    expect(rows.slice(1).map((x) => [x[0], x[7]])).toEqual([
      ['乙医师', '待参加测评'],
      ['甲医师', '考核合格'],
    ]);
    // filters apply
    const passed = await exportAndRead(w.s.province, 'progress', { status: 'passed' });
    expect(
      passed.rows
        .slice(1)
        .map((x) => x[0])
        .sort(),
    ).toEqual(['丙医师', '甲医师']);
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'export' AND action = '申请导出：考核进度' AND province_id = ${w.province.id}`,
      ),
    ).toBe(3);
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'export' AND action LIKE '下载导出文件%' AND province_id = ${w.province.id}`,
      ),
    ).toBe(2);
  });

  it('another account gets the same 404 as a missing job, for progress and download', async () => {
    const w = await buildStatsWorld(ctx);
    await w.enrol(w.hospitalA, [{ status: 'passed' }]);
    const r = await request(w.s.province, 'progress');
    await runExports();
    const missing = randomUUID();
    for (const [s, id] of [
      [w.s.cityA, r.body.id],
      [w.s.hospitalA, r.body.id],
      [w.s.province, missing],
      [w.s.province, 'not-a-uuid'],
    ] as const) {
      for (const url of [`/api/exports/${id}`, `/api/exports/${id}/download`]) {
        const res = await s.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().message).toBe('导出任务不存在或不属于您');
      }
    }
    const mine = (await w.s.cityA.inject({ method: 'GET', url: '/api/exports' })).json();
    expect(mine.items.map((j: TExportJob) => j.id)).not.toContain(r.body.id);
  });

  it('expires: after the set time the download is refused and the scheduled job deletes the file', async () => {
    const w = await buildStatsWorld(ctx);
    await w.enrol(w.hospitalA, [{ status: 'passed' }]);
    const r = await request(w.s.hospitalA, 'progress');
    await runExports();
    const [{ storage_key: key }] = (
      await ctx.db.execute(sql`SELECT storage_key FROM export_jobs WHERE id = ${r.body.id}`)
    ).rows as { storage_key: string }[];
    expect((await ctx.deps.storage.get(key)).length).toBeGreaterThan(0);
    // this job's set time is over (the job's own row: a clock moved for everyone would also
    // expire the jobs of test files running beside this one on the same database)
    await ctx.db.execute(sql`UPDATE export_jobs SET expires_at = now() - interval '1 minute' WHERE id = ${r.body.id}`);
    const dl = await w.s.hospitalA.inject({ method: 'GET', url: `/api/exports/${r.body.id}/download` });
    expect(dl.statusCode).toBe(410);
    expect(dl.json().message).toBe('导出文件已过期并已删除，请重新申请导出');
    await runQueuedJobs(ctx.deps, { tasks: ['exports.expire'] });
    // the scheduled task runs through graphile's cron in production; here the handler is called the same way
    const { jobs } = await import('./exports.jobs.js');
    await jobs['exports.expire']({}, { deps: ctx.deps, logger: ctx.deps.logger, jobId: 't', attempt: 1 });
    const job = (await w.s.hospitalA.inject({ method: 'GET', url: `/api/exports/${r.body.id}` })).json();
    expect(job.status).toBe('expired');
    await expect(ctx.deps.storage.get(key)).rejects.toThrow();
  });

  it('refuses other jurisdictions, other roles and bad filters with Chinese messages and no job', async () => {
    const w = await buildStatsWorld(ctx);
    await w.enrol(w.hospitalA, [{ status: 'passed' }]);
    await w.s.province.inject({ method: 'POST', url: '/api/stats/refresh' });
    await runQueuedJobs(ctx.deps, { tasks: ['stats.snapshot'] });
    const before = await countRows(ctx.db, 'export_jobs', `province_id = ${w.province.id}`);
    const cases: [TestSession, string, Record<string, unknown>, number, string][] = [
      [w.s.cityA, 'stats-progress', { orgId: w.cityB.id }, 404, '统计单位不存在或不在您的管辖范围内'],
      [w.s.districtA, 'stats-result', { orgId: w.province.id }, 404, '统计单位不存在或不在您的管辖范围内'],
      [w.s.hospitalA, 'subordinates', { kind: 'institution' }, 403, '您没有权限导出该列表'],
      [w.s.body, 'physicians', {}, 403, '您没有权限导出该列表'],
      [w.s.province, 'exam-progress', { paperType: 'chemistry' }, 400, ''],
    ];
    for (const [s, kind, params, status, message] of cases) {
      const r = await request(s, kind, params);
      expect(r.status, kind).toBe(status);
      if (message) expect(r.body.message).toBe(message);
      else expect(r.body.message).toMatch(/^导出条件有误/);
    }
    const industry = await sessionFor(ctx, w.industry.accountId, 'industry');
    expect((await request(industry, 'progress')).status).toBe(403);
    expect(await countRows(ctx.db, 'export_jobs', `province_id = ${w.province.id}`)).toBe(before);
  });

  it('scope is frozen at the request: an export of a city never contains a neighbour’s rows', async () => {
    const w = await buildStatsWorld(ctx);
    await w.enrol(w.hospitalA, [{ status: 'passed', name: '本市医师' }]);
    await w.enrol(w.hospitalB, [{ status: 'passed', name: '邻市医师' }]);
    const { rows } = await exportAndRead(w.s.cityB, 'progress');
    expect(rows.slice(1).map((x) => x[0])).toEqual(['邻市医师']);
    const body = await exportAndRead(w.s.body, 'progress');
    expect(body.rows.length).toBe(3);
  });

  it('statistics exports hold the snapshot rows and a 合计 row', async () => {
    const w = await buildStatsWorld(ctx);
    await w.enrol(w.hospitalA, [{ status: 'passed' }, { status: 'failed' }]);
    const none = await request(w.s.province, 'stats-progress');
    expect(none.status).toBe(409);
    expect(none.body.message).toBe('尚无统计结果，请先点击【重新统计】，统计完成后再导出');
    await w.s.province.inject({ method: 'POST', url: '/api/stats/refresh' });
    await runQueuedJobs(ctx.deps, { tasks: ['stats.snapshot'] });
    const p = await exportAndRead(w.s.province, 'stats-progress');
    expect(p.rows[0][0]).toBe('单位');
    expect(p.rows[0]).toContain('考核合格');
    const totalRow = p.rows[p.rows.length - 1];
    expect(String(totalRow[0])).toMatch(/^合计/);
    expect(totalRow[totalRow.length - 1]).toBe(2);
    const res = await exportAndRead(w.s.districtA, 'stats-result');
    expect(res.rows[0].slice(1, 3)).toEqual(['一般程序-合格', '一般程序-不合格']);
    expect(res.rows[1].slice(0, 3)).toEqual([w.hospitalA.name, 1, 1]);
  });

  it('考试进展导出 lists who took and who did not take each paper', async () => {
    const w = await buildStatsWorld(ctx);
    const [took, notYet] = await w.enrol(w.hospitalA, [
      { status: 'pending_grading', name: '已考医师' },
      { status: 'ready_for_exam', name: '未考医师' },
      { status: 'pending_body', name: '未到测评' },
    ]);
    await ctx.db.execute(sql`
      INSERT INTO exam_attempts (enrolment_id, cycle_id, province_id, physician_id, org_path, paper_type, round,
                                 attempt_no, status, started_at, deadline_at, submitted_at, question_count,
                                 pass_score, paper, answer_key, score)
      VALUES (${took.id}, ${w.cycle.id}, ${w.province.id}, ${took.physicianId}, ${w.hospitalA.path}, 'humanities', 'first',
              1, 'submitted', now(), now() + interval '1 hour', now(), 50, 60, '{}'::jsonb, '{}'::text[], 88)`);
    const all = await exportAndRead(w.s.districtA, 'exam-progress', { paperType: 'humanities' });
    expect(all.rows.slice(1).map((x) => [x[0], x[5], x[6], x[7]])).toEqual([
      ['未考医师', '人文医学测评', '未参加', undefined],
      ['已考医师', '人文医学测评', '已参加', 88],
    ]);
    const notTaken = await exportAndRead(w.s.hospitalA, 'exam-progress', {
      paperType: 'humanities',
      taken: 'not_taken',
    });
    expect(notTaken.rows.slice(1).map((x) => x[0])).toEqual(['未考医师']);
    expect(notYet.name).toBe('未考医师');
  });

  it('考核进度 with 工作成绩、职业道德自评: the shared Chinese formatter, never a stored key or JSON', async () => {
    const w = await buildStatsWorld(ctx);
    const [a, b] = await w.enrol(w.hospitalA, [
      { status: 'pending_evaluation', name: '自评医师' },
      { status: 'opened', name: '未自评医师' },
    ]);
    const self = {
      goodRecord: '有',
      goodRecordAwards: '2025年度优秀医师',
      badRecord: '无',
      workQuantity: '合格',
      patients: 1200,
      workQuality: '合格',
      governmentTasks: '合格',
      disqualifying: Array.from({ length: 14 }, () => '无'),
      ethicsSelf: '良好',
      somethingUnknown: { nested: true },
    };
    await ctx.db.execute(
      sql`UPDATE enrolments SET self_evaluation = ${JSON.stringify(self)}::jsonb WHERE id = ${a.id}`,
    );
    const { rows, raw } = await exportAndRead(w.s.hospitalA, 'progress', { withSelfEvaluation: true });
    expect(rows[0].at(-1)).toBe('工作成绩、职业道德自评');
    const byName = new Map(rows.slice(1).map((r) => [r[0], String(r[10] ?? '')]));
    const text = byName.get('自评医师')!;
    expect(text).toContain('【执业行为记录自评】良好执业行为记录：有；受到的表彰、奖励：2025年度优秀医师');
    expect(text).toContain('【工作成绩自评】完成工作数量：合格；接诊病人数：1200');
    expect(text).toContain('1. 在发生的医疗事故中负有完全或主要责任的：无');
    expect(text).toContain('医德医风自评：良好');
    expect(byName.get('未自评医师')).toContain('接诊病人数：未填写');
    expect(b.name).toBe('未自评医师');
    // no English key or JSON anywhere in the workbook's cells
    for (const r of rows.slice(1)) for (const c of r) expect(String(c ?? '')).not.toMatch(/[{}]|patients|ethicsSelf/);
    const sheet = await (await JSZip.loadAsync(raw)).file('xl/worksheets/sheet1.xml')!.async('string');
    for (const k of ['patients', 'ethicsSelf', 'goodRecord', 'somethingUnknown', 'nested', '{'])
      expect(sheet).not.toContain(k);
    // without the option the export keeps its 10 columns
    const plain = await exportAndRead(w.s.hospitalA, 'progress');
    expect(plain.rows[0].length).toBe(10);
    // the progress total counts what the list holds (考核程序 filter); a name search has no total
    const general = await exportAndRead(w.s.hospitalA, 'progress', { procedure: 'general' });
    expect([general.job.total, general.rows.length - 1]).toEqual([2, 2]);
    const simple = await exportAndRead(w.s.hospitalA, 'progress', { procedure: 'simple' });
    expect([simple.job.total, simple.rows.length - 1]).toEqual([0, 0]);
    const search = await exportAndRead(w.s.hospitalA, 'progress', { q: '自评医师' });
    expect(search.rows.slice(1).map((r) => r[0])).toEqual(['自评医师']);
    expect(search.job.total).toBe(1);
  });

  it('writes names that look like formulas as text', async () => {
    const w = await buildStatsWorld(ctx);
    await w.enrol(w.hospitalA, [{ status: 'passed', name: '=HYPERLINK("http://x","点我")' }]);
    const { raw, rows } = await exportAndRead(w.s.hospitalA, 'progress');
    expect(rows[1][0]).toBe('=HYPERLINK("http://x","点我")');
    const zip = await JSZip.loadAsync(raw);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('<c r="A2" t="inlineStr" s="1">');
    expect(sheet).not.toContain('<f>');
  });

  it('the lists that were exported inside the request go through the job: 医师信息, 所辖机构, 免考, 延期', async () => {
    const w = await buildStatsWorld(ctx);
    await w.enrol(w.hospitalA, [{ status: 'disciplinary_failed', name: '违纪医师' }, { status: 'passed' }]);
    const ph = await exportAndRead(w.s.hospitalA, 'physicians');
    expect(ph.rows[0].slice(0, 3)).toEqual(['姓名', '证件类型', '证件号码']);
    expect(ph.rows.length).toBe(3);
    // one masking rule: an export never carries a full 18-digit ID number (issue 12 item 7)
    for (const r of ph.rows.slice(1)) expect(String(r[2])).toMatch(/^.{4}\*{10}.{4}$/);
    const pr = await exportAndRead(w.s.hospitalA, 'progress');
    for (const r of pr.rows.slice(1)) expect(String(r[1])).toMatch(/^.{4}\*{10}.{4}$/);
    const sub = await exportAndRead(w.s.province, 'subordinates', { kind: 'admin' });
    expect(sub.rows[0]).toEqual(['机构账号', '机构名称', '详细地址', '级别', '状态', '创建时间']);
    expect(
      sub.rows
        .slice(1)
        .map((x) => x[1])
        .sort(),
    ).toEqual([w.cityA.name, w.cityB.name].sort());
    const ex = await exportAndRead(w.s.hospitalA, 'exemptions', { scope: 'all' });
    expect(ex.rows[0][0]).toBe('姓名');
    const de = await exportAndRead(w.s.hospitalA, 'deferrals', { scope: 'all' });
    expect(de.rows[0][3]).toBe('所在执业卫生机构');
  });

  it('违纪处理记录: the page’s cases in the requester’s scope, Chinese headers, IDs masked, formulas as text; only the requester downloads', async () => {
    const w = await buildStatsWorld(ctx);
    const [mine, other] = await w.enrol(w.hospitalA, [
      { status: 'pending_grading', name: '=HYPERLINK("http://x","违纪")' },
      { status: 'passed', name: '未处理医师' },
    ]);
    const [neighbour] = await w.enrol(w.hospitalB, [{ status: 'pending_grading', name: '邻市违纪医师' }]);
    for (const id of [mine.id, neighbour.id]) {
      const r = await w.s.province.inject({
        method: 'POST',
        url: `/api/proctoring/enrolments/${id}/process`,
        payload: { reason: '抓拍照片显示替考' },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect(other.name).toBe('未处理医师');
    const r = await request(w.s.cityA, 'discipline');
    expect(r.status, r.body.message).toBe(200);
    const { rows, raw } = await exportAndRead(w.s.cityA, 'discipline');
    expect(rows[0]).toEqual([
      '姓名',
      '证件号码',
      '所在卫生机构',
      '处理时间',
      '处理理由',
      '状态',
      '申诉理由',
      '申诉时间',
      '复查意见',
    ]);
    // city A: its own case only (the neighbour city's case and the unprocessed physician are absent)
    expect(rows.slice(1).map((x) => [x[0], x[2], x[4], x[5]])).toEqual([
      ['=HYPERLINK("http://x","违纪")', w.hospitalA.name, '抓拍照片显示替考', '已处理'],
    ]);
    expect(String(rows[1][1])).toMatch(/^.{4}\*{10}.{4}$/);
    expect(String(rows[1][3])).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
    const sheet = await (await JSZip.loadAsync(raw)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('<c r="A2" t="inlineStr" s="1">');
    expect(sheet).not.toContain('<f>');
    // the status filter of the page applies
    const appealed = await exportAndRead(w.s.cityA, 'discipline', { status: 'appealed' });
    expect(appealed.rows.length).toBe(1);
    // city B sees its own case, never city A's
    const b = await exportAndRead(w.s.cityB, 'discipline');
    expect(b.rows.slice(1).map((x) => x[0])).toEqual(['邻市违纪医师']);
    // only the requester downloads: the neighbour city and the institution get the same 404 as a missing job
    for (const s of [w.s.cityB, w.s.hospitalA]) {
      const dl = await s.inject({ method: 'GET', url: `/api/exports/${r.body.id}/download` });
      expect(dl.statusCode).toBe(404);
      expect(dl.json().message).toBe('导出任务不存在或不属于您');
    }
    // a filter the page does not have is refused
    const bad = await request(w.s.hospitalB, 'discipline', { status: 'nonsense' });
    expect(bad.status).toBe(400);
  });
});

describe('证书打印 in batch', () => {
  const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

  it('3 passed physicians → one PDF with 3 pages, built as a job with progress', async () => {
    const w = await buildStatsWorld(ctx);
    const rows = await w.enrol(w.hospitalA, [
      { status: 'passed', name: '赵一' },
      { status: 'passed', name: '钱二' },
      { status: 'passed', name: '孙三' },
    ]);
    const r = await request(w.s.districtA, 'notices', { enrolmentIds: rows.map((x) => x.id) });
    expect(r.status, r.body.message).toBe(200);
    expect(r.body.total).toBe(3);
    await runExports();
    const job = (await w.s.districtA.inject({ method: 'GET', url: `/api/exports/${r.body.id}` })).json();
    expect(job.status).toBe('done');
    expect(job.processed).toBe(3);
    const dl = await w.s.districtA.inject({ method: 'GET', url: `/api/exports/${r.body.id}/download` });
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(pages(dl.rawPayload)).toBe(3);
    expect(await countRows(ctx.db, 'notices', `enrolment_id IN (${rows.map((x) => x.id).join(',')})`)).toBe(3);
  });

  it('set-based: each notice issued once with its audit row; every page holds what the single notice shows', async () => {
    const w = await buildStatsWorld(ctx);
    const rows = await w.enrol(w.hospitalA, [
      { status: 'passed', name: '周四' },
      { status: 'passed', name: '吴五' },
      { status: 'passed', name: '郑六' },
    ]);
    const [foreign] = await w.enrol(w.hospitalB, [{ status: 'passed', name: '王七' }]);
    const ids = rows.map((x) => x.id);
    const actorOf = async (s: TestSession, enrolmentIds: number[]) => {
      const r = await request(s, 'notices', { enrolmentIds });
      expect(r.status, r.body.message).toBe(200);
      const [{ actor }] = (await ctx.db.execute(sql`SELECT actor FROM export_jobs WHERE id = ${r.body.id}`)).rows as {
        actor: Actor;
      }[];
      return actor;
    };
    const district = await actorOf(w.s.districtA, ids);
    const hospitalB = await actorOf(w.s.hospitalB, [foreign.id]);
    // a neighbour's enrolments: refused, nothing issued
    await expect(issueMissingNotices(ctx.deps, hospitalB, ids)).rejects.toThrow('不存在或不在您的管辖范围内');
    expect(await countRows(ctx.db, 'notices', `enrolment_id IN (${ids.join(',')})`)).toBe(0);
    // one notice issued on a single page first: the batch issues only the other two
    const first = await loadNoticeData(ctx.deps, district, ids[0], 'https://example.invalid');
    expect(await issueMissingNotices(ctx.deps, district, ids)).toBe(2);
    expect(await issueMissingNotices(ctx.deps, district, ids)).toBe(0);
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'enrolment' AND action = '签发考核结果通知书' AND target_id IN (${ids.map((i) => `'${i}'`).join(',')})`,
      ),
    ).toBe(3);
    const batch = await loadNoticeBatchData(ctx.deps, district, ids, 'https://example.invalid');
    expect(batch[0].notice.code).toBe(first.notice.code);
    for (const [i, id] of ids.entries()) {
      const single = await loadNoticeData(ctx.deps, district, id, 'https://example.invalid');
      expect({ ...batch[i], qr: null }).toEqual({ ...single, qr: null });
      // the same QR pixels without alpha (notice-qr.test.ts compares them with the single notice's PNG)
      expect(batch[i].qr.equals(noticeQrPng(single.verifyUrl))).toBe(true);
    }
    expect(batch.map((d) => d.p.name)).toEqual(['周四', '吴五', '郑六']);
  });

  it('a whole filter prints every passed physician of it', async () => {
    const w = await buildStatsWorld(ctx);
    await w.enrol(w.hospitalA, [{ status: 'passed' }, { status: 'failed' }, { status: 'passed', procedure: 'simple' }]);
    const r = await request(w.s.hospitalA, 'notices', { procedure: 'general' });
    expect(r.body.total).toBe(1);
    await runExports();
    const dl = await w.s.hospitalA.inject({ method: 'GET', url: `/api/exports/${r.body.id}/download` });
    expect(pages(dl.rawPayload)).toBe(1);
  });

  it('refuses unfinished or failed enrolments and a neighbour’s, with a clear message and nothing produced', async () => {
    const w = await buildStatsWorld(ctx);
    const [ok, unfinished, failed] = await w.enrol(w.hospitalA, [
      { status: 'passed', name: '合格者' },
      { status: 'ready_for_exam', name: '未完成者' },
      { status: 'failed', name: '不合格者' },
    ]);
    const [neighbour] = await w.enrol(w.hospitalB, [{ status: 'passed' }]);
    const before = await countRows(ctx.db, 'export_jobs', `province_id = ${w.province.id}`);
    const bad = await request(w.s.cityA, 'notices', { enrolmentIds: [ok.id, unfinished.id, failed.id] });
    expect(bad.status).toBe(409);
    expect(bad.body.message).toBe(
      '所选医师中有2人考核未完成或不合格（未完成者、不合格者，状态：待参加测评、考核不合格），仅考核合格的医师可以打印证书，请取消勾选后重试',
    );
    const foreign = await request(w.s.cityA, 'notices', { enrolmentIds: [ok.id, neighbour.id] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe('所选考核记录不存在或不在您的管辖范围内');
    const empty = await request(w.s.hospitalB, 'notices', { procedure: 'simple' });
    expect(empty.status).toBe(409);
    expect(empty.body.message).toBe('没有符合条件的考核合格医师，无需打印证书');
    expect(await countRows(ctx.db, 'export_jobs', `province_id = ${w.province.id}`)).toBe(before);
    expect(await countRows(ctx.db, 'notices', `enrolment_id = ${ok.id}`)).toBe(0);
  });
});
