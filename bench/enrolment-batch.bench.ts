/**
 * 批量操作 of 1,000 in one transaction: 参加考核 (POST /api/enrolments/open), 取消参加考核, and
 * 确认考核医师名单 → 批量通过 (POST /api/enrolments/body-approve-batch) — each audited and each
 * physician notified (站内消息 + SMS outbox, every physician with a bound mobile).
 * Usage: npx tsx bench/enrolment-batch.bench.ts [pgPort=55214]. Target: < 2 s each.
 */
import { startWorld } from './enrolment-env.js';

const PORT = Number(process.argv[2] ?? 55214);
const w = await startWorld({ port: PORT, enrolments: 50_000 });
try {
  const inst = w.ids.institution;
  // 1,000 fresh physicians of one institution, each with an account and a bound mobile
  const ps = await w.pool.query(
    `INSERT INTO physicians (province_id, institution_id, org_path, name, id_number, gender, level, practice_category)
     SELECT o.province_id, o.id, o.path, '批量' || g, 'N' || o.id || '_' || g, '女', '执业医师', '临床' FROM organisations o, generate_series(1, 1000) g WHERE o.id = $1 RETURNING id`,
    [inst],
  );
  const physicianIds = ps.rows.map((r) => Number(r.id));
  await w.pool.query(
    `INSERT INTO accounts (kind, physician_id, province_id, login, password_hash, mobile)
     SELECT 'physician', id, province_id, id_number, 'x', '139' || lpad((id % 100000000)::text, 8, '0') FROM physicians WHERE id = ANY($1::bigint[])`,
    [physicianIds],
  );
  const ih = await w.headers('institution');
  const time = async (label: string, fn: () => Promise<{ statusCode: number; body: string }>) => {
    const t0 = performance.now();
    const r = await fn();
    const ms = performance.now() - t0;
    if (r.statusCode !== 200) throw new Error(`${label}: ${r.statusCode} ${r.body}`);
    process.stdout.write(`| ${label} | 1000 | ${ms.toFixed(0)} |\n`);
  };
  // warm-up (JIT, prepared plans) on 10 other physicians of the institution, not measured
  const warm = (
    await w.pool.query(
      `SELECT id FROM physicians WHERE institution_id = $1 AND NOT (id = ANY($2::bigint[])) AND id NOT IN (SELECT physician_id FROM enrolments) LIMIT 10`,
      [inst, physicianIds],
    )
  ).rows.map((r) => Number(r.id));
  if (warm.length) {
    await w.app.inject({ method: 'POST', url: '/api/enrolments/open', headers: ih, payload: { physicianIds: warm } });
    await w.app.inject({ method: 'POST', url: '/api/enrolments/cancel', headers: ih, payload: { physicianIds: warm } });
  }
  process.stdout.write('| operation | rows | ms |\n|---|---|---|\n');
  await time('参加考核（批量）', () =>
    w.app.inject({ method: 'POST', url: '/api/enrolments/open', headers: ih, payload: { physicianIds } }),
  );
  await time('取消参加考核（批量）', () =>
    w.app.inject({ method: 'POST', url: '/api/enrolments/cancel', headers: ih, payload: { physicianIds } }),
  );
  await time('参加考核（批量，重新开通）', () =>
    w.app.inject({ method: 'POST', url: '/api/enrolments/open', headers: ih, payload: { physicianIds } }),
  );
  // move them to 待考核机构复核 (data set-up, not measured) and approve as their assessment body
  const es = await w.pool.query(
    `UPDATE enrolments SET status = 'pending_body', procedure = 'general' WHERE physician_id = ANY($1::bigint[]) RETURNING id`,
    [physicianIds],
  );
  const body = (await w.pool.query(`SELECT body_org_id FROM assessment_assignments WHERE institution_id = $1`, [inst]))
    .rows[0].body_org_id;
  const acc = (
    await w.pool.query(
      `INSERT INTO accounts (kind, org_id, province_id, login, password_hash, must_change_password) VALUES ('org', $1, $2, $3, 'x', false) ON CONFLICT DO NOTHING RETURNING id`,
      [body, w.provinceId, `bench_b_${body}`],
    )
  ).rows[0];
  const { createSession } = await import('../src/server/platform/sessions.js');
  const { createDb } = await import('../src/server/db/client.js');
  const accountId = acc?.id ?? (await w.pool.query(`SELECT id FROM accounts WHERE org_id = $1`, [body])).rows[0].id;
  const s = await createSession(createDb(w.pool), accountId, 'body', 1, {});
  const bh = { cookie: `dk_session=${s.token}`, 'x-csrf-token': s.csrfToken };
  await time('确认考核医师名单 → 批量通过', () =>
    w.app.inject({
      method: 'POST',
      url: '/api/enrolments/body-approve-batch',
      headers: bh,
      payload: { ids: es.rows.map((r) => Number(r.id)) },
    }),
  );
  const audits = (await w.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE target_type = 'enrolment'`))
    .rows[0].n;
  const sms = (await w.pool.query(`SELECT count(*)::int AS n FROM sms_outbox`)).rows[0].n;
  process.stdout.write(`\naudit rows: ${audits}, SMS outbox rows: ${sms}\n`);
} finally {
  await w.stop();
}
