import type { FastifyInstance, InjectOptions } from 'fastify';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp, type AppDeps } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb, createPool, type Db } from '../src/server/db/client.js';
import { accounts, organisations, physicians, assessmentAssignments } from '../src/server/db/schema/index.js';
import { OutboxSmsGateway } from '../src/server/platform/sms.js';
import { LocalStorage } from '../src/server/platform/storage.js';
import { createSession } from '../src/server/platform/sessions.js';
import { hashPassword } from '../src/server/platform/passwords.js';
import type { Role } from '../src/server/platform/actor.js';
import { makeIdNumber } from '../src/server/seed/names.js';
import { eq, sql } from 'drizzle-orm';
import os from 'node:os';
import path from 'node:path';

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  deps: AppDeps;
  /** move the clock used by the app */
  setNow(d: Date): void;
  close(): Promise<void>;
}

let seq = Math.floor(Math.random() * 1e6);
export const uid = (p = 't') => `${p}${process.pid}_${++seq}`;

/** Build the real app against the test PostgreSQL (migrations already applied). */
export async function createTestApp(): Promise<TestContext> {
  const pool = createPool(inject('databaseUrl'), 5);
  const db = createDb(pool);
  let now = new Date();
  const config = loadConfig({
    ...process.env,
    DATA_DIR: path.join(os.tmpdir(), 'dingkao-test-files'),
    LOG_LEVEL: 'silent',
    CAPTCHA_DISABLED: '0',
  });
  const deps: AppDeps = {
    config,
    db,
    pool,
    storage: new LocalStorage(path.join(config.dataDir, 'files')),
    sms: new OutboxSmsGateway(),
    logger: pino({ level: 'silent' }),
    now: () => now,
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    db,
    deps,
    setNow: (d) => {
      now = d;
    },
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

export const TEST_PASSWORD = 'Test@2026';
let cachedHash: string | null = null;
async function testHash() {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  return cachedHash;
}

type OrgRow = typeof organisations.$inferSelect;

/** Insert an organisation with an active account (password TEST_PASSWORD, no forced change). */
export async function buildOrg(
  db: Db,
  o: {
    kind: 'admin' | 'institution' | 'industry';
    parent?: OrgRow;
    level?: 'province' | 'city' | 'district';
    name?: string;
    status?: 'unactivated' | 'active' | 'deregistered';
    isAssessmentBody?: boolean;
    mustChangePassword?: boolean;
  },
): Promise<OrgRow & { accountId: number }> {
  const code = uid(o.kind);
  const [row] = await db
    .insert(organisations)
    .values({
      provinceId: o.parent?.provinceId ?? 0,
      parentId: o.parent?.id ?? null,
      kind: o.kind,
      level: o.level ?? null,
      name: o.name ?? `测试${o.kind === 'admin' ? '卫健委' : o.kind === 'industry' ? '协会' : '医院'}${code}`,
      code,
      path: '/',
      status: o.status ?? 'active',
      isAssessmentBody: o.isAssessmentBody ?? false,
    })
    .returning();
  const pathStr = `${o.parent ? o.parent.path : '/'}${row.id}/`;
  const provinceId = o.parent?.provinceId ?? row.id;
  const [updated] = await db
    .update(organisations)
    .set({ path: pathStr, provinceId })
    .where(eq(organisations.id, row.id))
    .returning();
  const [acc] = await db
    .insert(accounts)
    .values({
      kind: 'org',
      orgId: row.id,
      provinceId,
      login: code,
      passwordHash: await testHash(),
      mustChangePassword: o.mustChangePassword ?? false,
    })
    .returning({ id: accounts.id });
  return { ...updated, accountId: acc.id };
}

/**
 * A whole province for one test: province → 2 cities → 1 district each, one institution per
 * district and one under the province, an industry organisation, and a hospital approved as
 * assessment body assigned to the district institutions.
 */
export async function buildProvince(db: Db) {
  const province = await buildOrg(db, { kind: 'admin', level: 'province' });
  const cityA = await buildOrg(db, { kind: 'admin', level: 'city', parent: province });
  const cityB = await buildOrg(db, { kind: 'admin', level: 'city', parent: province });
  const districtA = await buildOrg(db, { kind: 'admin', level: 'district', parent: cityA });
  const districtB = await buildOrg(db, { kind: 'admin', level: 'district', parent: cityB });
  const hospitalA = await buildOrg(db, { kind: 'institution', parent: districtA });
  const hospitalB = await buildOrg(db, { kind: 'institution', parent: districtB });
  const body = await buildOrg(db, { kind: 'institution', parent: province, isAssessmentBody: true });
  const industry = await buildOrg(db, { kind: 'industry', parent: province });
  await db.insert(assessmentAssignments).values([
    { provinceId: province.id, bodyOrgId: body.id, institutionId: hospitalA.id },
    { provinceId: province.id, bodyOrgId: body.id, institutionId: hospitalB.id },
  ]);
  return { province, cityA, cityB, districtA, districtB, hospitalA, hospitalB, body, industry };
}

let idSerial = 0;
/** Insert a physician with an active, onboarded account (password TEST_PASSWORD, mobile bound). */
export async function buildPhysician(
  db: Db,
  institution: OrgRow,
  over: Partial<typeof physicians.$inferInsert> & { onboarded?: boolean } = {},
) {
  const { onboarded = true, ...rest } = over;
  const birth = new Date(Date.UTC(1970 + (idSerial % 30), idSerial % 12, 1 + (idSerial % 28)));
  const idNumber =
    rest.idNumber ??
    makeIdNumber(
      String(110000 + ((process.pid * 7 + ++idSerial) % 89999)).padStart(6, '1'),
      birth,
      idSerial,
      idSerial % 2 === 0,
    );
  const [p] = await db
    .insert(physicians)
    .values({
      provinceId: institution.provinceId,
      institutionId: institution.id,
      orgPath: institution.path,
      name: '测试医师',
      gender: '男',
      level: '执业医师',
      practiceCategory: '临床',
      firstRegisteredAt: '2005-07-01',
      ...rest,
      idNumber,
    })
    .onConflictDoNothing()
    .returning();
  if (!p) return buildPhysician(db, institution, over);
  const [acc] = await db
    .insert(accounts)
    .values({
      kind: 'physician',
      physicianId: p.id,
      provinceId: p.provinceId,
      login: p.idNumber,
      passwordHash: await testHash(),
      mustChangePassword: !onboarded,
      mobile: onboarded ? `139${String(p.id).padStart(8, '0').slice(-8)}` : null,
      mobileVerifiedAt: onboarded ? new Date() : null,
    })
    .returning({ id: accounts.id });
  return { ...p, accountId: acc.id };
}

export interface TestSession {
  accountId: number;
  headers: Record<string, string>;
  inject(opts: InjectOptions): Promise<import('light-my-request').Response>;
}

/** A logged-in session created directly (login itself is tested in the account module). */
export async function sessionFor(ctx: TestContext, accountId: number, role: Role): Promise<TestSession> {
  const { token, csrfToken } = await createSession(ctx.db, accountId, role, 1, {});
  const headers = { cookie: `dk_session=${token}`, 'x-csrf-token': csrfToken };
  return {
    accountId,
    headers,
    inject: (opts) =>
      ctx.app.inject({ ...opts, headers: { ...headers, ...(opts.headers ?? {}) } } as InjectOptions) as never,
  };
}

export async function countRows(db: Db, table: string, where = 'true'): Promise<number> {
  const r = await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`));
  return (r.rows[0] as { n: number }).n;
}
