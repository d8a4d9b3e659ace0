/**
 * National-scale data set for benchmarks:
 *
 *   npm run seed:scale -- --physicians 1000000 [--enrolments] [--per-province 150000] [--per-institution 100]
 *
 * Writes into DATABASE_URL, or else starts the embedded PostgreSQL in DATA_DIR (like
 * src/server/main.ts) and migrates first. Generates provinces → cities → districts →
 * institutions in proportion (1 province per 150k physicians, ~100 physicians per
 * institution), physicians with valid ID numbers, their accounts, and with --enrolments a
 * current cycle per province with one enrolment per physician in a spread of statuses.
 * Each city's first institution is an assessment body assigned to the city's institutions.
 *
 * Every account's password is SCALE_PASSWORD (one argon2id hash), already onboarded, so the
 * login benchmark can use any of them. Rows are streamed with `COPY … FROM STDIN` through a
 * small hand-written pg Submittable (pg-copy-streams is not a dependency), in one transaction.
 */
import type pg from 'pg';
import pino from 'pino';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/server/config.js';
import { createDb, createPool } from '../src/server/db/client.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/server/db/embedded.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { hashPassword } from '../src/server/platform/passwords.js';
import { idCheckDigit } from '../src/shared/idcard.js';
import { pick, randomName, rng } from '../src/server/seed/names.js';
import type { EnrolmentStatus } from '../src/shared/enrolment-status.js';

export const SCALE_PASSWORD = 'Scale@2026';

/** `COPY … FROM STDIN` as a pg Submittable: pg hands us the connection once the server asks for data. */
export class CopyFrom {
  rowCount = 0;
  private done!: (err: Error | null) => void;
  readonly finished: Promise<number>;
  constructor(
    private readonly text: string,
    private readonly source: Iterable<string> | AsyncIterable<string>,
  ) {
    this.finished = new Promise((resolve, reject) => {
      this.done = (err) => (err ? reject(err) : resolve(this.rowCount));
    });
  }
  // pg's Submittable protocol is untyped (pg-protocol's Connection is not exported)
  // biome-ignore lint/suspicious/noExplicitAny: see above
  submit(connection: any) {
    connection.query(this.text);
  }
  // biome-ignore lint/suspicious/noExplicitAny: pg's Submittable protocol is untyped
  handleCopyInResponse(connection: any) {
    void (async () => {
      let buf: string[] = [];
      let size = 0;
      try {
        for await (const line of this.source) {
          buf.push(line);
          size += line.length;
          if (size > 1 << 20) {
            connection.sendCopyFromChunk(Buffer.from(buf.join(''), 'utf8'));
            buf = [];
            size = 0;
            // let the socket drain so a million rows never pile up in memory
            if (connection.stream.writableLength > 8 << 20)
              await new Promise((r) => connection.stream.once('drain', r));
          }
        }
        if (buf.length) connection.sendCopyFromChunk(Buffer.from(buf.join(''), 'utf8'));
        connection.endCopyFrom();
      } catch (e) {
        connection.sendCopyFail(String(e));
      }
    })();
  }
  handleCommandComplete(msg: { text: string }) {
    this.rowCount = Number(msg.text.split(' ').pop());
  }
  handleReadyForQuery() {
    this.done(null);
  }
  handleError(err: Error) {
    this.done(err);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handlePortalSuspended() {}
  handleEmptyQuery() {}
  handleCopyData() {}
}

export async function copyInto(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: string[],
  rows: Iterable<string> | AsyncIterable<string>,
): Promise<number> {
  const q = new CopyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, rows);
  // biome-ignore lint/suspicious/noExplicitAny: pg's typings do not accept a custom Submittable
  (client as any).query(q);
  return q.finished;
}

const COPY_NULL = '\\N';
const line = (vals: (string | number | boolean | null)[]) =>
  `${vals.map((v) => (v === null ? COPY_NULL : String(v))).join('\t')}\n`;

function args() {
  const a = process.argv.slice(2);
  const get = (k: string, d: number) => {
    const i = a.indexOf(`--${k}`);
    return i >= 0 && a[i + 1] && !a[i + 1].startsWith('--') ? Number(a[i + 1]) : d;
  };
  return {
    physicians: get('physicians', 1_000_000),
    perProvince: get('per-province', 150_000),
    perInstitution: get('per-institution', 100),
    enrolments: a.includes('--enrolments'),
  };
}

const STATUS_WEIGHTS: [EnrolmentStatus, number][] = [
  ['not_opened', 2],
  ['opened', 10],
  ['pending_institution', 8],
  ['institution_rejected', 2],
  ['pending_body', 8],
  ['registered', 10],
  ['pending_evaluation', 6],
  ['procedure_rejected', 1],
  ['pending_body_evaluation', 5],
  ['ready_for_exam', 15],
  ['pending_grading', 5],
  ['passed', 20],
  ['failed', 3],
  ['reexam_ready', 2],
  ['pending_reexam_grading', 1],
  ['withdrawn', 1.5],
  ['disciplinary_failed', 0.5],
];
const WEIGHT_SUM = STATUS_WEIGHTS.reduce((s, [, w]) => s + w, 0);
function pickStatus(r: () => number): EnrolmentStatus {
  let x = r() * WEIGHT_SUM;
  for (const [s, w] of STATUS_WEIGHTS) {
    x -= w;
    if (x < 0) return s;
  }
  return 'passed';
}
const WITH_PROCEDURE = new Set<EnrolmentStatus>([
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
  'pending_grading',
  'passed',
  'failed',
  'reexam_ready',
  'pending_reexam_grading',
  'disciplinary_failed',
]);

const CATEGORIES = ['临床', '临床', '临床', '中医', '口腔', '公共卫生'];
const TITLES = ['住院医师', '主治医师', '副主任医师', '主任医师'];
/** province-code prefixes used for generated IDs (45 = the demo province is left out) */
const AREA_PREFIXES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
];
const AREAS: string[] = [];
for (const p of AREA_PREFIXES) for (let c = 1; c <= 20; c++) AREAS.push(`${p}${String(c).padStart(2, '0')}01`);
const DAYS = 16_000; // birth dates from 1955-01-01
const BASE_DAY = Date.UTC(1955, 0, 1);

/** The k-th generated ID number: unique for every k (area × birth day × sequence). */
export function scaleIdNumber(k: number): { id: string; birth: string; male: boolean } {
  const area = AREAS[k % AREAS.length];
  const rest = Math.floor(k / AREAS.length);
  const day = rest % DAYS;
  const seq = Math.floor(rest / DAYS) % 1000;
  const d = new Date(BASE_DAY + day * 86_400_000);
  const ymd = d.toISOString().slice(0, 10);
  const first17 = `${area}${ymd.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return { id: first17 + idCheckDigit(first17), birth: ymd, male: seq % 2 === 1 };
}

interface Org {
  id: number;
  provinceId: number;
  parentId: number | null;
  kind: 'admin' | 'institution';
  level: 'province' | 'city' | 'district' | null;
  name: string;
  code: string;
  path: string;
  isBody: boolean;
  bodyId: number | null;
}

export async function seedScale(url: string, opts: ReturnType<typeof args>, log: pino.Logger) {
  const pool = createPool(url, 2);
  const client = await pool.connect();
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const lap = (k: string, since: number) => (timings[k] = (Date.now() - since) / 1000);
  try {
    const hash = await hashPassword(SCALE_PASSWORD);
    const tag = `sc${Date.now().toString(36)}`;
    const provinces = Math.max(1, Math.ceil(opts.physicians / opts.perProvince));
    const institutions = Math.max(provinces, Math.ceil(opts.physicians / opts.perInstitution));
    const citiesPerProvince = 12;
    const districtsPerCity = 8;
    await client.query('BEGIN');
    await client.query('LOCK TABLE organisations, physicians IN SHARE ROW EXCLUSIVE MODE');
    const offset = Number((await client.query('SELECT count(*) AS n FROM physicians')).rows[0].n);
    const adminCount = provinces * (1 + citiesPerProvince + citiesPerProvince * districtsPerCity);
    const orgCount = adminCount + institutions;
    const orgBase = Number(
      (
        await client.query(
          `SELECT setval('organisations_id_seq', (SELECT last_value FROM organisations_id_seq) + $1) - $1 AS b`,
          [orgCount],
        )
      ).rows[0].b,
    );
    const phBase = Number(
      (
        await client.query(
          `SELECT setval('physicians_id_seq', (SELECT last_value FROM physicians_id_seq) + $1) - $1 AS b`,
          [opts.physicians],
        )
      ).rows[0].b,
    );

    // ---- organisations (in memory: ≈ 10k rows per million physicians) ----
    let ts = Date.now();
    const orgs: Org[] = [];
    let nextOrg = orgBase + 1;
    const insts: Org[] = [];
    for (let p = 0; p < provinces; p++) {
      const pid = nextOrg++;
      const prov: Org = {
        id: pid,
        provinceId: pid,
        parentId: null,
        kind: 'admin',
        level: 'province',
        name: `规模测试第${p + 1}省卫生健康委员会`,
        code: `${tag}p${p}`,
        path: `/${pid}/`,
        isBody: false,
        bodyId: null,
      };
      orgs.push(prov);
      const provInsts = Math.floor(institutions / provinces) + (p < institutions % provinces ? 1 : 0);
      const cities: Org[] = [];
      const districts: Org[][] = [];
      for (let c = 0; c < citiesPerProvince; c++) {
        const cid = nextOrg++;
        const city: Org = {
          id: cid,
          provinceId: pid,
          parentId: pid,
          kind: 'admin',
          level: 'city',
          name: `规模测试第${p + 1}省第${c + 1}市卫生健康委员会`,
          code: `${tag}p${p}c${c}`,
          path: `${prov.path}${cid}/`,
          isBody: false,
          bodyId: null,
        };
        orgs.push(city);
        cities.push(city);
        districts.push([]);
        for (let d = 0; d < districtsPerCity; d++) {
          const did = nextOrg++;
          const dist: Org = {
            id: did,
            provinceId: pid,
            parentId: cid,
            kind: 'admin',
            level: 'district',
            name: `规模测试第${p + 1}省第${c + 1}市第${d + 1}区卫生健康局`,
            code: `${tag}p${p}c${c}d${d}`,
            path: `${city.path}${did}/`,
            isBody: false,
            bodyId: null,
          };
          orgs.push(dist);
          districts[c].push(dist);
        }
      }
      const cityBody: (Org | null)[] = cities.map(() => null);
      for (let h = 0; h < provInsts; h++) {
        const c = h % citiesPerProvince;
        // one in ten institutions hangs directly under its city, the others under a district
        const parent = h % 10 === 0 ? cities[c] : districts[c][Math.floor(h / citiesPerProvince) % districtsPerCity];
        const hid = nextOrg++;
        const inst: Org = {
          id: hid,
          provinceId: pid,
          parentId: parent.id,
          kind: 'institution',
          level: null,
          name: `规模测试第${p + 1}省第${c + 1}市第${h + 1}医院`,
          code: `${tag}p${p}h${h}`,
          path: `${parent.path}${hid}/`,
          isBody: false,
          bodyId: null,
        };
        if (!cityBody[c]) {
          inst.isBody = true;
          cityBody[c] = inst;
        }
        inst.bodyId = cityBody[c]!.id;
        orgs.push(inst);
        insts.push(inst);
      }
    }
    await copyInto(
      client,
      'organisations',
      [
        'id',
        'province_id',
        'parent_id',
        'kind',
        'level',
        'name',
        'code',
        'address',
        'path',
        'status',
        'can_apply_assessment',
        'is_assessment_body',
      ],
      orgs.map((o) =>
        line([
          o.id,
          o.provinceId,
          o.parentId,
          o.kind,
          o.level,
          o.name,
          o.code,
          '规模测试地址',
          o.path,
          'active',
          o.isBody,
          o.isBody,
        ]),
      ),
    );
    await copyInto(
      client,
      'accounts',
      ['kind', 'org_id', 'province_id', 'login', 'password_hash', 'must_change_password'],
      orgs.map((o) => line(['org', o.id, o.provinceId, o.code, hash, false])),
    );
    await copyInto(
      client,
      'assessment_assignments',
      ['province_id', 'body_org_id', 'institution_id'],
      insts.map((i) => line([i.provinceId, i.bodyId, i.id])),
    );
    await client.query(
      `INSERT INTO province_settings (province_id, physician_initial_password) SELECT unnest($1::int[]), '666666' ON CONFLICT DO NOTHING`,
      [orgs.filter((o) => o.level === 'province').map((o) => o.id)],
    );
    lap('organisations', ts);
    log.info(
      { provinces, institutions: insts.length, admins: adminCount, seconds: timings.organisations },
      '机构已写入',
    );

    // ---- physicians: institution i gets physicians [i*n/I, (i+1)*n/I) ----
    const perInst = (i: number) =>
      Math.floor(((i + 1) * opts.physicians) / insts.length) - Math.floor((i * opts.physicians) / insts.length);
    function* physicianRows(): Generator<string> {
      const r = rng(20260101);
      let k = 0;
      for (let i = 0; i < insts.length; i++) {
        const inst = insts[i];
        for (let j = perInst(i); j > 0; j--, k++) {
          const { id, birth, male } = scaleIdNumber(offset + k);
          const by = Number(birth.slice(0, 4));
          yield line([
            phBase + 1 + k,
            inst.provinceId,
            inst.id,
            inst.path,
            randomName(r),
            '居民身份证',
            id,
            male ? '男' : '女',
            birth,
            r() < 0.2 ? '执业助理医师' : '执业医师',
            pick(r, CATEGORIES),
            '内科专业',
            `${by + 23}45${String(100000 + (k % 900000))}`,
            `110${String(1000000 + k)}`,
            `${Math.min(by + 25, 2023)}-07-01`,
            pick(r, TITLES),
          ]);
        }
      }
    }
    ts = Date.now();
    const nPh = await copyInto(
      client,
      'physicians',
      [
        'id',
        'province_id',
        'institution_id',
        'org_path',
        'name',
        'id_type',
        'id_number',
        'gender',
        'birth_date',
        'level',
        'practice_category',
        'practice_scope',
        'qualification_no',
        'license_no',
        'first_registered_at',
        'title',
      ],
      physicianRows(),
    );
    lap('physicians', ts);
    log.info({ rows: nPh, seconds: timings.physicians }, '医师已写入');

    ts = Date.now();
    function* accountRows(): Generator<string> {
      let k = 0;
      const now = new Date().toISOString();
      for (let i = 0; i < insts.length; i++) {
        for (let j = perInst(i); j > 0; j--, k++) {
          yield line([
            'physician',
            phBase + 1 + k,
            insts[i].provinceId,
            scaleIdNumber(offset + k).id,
            hash,
            false,
            now,
          ]);
        }
      }
    }
    const nAcc = await copyInto(
      client,
      'accounts',
      ['kind', 'physician_id', 'province_id', 'login', 'password_hash', 'must_change_password', 'mobile_verified_at'],
      accountRows(),
    );
    lap('physicianAccounts', ts);
    log.info({ rows: nAcc, seconds: timings.physicianAccounts }, '医师账号已写入');

    if (opts.enrolments) {
      ts = Date.now();
      const provIds = orgs.filter((o) => o.level === 'province').map((o) => o.id);
      const cyc = await client.query(
        `INSERT INTO cycles (province_id, name, period_start, period_end, is_current)
         SELECT unnest($1::int[]), '2024—2026年度', '2024-01-01', '2026-12-31', true RETURNING id, province_id`,
        [provIds],
      );
      const cycleOf = new Map<number, number>(
        cyc.rows.map((c: { id: number; province_id: number }) => [c.province_id, c.id]),
      );
      function* enrolmentRows(): Generator<string> {
        const r = rng(777);
        let k = 0;
        for (let i = 0; i < insts.length; i++) {
          const inst = insts[i];
          for (let j = perInst(i); j > 0; j--, k++) {
            const s = pickStatus(r);
            yield line([
              cycleOf.get(inst.provinceId)!,
              inst.provinceId,
              phBase + 1 + k,
              inst.id,
              inst.path,
              inst.bodyId,
              s,
              WITH_PROCEDURE.has(s) ? (r() < 0.7 ? 'general' : 'simple') : null,
            ]);
          }
        }
      }
      const nEn = await copyInto(
        client,
        'enrolments',
        [
          'cycle_id',
          'province_id',
          'physician_id',
          'institution_id',
          'org_path',
          'assessment_body_id',
          'status',
          'procedure',
        ],
        enrolmentRows(),
      );
      lap('enrolments', ts);
      log.info({ rows: nEn, seconds: timings.enrolments }, '考核记录已写入');
    }
    ts = Date.now();
    await client.query('COMMIT');
    lap('commit', ts);
    ts = Date.now();
    await client.query('ANALYZE organisations; ANALYZE physicians; ANALYZE accounts; ANALYZE enrolments;');
    lap('analyze', ts);
    const total = (Date.now() - t0) / 1000;
    log.info({ tag, total, timings }, '规模数据生成完成');
    return { tag, total, timings, provinces, institutions: insts.length };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
    await pool.end();
  }
}

async function main() {
  const opts = args();
  const config = loadConfig();
  const log = pino({ level: 'info' });
  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.EMBEDDED_PG_PORT, log);
    url = embedded.url;
  }
  try {
    const pool = createPool(url, 2);
    await runMigrations(createDb(pool));
    await pool.end();
    const r = await seedScale(url, opts, log);
    process.stdout.write(`${JSON.stringify({ ...opts, ...r })}\n`);
  } finally {
    if (embedded) await embedded.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
