/**
 * 考核进度 at scale: GET /api/enrolments (keyset, scoped, filtered) against 1,000,000 enrolments.
 * Usage: npx tsx bench/enrolment-progress.bench.ts [enrolments=1000000] [pgPort=55213]
 * Target: p95 < 150 ms with a status filter, for every reviewer role.
 */
import { percentile, startWorld } from './enrolment-env.js';

const N = Number(process.argv[2] ?? 1_000_000);
const PORT = Number(process.argv[3] ?? 55213);
const RUNS = 60;

const w = await startWorld({ port: PORT, enrolments: N });
try {
  const cases: [string, keyof typeof w.ids, string][] = [
    ['省级 · 状态=待卫生机构审核', 'province', 'status=pending_institution'],
    ['省级 · 状态=待参加测评', 'province', 'status=ready_for_exam'],
    ['省级 · 无筛选', 'province', ''],
    ['省级 · 状态 + 考核程序', 'province', 'status=pending_evaluation&procedure=general'],
    ['市级 · 状态=待考核机构复核', 'city', 'status=pending_body'],
    ['区县 · 状态=待考核机构复核', 'district', 'status=pending_body'],
    ['卫生机构 · 状态=待卫生机构审核', 'institution', 'status=pending_institution'],
    ['考核机构 · 状态=待考核机构复核', 'body', 'status=pending_body'],
    ['省级 · 姓名精确查询', 'province', `q=${encodeURIComponent('王伟芳')}`],
  ];
  const rows: string[] = [];
  for (const [label, who, qs] of cases) {
    const headers = await w.headers(who);
    const times: number[] = [];
    let cursor: number | null = null;
    let items = 0;
    for (let i = 0; i < RUNS; i++) {
      // alternate first pages and following pages (keyset cursor of the previous page)
      const url: string = `/api/enrolments?${qs}${qs ? '&' : ''}limit=20${cursor && i % 2 ? `&cursor=${cursor}` : ''}`;
      const t0 = performance.now();
      const r = await w.app.inject({ method: 'GET', url, headers });
      times.push(performance.now() - t0);
      if (r.statusCode !== 200) throw new Error(`${label}: ${r.statusCode} ${r.body}`);
      const body = r.json() as { items: unknown[]; nextCursor: number | null };
      items = body.items.length;
      cursor = body.nextCursor;
    }
    const line = `| ${label} | ${items} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`;
    rows.push(line);
    process.stdout.write(`${line}\n`);
  }
  const plan = await w.pool.query(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT e.id FROM enrolments e JOIN physicians p ON p.id = e.physician_id
      WHERE e.cycle_id = $1 AND e.org_path LIKE $2 AND e.status = 'pending_body' ORDER BY e.id DESC LIMIT 21`,
    [w.cycleId, `/${w.ids.province}/%`],
  );
  process.stdout.write(`\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
  process.stdout.write(`\n| case | rows | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|\n${rows.join('\n')}\n`);
} finally {
  await w.stop();
}
