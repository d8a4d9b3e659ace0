import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, Tx } from '../db/client.js';
import {
  accounts,
  assessmentAssignments,
  departments,
  organisations,
  physicians,
  provinceSettings,
} from '../db/schema/index.js';
import { hashPassword } from '../platform/passwords.js';
import { makeIdNumber, pick, randomName, rng } from './names.js';
import { INSTITUTION_CATEGORIES, INSTITUTION_GRADES } from '../../shared/schemas/org.js';

/** Password of the ready-to-use demo accounts (listed in README). */
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoContext {
  provinceId: number;
  orgIds: Record<string, number>;
  log: Logger;
}

/** A module adds its own demo data by exporting `seedDemo` from `modules/<m>/<m>.seed.ts`. */
interface ModuleSeed {
  order?: number;
  seedDemo(tx: Tx, ctx: DemoContext): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

async function moduleSeeds(): Promise<{ name: string; seed: ModuleSeed }[]> {
  const dir = path.join(here, '../modules');
  const out: { name: string; seed: ModuleSeed }[] = [];
  for (const m of fs.readdirSync(dir)) {
    for (const ext of ['.ts', '.js']) {
      const f = path.join(dir, m, `${m}.seed${ext}`);
      if (fs.existsSync(f)) {
        out.push({ name: m, seed: (await import(pathToFileURL(f).href)) as ModuleSeed });
        break;
      }
    }
  }
  return out.sort((a, b) => (a.seed.order ?? 100) - (b.seed.order ?? 100));
}

interface OrgSpec {
  key: string;
  code: string;
  name: string;
  kind: 'admin' | 'institution' | 'industry';
  level?: 'province' | 'city' | 'district';
  parent?: string;
  address?: string;
  /** ready-to-use demo account (password DEMO_PASSWORD); otherwise initial 666666 + forced change */
  ready?: boolean;
  status?: 'unactivated' | 'active';
  area?: string;
}

const ORGS: OrgSpec[] = [
  {
    key: 'province',
    code: 'gx_wjw',
    name: '广西壮族自治区卫生健康委员会',
    kind: 'admin',
    level: 'province',
    address: '广西南宁市青秀区桃源路',
    ready: true,
    area: '450000',
  },
  {
    key: 'nanning',
    code: 'nn_wjw',
    name: '南宁市卫生健康委员会',
    kind: 'admin',
    level: 'city',
    parent: 'province',
    address: '广西南宁市',
    ready: true,
    area: '450100',
  },
  {
    key: 'liuzhou',
    code: 'lz_wjw',
    name: '柳州市卫生健康委员会',
    kind: 'admin',
    level: 'city',
    parent: 'province',
    address: '广西柳州市',
    ready: true,
    area: '450200',
  },
  {
    key: 'qingxiu',
    code: 'nnqx_wjw',
    name: '南宁市青秀区卫生健康局',
    kind: 'admin',
    level: 'district',
    parent: 'nanning',
    ready: true,
    area: '450103',
  },
  {
    key: 'xingning',
    code: 'nnxn_wjw',
    name: '南宁市兴宁区卫生健康局',
    kind: 'admin',
    level: 'district',
    parent: 'nanning',
    ready: true,
    area: '450102',
  },
  {
    key: 'chengzhong',
    code: 'lzcz_wjw',
    name: '柳州市城中区卫生健康局',
    kind: 'admin',
    level: 'district',
    parent: 'liuzhou',
    area: '450202',
  },
  {
    key: 'yufeng',
    code: 'lzyf_wjw',
    name: '柳州市鱼峰区卫生健康局',
    kind: 'admin',
    level: 'district',
    parent: 'liuzhou',
    area: '450203',
  },
  {
    key: 'h1',
    code: 'yy_gxyd1',
    name: '广西医科大学第一附属医院',
    kind: 'institution',
    parent: 'province',
    ready: true,
    area: '450103',
  },
  {
    key: 'h2',
    code: 'yy_nn1',
    name: '南宁市第一人民医院',
    kind: 'institution',
    parent: 'nanning',
    ready: true,
    area: '450103',
  },
  {
    key: 'h3',
    code: 'yy_qxsq',
    name: '青秀区中山社区卫生服务中心',
    kind: 'institution',
    parent: 'qingxiu',
    ready: true,
    area: '450103',
  },
  { key: 'h4', code: 'yy_qxzy', name: '南宁市青秀区中医医院', kind: 'institution', parent: 'qingxiu', area: '450103' },
  {
    key: 'h5',
    code: 'yy_xnrm',
    name: '南宁市兴宁区人民医院',
    kind: 'institution',
    parent: 'xingning',
    ready: true,
    area: '450102',
  },
  { key: 'h6', code: 'yy_xnkq', name: '南宁市兴宁区口腔医院', kind: 'institution', parent: 'xingning', area: '450102' },
  {
    key: 'h7',
    code: 'yy_lz1',
    name: '柳州市工人医院',
    kind: 'institution',
    parent: 'liuzhou',
    ready: true,
    area: '450202',
  },
  {
    key: 'h8',
    code: 'yy_czrm',
    name: '柳州市城中区人民医院',
    kind: 'institution',
    parent: 'chengzhong',
    area: '450202',
  },
  { key: 'h9', code: 'yy_yfzy', name: '柳州市鱼峰区中医医院', kind: 'institution', parent: 'yufeng', area: '450203' },
  {
    key: 'h10',
    code: 'yy_yfjk',
    name: '柳州市鱼峰区疾病预防控制中心',
    kind: 'institution',
    parent: 'yufeng',
    area: '450203',
  },
  {
    key: 'h11',
    code: 'yy_new',
    name: '南宁市青秀区仙葫社区卫生服务站',
    kind: 'institution',
    parent: 'qingxiu',
    status: 'unactivated',
    area: '450103',
  },
  {
    key: 'industry',
    code: 'xh_gxys',
    name: '广西医师协会',
    kind: 'industry',
    parent: 'province',
    ready: true,
    area: '450103',
  },
];

const DEPARTMENTS: Record<string, string[]> = {
  内科: ['心血管内科', '呼吸内科', '消化内科', '神经内科'],
  外科: ['普通外科', '骨科', '神经外科'],
  妇产科: ['妇科', '产科'],
  儿科: [],
  中医科: ['针灸科'],
  口腔科: [],
  预防保健科: [],
  医学检验科: [],
};

const CATEGORIES = ['临床', '临床', '临床', '中医', '口腔', '公共卫生'] as const;
const TITLES = ['住院医师', '主治医师', '副主任医师', '主任医师'];

/**
 * Demo physicians that can log in at once (password Demo@2026, mobile number as login name):
 * index in the physician list → mobile. Physicians are dealt round-robin to the institutions,
 * so index = position × institutions + institution; the enrolment seed's PLAN gives the position
 * its status: 0 已开通报名 (empty wizard), 4 待卫生机构审核, 14 待卫生机构评定 (一般程序, 申请修改
 * waiting), 18 待参加测评, 24 简易程序 待卫生机构评定. The second institution's first physician
 * (王晓燕) keeps the initial password 666666, so 首次登录 (密码初始化 + 绑定手机) can be tried.
 */
function READY_PHYSICIANS(institutions: number): Map<number, string> {
  const at = (position: number, institution = 0) => position * institutions + institution;
  return new Map([
    [at(0), '13800000001'],
    [at(4), '13800000003'],
    [at(14), '13800000004'],
    [at(18), '13800000005'],
    [at(24), '13800000006'],
  ]);
}

/** Seed the demo province once (when there is no organisation yet). */
export async function seedDemoIfEmpty(db: Db, log: Logger): Promise<boolean> {
  const { rows } = await db.$client.query('SELECT count(*)::int AS n FROM organisations');
  if (rows[0].n > 0) return false;
  const initialHash = await hashPassword('666666');
  const demoHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const ids: Record<string, number> = {};
    const paths: Record<string, string> = {};
    let provinceId = 0;
    for (const o of ORGS) {
      const [row] = await tx
        .insert(organisations)
        .values({
          provinceId: provinceId || 0,
          parentId: o.parent ? ids[o.parent] : null,
          kind: o.kind,
          level: o.level ?? null,
          name: o.name,
          code: o.code,
          address: o.address ?? '广西壮族自治区',
          path: '/',
          status: o.status ?? 'active',
        })
        .returning({ id: organisations.id });
      if (!provinceId) provinceId = row.id;
      ids[o.key] = row.id;
      paths[o.key] = `${o.parent ? paths[o.parent] : '/'}${row.id}/`;
      await tx.execute(
        sql`UPDATE organisations SET path = ${paths[o.key]}, province_id = ${provinceId} WHERE id = ${row.id}`,
      );
      await tx.insert(accounts).values({
        kind: 'org',
        orgId: row.id,
        provinceId,
        login: o.code,
        passwordHash: o.ready ? demoHash : initialHash,
        mustChangePassword: !o.ready,
      });
    }
    await tx.insert(provinceSettings).values({ provinceId, physicianInitialPassword: '666666' });
    // ready-to-use institutions have completed 本机构信息 (others see the cycle popup with 【去确认】)
    for (const o of ORGS.filter((x) => x.kind === 'institution' && x.ready)) {
      const profile = {
        institution: {
          creditCode: '',
          address: `${o.name.slice(0, 3)}某路${(ids[o.key] % 90) + 10}号`,
          category: INSTITUTION_CATEGORIES[0],
          grade: INSTITUTION_GRADES[0],
          legalPerson: '',
          contact: '定考办',
          phone: '0771-5550000',
          postcode: '',
          email: '',
        },
      };
      await tx.update(organisations).set({ profile }).where(sql`id = ${ids[o.key]}`);
    }
    // h1 is an approved assessment body for the Nanning institutions; the industry
    // organisation assesses the Liuzhou ones.
    await tx.execute(
      sql`UPDATE organisations SET is_assessment_body = true, can_apply_assessment = true WHERE id IN (${ids.h1}, ${ids.industry})`,
    );
    await tx.execute(sql`UPDATE organisations SET can_apply_assessment = true WHERE id = ${ids.h2}`);
    for (const h of ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']) {
      await tx.insert(assessmentAssignments).values({ provinceId, bodyOrgId: ids.h1, institutionId: ids[h] });
    }
    for (const h of ['h7', 'h8', 'h9', 'h10']) {
      await tx.insert(assessmentAssignments).values({ provinceId, bodyOrgId: ids.industry, institutionId: ids[h] });
    }
    // departments for every institution
    for (const o of ORGS.filter((x) => x.kind === 'institution')) {
      for (const [first, seconds] of Object.entries(DEPARTMENTS)) {
        const [d] = await tx
          .insert(departments)
          .values({ orgId: ids[o.key], level: 1, name: first })
          .returning({ id: departments.id });
        for (const s of seconds)
          await tx.insert(departments).values({ orgId: ids[o.key], parentId: d.id, level: 2, name: s });
      }
    }
    // 360 physicians spread over the activated institutions (36 each: the enrolment seed puts
    // 24 of each into the lifecycle, the rest stay 未开通报名 for 【参加考核】)
    const r = rng(20261121);
    const hospitals = ORGS.filter((x) => x.kind === 'institution' && x.status !== 'unactivated');
    const rowsP: (typeof physicians.$inferInsert)[] = [];
    for (let i = 0; i < 360; i++) {
      const h = hospitals[i % hospitals.length];
      const male = r() < 0.5;
      const birth = new Date(Date.UTC(1958 + Math.floor(r() * 40), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
      const idNumber = makeIdNumber(h.area!, birth, i * 7 + 11, male);
      const assistant = r() < 0.2;
      const firstReg = new Date(
        Date.UTC(Math.max(birth.getUTCFullYear() + 24, 1985) + Math.floor(r() * 10), Math.floor(r() * 12), 1),
      );
      rowsP.push({
        provinceId,
        institutionId: ids[h.key],
        orgPath: paths[h.key],
        name: i === 0 ? '李明华' : i === 1 ? '王晓燕' : randomName(r),
        idNumber,
        gender: male ? '男' : '女',
        birthDate: birth.toISOString().slice(0, 10),
        level: assistant ? '执业助理医师' : '执业医师',
        practiceCategory: pick(r, CATEGORIES),
        qualificationNo: `${birth.getUTCFullYear() + 23}45${String(100000 + i)}`,
        licenseNo: `1104500${String(1000000 + i * 13)}`,
        firstRegisteredAt: firstReg.toISOString().slice(0, 10),
        title: pick(r, TITLES),
      });
    }
    const inserted = await tx
      .insert(physicians)
      .values(rowsP)
      .returning({ id: physicians.id, idNumber: physicians.idNumber });
    await tx.insert(accounts).values(
      inserted.map((p, i) => {
        // ready-to-use physicians (Demo@2026, mobile bound, README's demo table), one per stage
        const mobile = READY_PHYSICIANS(hospitals.length).get(i) ?? null;
        return {
          kind: 'physician' as const,
          physicianId: p.id,
          provinceId,
          login: p.idNumber,
          passwordHash: mobile ? demoHash : initialHash,
          mustChangePassword: !mobile,
          mobile,
          mobileVerifiedAt: mobile ? new Date() : null,
        };
      }),
    );
    const ctx: DemoContext = { provinceId, orgIds: ids, log };
    for (const m of await moduleSeeds()) {
      log.info({ module: m.name }, '写入模块演示数据');
      await m.seed.seedDemo(tx, ctx);
    }
  });
  log.info('演示数据已写入');
  return true;
}
