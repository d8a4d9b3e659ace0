import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts, assessmentApplications, assessmentAssignments, organisations } from '../../db/schema/index.js';
import { verifyPassword } from '../../platform/passwords.js';
import {
  buildOrg,
  buildPhysician,
  buildProvince,
  countRows,
  createTestApp,
  sessionFor,
  uid,
  type TestContext,
} from '../../../../tests/helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

const orgRow = async (id: number) => (await ctx.db.select().from(organisations).where(eq(organisations.id, id)))[0];
const accountRow = async (orgId: number) => (await ctx.db.select().from(accounts).where(eq(accounts.orgId, orgId)))[0];

function multipart(buf: Buffer, filename: string, mime = 'application/octet-stream') {
  const boundary = `----dkOrgTest${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, buf, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
// a real one-page PDF: uploads are parsed, not sniffed
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('所辖机构账户管理', () => {
  it('【新增】 creates an unactivated organisation with a 666666 account at the right place in the tree', async () => {
    const p = await buildProvince(ctx.db);
    const city = await sessionFor(ctx, p.cityA.accountId, 'admin');
    const code = uid('new');
    const res = await city.inject({
      method: 'POST',
      url: '/api/org/subordinates',
      payload: { kind: 'institution', code, name: '南宁测试新医院', address: '南宁市青秀区民族大道1号' },
    });
    expect(res.statusCode).toBe(200);
    const created = res.json();
    expect(created.status).toBe('unactivated');
    expect(created.actions).toEqual(['edit', 'activate', 'delete']);
    const row = await orgRow(created.id);
    expect(row.path).toBe(`${p.cityA.path}${row.id}/`);
    expect(row.provinceId).toBe(p.province.provinceId);
    expect(row.parentId).toBe(p.cityA.id);
    const acc = await accountRow(row.id);
    expect(acc.login).toBe(code);
    expect(acc.mustChangePassword).toBe(true);
    expect(await verifyPassword(acc.passwordHash, '666666')).toBe(true);

    // a new 地方卫健委 is one level below: city → district; a district cannot add one
    const adm = await city.inject({
      method: 'POST',
      url: '/api/org/subordinates',
      payload: { kind: 'admin', code: uid('adm'), name: '测试新区卫生健康局', address: '南宁市' },
    });
    expect(adm.statusCode).toBe(200);
    expect((await orgRow(adm.json().id)).level).toBe('district');
    const prov = await sessionFor(ctx, p.province.accountId, 'admin');
    const cityNew = await prov.inject({
      method: 'POST',
      url: '/api/org/subordinates',
      payload: { kind: 'admin', code: uid('adm'), name: '测试新市卫生健康委员会', address: '广西' },
    });
    expect((await orgRow(cityNew.json().id)).level).toBe('city');
    const district = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const before = await countRows(ctx.db, 'organisations', `parent_id = ${p.districtA.id}`);
    const refused = await district.inject({
      method: 'POST',
      url: '/api/org/subordinates',
      payload: { kind: 'admin', code: uid('adm'), name: '不应存在的卫健委', address: '南宁市' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('不能新增地方卫健委');
    expect(await countRows(ctx.db, 'organisations', `parent_id = ${p.districtA.id}`)).toBe(before);
  });

  it('refuses a duplicate 机构账号 (unique nationally) with a Chinese message and changes nothing', async () => {
    const p = await buildProvince(ctx.db);
    const other = await buildProvince(ctx.db);
    const district = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const before = await countRows(ctx.db, 'organisations', `parent_id = ${p.districtA.id}`);
    const res = await district.inject({
      method: 'POST',
      url: '/api/org/subordinates',
      payload: { kind: 'institution', code: other.hospitalB.code, name: '重复账号医院', address: '南宁市青秀区' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('全国唯一');
    expect(await countRows(ctx.db, 'organisations', `parent_id = ${p.districtA.id}`)).toBe(before);
    expect(await countRows(ctx.db, 'organisations', `code = '${other.hospitalB.code}'`)).toBe(1);
    const bad = await district.inject({
      method: 'POST',
      url: '/api/org/subordinates',
      payload: { kind: 'institution', code: '含 空格', name: '医院', address: '南宁市青秀区' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('机构账号');
  });

  it('【修改】 only while unactivated; 【激活】/【批量激活】 all-or-nothing; 【删除】 only unactivated and empty', async () => {
    const p = await buildProvince(ctx.db);
    const district = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const u1 = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA, status: 'unactivated' });
    const u2 = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA, status: 'unactivated' });
    const newCode = uid('renamed');
    const ok = await district.inject({
      method: 'PUT',
      url: `/api/org/subordinates/${u1.id}`,
      payload: { code: newCode, name: '改名后的医院', address: '新地址路2号' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await orgRow(u1.id)).name).toBe('改名后的医院');
    expect((await accountRow(u1.id)).login).toBe(newCode);

    const activeBefore = await orgRow(p.hospitalA.id);
    const editActive = await district.inject({
      method: 'PUT',
      url: `/api/org/subordinates/${p.hospitalA.id}`,
      payload: { code: p.hospitalA.code, name: '不应改名', address: '不应改地址' },
    });
    expect(editActive.statusCode).toBe(400);
    expect(editActive.json().message).toContain('未激活');
    expect(await orgRow(p.hospitalA.id)).toEqual(activeBefore);

    const mixed = await district.inject({
      method: 'POST',
      url: '/api/org/subordinates/activate',
      payload: { ids: [u2.id, p.hospitalA.id] },
    });
    expect(mixed.statusCode).toBe(400);
    expect((await orgRow(u2.id)).status).toBe('unactivated');
    const batch = await district.inject({
      method: 'POST',
      url: '/api/org/subordinates/activate',
      payload: { ids: [u1.id, u2.id] },
    });
    expect(batch.json()).toEqual({ done: 2 });
    expect((await orgRow(u1.id)).status).toBe('active');

    const delActive = await district.inject({ method: 'DELETE', url: `/api/org/subordinates/${u1.id}` });
    expect(delActive.statusCode).toBe(400);
    expect(delActive.json().message).toContain('未激活');
    expect(await orgRow(u1.id)).toBeDefined();

    const withDoctor = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA, status: 'unactivated' });
    await buildPhysician(ctx.db, withDoctor);
    const delDoctor = await district.inject({ method: 'DELETE', url: `/api/org/subordinates/${withDoctor.id}` });
    expect(delDoctor.statusCode).toBe(400);
    expect(delDoctor.json().message).toContain('医师');
    expect(await orgRow(withDoctor.id)).toBeDefined();

    const city = await sessionFor(ctx, p.cityA.accountId, 'admin');
    const emptyDistrict = await buildOrg(ctx.db, {
      kind: 'admin',
      level: 'district',
      parent: p.cityA,
      status: 'unactivated',
    });
    await buildOrg(ctx.db, { kind: 'institution', parent: emptyDistrict, status: 'unactivated' });
    const delParent = await city.inject({ method: 'DELETE', url: `/api/org/subordinates/${emptyDistrict.id}` });
    expect(delParent.statusCode).toBe(400);
    expect(delParent.json().message).toContain('下级机构');

    const plain = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA, status: 'unactivated' });
    expect((await district.inject({ method: 'DELETE', url: `/api/org/subordinates/${plain.id}` })).statusCode).toBe(
      200,
    );
    expect(await orgRow(plain.id)).toBeUndefined();
    expect(await accountRow(plain.id)).toBeUndefined();
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'organisation' AND target_id = '${plain.id}' AND action = '删除账号'`,
      ),
    ).toBe(1);
  });

  it('【重置密码】 sets 666666 with a forced change and ends sessions; 【注销】 blocks the account', async () => {
    const p = await buildProvince(ctx.db);
    const district = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const hosp = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    expect((await hosp.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect(
      (await district.inject({ method: 'POST', url: `/api/org/subordinates/${p.hospitalA.id}/reset-password` }))
        .statusCode,
    ).toBe(200);
    const acc = await accountRow(p.hospitalA.id);
    expect(acc.mustChangePassword).toBe(true);
    expect(await verifyPassword(acc.passwordHash, '666666')).toBe(true);
    expect((await hosp.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);

    const hospB = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA });
    const s = await sessionFor(ctx, hospB.accountId, 'institution');
    const unact = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA, status: 'unactivated' });
    const bad = await district.inject({ method: 'POST', url: `/api/org/subordinates/${unact.id}/deregister` });
    expect(bad.statusCode).toBe(400);
    expect(
      (await district.inject({ method: 'POST', url: `/api/org/subordinates/${hospB.id}/deregister` })).statusCode,
    ).toBe(200);
    expect((await orgRow(hospB.id)).status).toBe('deregistered');
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const list = (
      await district.inject({ method: 'GET', url: '/api/org/subordinates?kind=institution&status=deregistered' })
    ).json();
    expect(list.items.map((r: { id: number }) => r.id)).toEqual([hospB.id]);
    expect(list.items[0].actions).toEqual([]);
  });

  it('申请成为考核机构 【允许】/【不允许】 only for activated institutions, in batch', async () => {
    const p = await buildProvince(ctx.db);
    const district = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const h2 = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA });
    const unact = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA, status: 'unactivated' });
    const refused = await district.inject({
      method: 'POST',
      url: '/api/org/subordinates/apply-permission',
      payload: { ids: [h2.id, unact.id], allow: true },
    });
    expect(refused.statusCode).toBe(400);
    expect((await orgRow(h2.id)).canApplyAssessment).toBe(false);
    const ok = await district.inject({
      method: 'POST',
      url: '/api/org/subordinates/apply-permission',
      payload: { ids: [h2.id, p.hospitalA.id], allow: true },
    });
    expect(ok.json()).toEqual({ done: 2 });
    expect((await orgRow(h2.id)).canApplyAssessment).toBe(true);
    const row = (
      await district.inject({ method: 'GET', url: `/api/org/subordinates?kind=institution&q=${h2.code}` })
    ).json().items[0];
    expect(row.actions).toContain('disallowApply');
    await district.inject({
      method: 'POST',
      url: '/api/org/subordinates/apply-permission',
      payload: { ids: [h2.id], allow: false },
    });
    expect((await orgRow(h2.id)).canApplyAssessment).toBe(false);
  });
});

describe('jurisdiction: a neighbour’s organisations are 404 on read and write', () => {
  it('a district cannot see, edit, activate, reset, deregister or delete another district’s institution', async () => {
    const p = await buildProvince(ctx.db);
    const districtB = await sessionFor(ctx, p.districtB.accountId, 'admin');
    const unactA = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA, status: 'unactivated' });
    const beforeH = await orgRow(p.hospitalA.id);
    const beforeU = await orgRow(unactA.id);
    const list = (await districtB.inject({ method: 'GET', url: '/api/org/subordinates?kind=institution' })).json();
    expect(list.items.map((r: { id: number }) => r.id)).toEqual([p.hospitalB.id]);
    const attempts = [
      {
        method: 'PUT',
        url: `/api/org/subordinates/${unactA.id}`,
        payload: { code: uid('x'), name: '越权修改', address: '越权地址' },
      },
      { method: 'POST', url: '/api/org/subordinates/activate', payload: { ids: [unactA.id] } },
      { method: 'POST', url: '/api/org/subordinates/activate', payload: { ids: [unactA.id, p.hospitalB.id] } },
      { method: 'DELETE', url: `/api/org/subordinates/${unactA.id}` },
      { method: 'POST', url: `/api/org/subordinates/${p.hospitalA.id}/reset-password` },
      { method: 'POST', url: `/api/org/subordinates/${p.hospitalA.id}/deregister` },
      {
        method: 'POST',
        url: '/api/org/subordinates/apply-permission',
        payload: { ids: [p.hospitalA.id], allow: true },
      },
      { method: 'GET', url: `/api/org/institutions/${p.hospitalA.id}` },
    ] as const;
    for (const a of attempts) {
      const r = await districtB.inject(a as never);
      expect(r.statusCode, `${a.method} ${a.url}`).toBe(404);
    }
    expect(await orgRow(p.hospitalA.id)).toEqual(beforeH);
    expect(await orgRow(unactA.id)).toEqual(beforeU);
    expect(await verifyPassword((await accountRow(p.hospitalA.id)).passwordHash, '666666')).toBe(false);
  });

  it('a city cannot touch the other city’s districts or institutions; the province manages only direct subordinates', async () => {
    const p = await buildProvince(ctx.db);
    const cityB = await sessionFor(ctx, p.cityB.accountId, 'admin');
    expect(
      (await cityB.inject({ method: 'POST', url: `/api/org/subordinates/${p.districtA.id}/reset-password` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await cityB.inject({ method: 'POST', url: `/api/org/subordinates/${p.districtA.id}/deregister` })).statusCode,
    ).toBe(404);
    expect((await cityB.inject({ method: 'GET', url: `/api/org/institutions/${p.hospitalA.id}` })).statusCode).toBe(
      404,
    );
    const inst = (await cityB.inject({ method: 'GET', url: '/api/org/institutions' })).json();
    expect(inst.items.map((r: { id: number }) => r.id)).toEqual([p.hospitalB.id]);
    expect((await orgRow(p.districtA.id)).status).toBe('active');
    // the province sees every institution in 卫生机构管理, but resets only its direct subordinates
    const prov = await sessionFor(ctx, p.province.accountId, 'admin');
    const all = (await prov.inject({ method: 'GET', url: '/api/org/institutions?pageSize=100' })).json();
    expect(all.total).toBe(3);
    expect(
      (await prov.inject({ method: 'POST', url: `/api/org/subordinates/${p.hospitalA.id}/reset-password` })).statusCode,
    ).toBe(404);
    const detail = await prov.inject({ method: 'GET', url: `/api/org/institutions/${p.hospitalA.id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().bodyName).toBe(p.body.name);
    // institutions and physicians cannot use the administration APIs at all
    const hosp = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    expect((await hosp.inject({ method: 'GET', url: '/api/org/subordinates?kind=institution' })).statusCode).toBe(403);
  });
});

describe('本机构信息', () => {
  it('saves the three administration forms and the institution form; bad input changes nothing', async () => {
    const p = await buildProvince(ctx.db);
    const city = await sessionFor(ctx, p.cityA.accountId, 'admin');
    const wjw = {
      address: '南宁市青秀区东葛路',
      postcode: '530022',
      leader: '张主任',
      contact: '李干事',
      phone: '0771-2800000',
      email: 'wjw@example.cn',
      fax: '',
    };
    const r1 = await city.inject({ method: 'PUT', url: '/api/org/profile/wjw', payload: wjw });
    expect(r1.statusCode).toBe(200);
    expect(r1.json().forms.wjw.leader).toBe('张主任');
    const r2 = await city.inject({
      method: 'PUT',
      url: '/api/org/profile/committee',
      payload: {
        name: '医师定期考核管理委员会',
        director: '王主任',
        members: '甲、乙、丙',
        contact: '赵',
        phone: '0771-1234567',
        address: '南宁',
      },
    });
    expect(r2.statusCode).toBe(200);
    const bad = await city.inject({
      method: 'PUT',
      url: '/api/org/profile/office',
      payload: { phone: 'abc', postcode: '12' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/电话|邮政编码/);
    const me = (await city.inject({ method: 'GET', url: '/api/org/profile' })).json();
    expect(Object.keys(me.forms).sort()).toEqual(['committee', 'office', 'wjw']);
    expect(me.forms.office).toEqual({});
    expect((await city.inject({ method: 'PUT', url: '/api/org/profile/institution', payload: {} })).statusCode).toBe(
      403,
    );

    const hosp = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    const form = {
      address: '南宁市青秀区双拥路6号',
      category: '综合医院',
      grade: '三级甲等',
      contact: '陈科长',
      phone: '13800138000',
      postcode: '530021',
      email: '',
      legalPerson: '',
      creditCode: '',
    };
    const ok = await hosp.inject({ method: 'PUT', url: '/api/org/profile/institution', payload: form });
    expect(ok.statusCode).toBe(200);
    expect((await orgRow(p.hospitalA.id)).address).toBe('南宁市青秀区双拥路6号');
    const before = await orgRow(p.hospitalA.id);
    const missing = await hosp.inject({
      method: 'PUT',
      url: '/api/org/profile/institution',
      payload: { ...form, category: '不存在的类别' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('机构类别');
    expect(await orgRow(p.hospitalA.id)).toEqual(before);
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'organisation' AND target_id = '${p.hospitalA.id}' AND action LIKE '保存本机构信息%'`,
      ),
    ).toBe(1);
  });
});

describe('申请考核机构 and 考核机构管理', () => {
  it('upload → submit → reject with reason → resubmit → approve; files only through the authorised endpoint', async () => {
    const p = await buildProvince(ctx.db);
    const hosp = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    // without permission the institution cannot upload
    const noPerm = await hosp.inject({
      method: 'POST',
      url: '/api/org/assessment-application/files',
      ...multipart(PDF, 'a.pdf'),
    });
    expect(noPerm.statusCode).toBe(403);
    expect(noPerm.json().message).toContain('权限');
    await ctx.db.update(organisations).set({ canApplyAssessment: true }).where(eq(organisations.id, p.hospitalA.id));

    const up1 = await hosp.inject({
      method: 'POST',
      url: '/api/org/assessment-application/files',
      ...multipart(PDF, 'zizhi.pdf'),
    });
    expect(up1.statusCode).toBe(200);
    const up2 = await hosp.inject({
      method: 'POST',
      url: '/api/org/assessment-application/files',
      ...multipart(PNG, 'photo.png'),
    });
    const mine = up2.json();
    expect(mine.application.status).toBe('draft');
    expect(mine.application.materials.map((m: { mime: string }) => m.mime)).toEqual(['application/pdf', 'image/png']);

    // disguised and oversize uploads are refused and change nothing
    const disguised = [
      multipart(PDF, 'renamed.jpg'),
      multipart(Buffer.from('这只是一个文本文件，不是PDF'), 'fake.pdf'),
      multipart(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]), 'big.pdf'),
      multipart(PDF, 'noext'),
    ];
    for (const d of disguised) {
      const r = await hosp.inject({ method: 'POST', url: '/api/org/assessment-application/files', ...d });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toMatch(/扩展名|格式|不能超过/);
    }
    const [appRow] = await ctx.db
      .select()
      .from(assessmentApplications)
      .where(eq(assessmentApplications.institutionId, p.hospitalA.id));
    expect(appRow.materials).toHaveLength(2);
    expect(await countRows(ctx.db, 'files', `owner_account_id = ${p.hospitalA.accountId}`)).toBe(2);

    const submit = await hosp.inject({ method: 'POST', url: '/api/org/assessment-application/submit' });
    expect(submit.json().application.status).toBe('pending');
    const whilePending = await hosp.inject({
      method: 'POST',
      url: '/api/org/assessment-application/files',
      ...multipart(PDF, 'more.pdf'),
    });
    expect(whilePending.statusCode).toBe(400);

    const fileId = mine.application.materials[0].fileId;
    // who may read the material: the institution and administrations above it
    expect(
      (await hosp.inject({ method: 'GET', url: `/api/org/assessment-application/files/${fileId}` })).rawPayload.equals(
        PDF,
      ),
    ).toBe(true);
    const cityA = await sessionFor(ctx, p.cityA.accountId, 'admin');
    const viewed = await cityA.inject({ method: 'GET', url: `/api/org/assessment-application/files/${fileId}` });
    expect(viewed.statusCode).toBe(200);
    expect(viewed.headers['content-type']).toBe('application/pdf');
    const hospB = await sessionFor(ctx, p.hospitalB.accountId, 'institution');
    const districtB = await sessionFor(ctx, p.districtB.accountId, 'admin');
    const cityB = await sessionFor(ctx, p.cityB.accountId, 'admin');
    for (const s of [hospB, districtB, cityB]) {
      expect(
        (await s.inject({ method: 'GET', url: `/api/org/assessment-application/files/${fileId}` })).statusCode,
      ).toBe(404);
    }
    // neighbours neither list nor decide it
    expect((await districtB.inject({ method: 'GET', url: '/api/org/assessment-applications' })).json().total).toBe(0);
    expect(
      (await districtB.inject({ method: 'POST', url: `/api/org/assessment-applications/${appRow.id}/approve` }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await cityB.inject({
          method: 'POST',
          url: `/api/org/assessment-applications/${appRow.id}/reject`,
          payload: { reason: '越权驳回' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await orgRow(p.hospitalA.id)).isAssessmentBody).toBe(false);

    const district = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const listed = (await district.inject({ method: 'GET', url: '/api/org/assessment-applications' })).json();
    expect(listed.items.map((r: { id: number }) => r.id)).toEqual([appRow.id]);
    expect(listed.items[0].actions).toEqual(['approve', 'reject']);
    const noReason = await district.inject({
      method: 'POST',
      url: `/api/org/assessment-applications/${appRow.id}/reject`,
      payload: { reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('驳回理由');
    expect(
      (
        await district.inject({
          method: 'POST',
          url: `/api/org/assessment-applications/${appRow.id}/reject`,
          payload: { reason: '缺少考核场地证明材料' },
        })
      ).statusCode,
    ).toBe(200);
    const afterReject = (await hosp.inject({ method: 'GET', url: '/api/org/assessment-application' })).json();
    expect(afterReject.application.status).toBe('rejected');
    expect(afterReject.application.rejectReason).toBe('缺少考核场地证明材料');
    expect(afterReject.editable).toBe(true);

    // resubmit after adding a material
    await hosp.inject({
      method: 'POST',
      url: '/api/org/assessment-application/files',
      ...multipart(PDF, 'changdi.pdf'),
    });
    expect(
      (await hosp.inject({ method: 'POST', url: '/api/org/assessment-application/submit' })).json().application.status,
    ).toBe('pending');
    expect(
      (await district.inject({ method: 'POST', url: `/api/org/assessment-applications/${appRow.id}/approve` }))
        .statusCode,
    ).toBe(200);
    expect((await orgRow(p.hospitalA.id)).isAssessmentBody).toBe(true);
    const again = await district.inject({
      method: 'POST',
      url: `/api/org/assessment-applications/${appRow.id}/approve`,
    });
    expect(again.statusCode).toBe(400);
    expect(
      await countRows(ctx.db, 'audit_log', `target_type = 'assessment_application' AND target_id = '${appRow.id}'`),
    ).toBeGreaterThanOrEqual(7);
  });

  it('指定卫生机构: add and revoke within the subtree; a body sees only its assigned institutions', async () => {
    const p = await buildProvince(ctx.db);
    const prov = await sessionFor(ctx, p.province.accountId, 'admin');
    const bodies = (await prov.inject({ method: 'GET', url: '/api/org/assessment-bodies' })).json();
    expect(bodies.items.map((b: { id: number; assignedCount: number }) => [b.id, b.assignedCount])).toEqual([
      [p.body.id, 2],
    ]);
    const fresh = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA });
    const candidates = (
      await prov.inject({ method: 'GET', url: `/api/org/assessment-bodies/${p.body.id}/candidates?pageSize=100` })
    ).json();
    const candidateIds = candidates.items.map((c: { id: number }) => c.id);
    expect(candidateIds).toContain(fresh.id);
    expect(candidateIds).not.toContain(p.hospitalA.id);

    const dup = await prov.inject({
      method: 'POST',
      url: `/api/org/assessment-bodies/${p.body.id}/institutions`,
      payload: { institutionIds: [fresh.id, p.hospitalA.id] },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().message).toContain('已指定');
    expect(await countRows(ctx.db, 'assessment_assignments', `institution_id = ${fresh.id}`)).toBe(0);
    const add = await prov.inject({
      method: 'POST',
      url: `/api/org/assessment-bodies/${p.body.id}/institutions`,
      payload: { institutionIds: [fresh.id] },
    });
    expect(add.json()).toEqual({ done: 1 });

    const bodySession = await sessionFor(ctx, p.body.accountId, 'body');
    const seen = (await bodySession.inject({ method: 'GET', url: '/api/org/assigned-institutions' })).json();
    expect(seen.items.map((r: { id: number }) => r.id).sort()).toEqual(
      [p.hospitalA.id, p.hospitalB.id, fresh.id].sort(),
    );
    // another body sees none of them
    const otherBody = await buildOrg(ctx.db, { kind: 'industry', parent: p.province, isAssessmentBody: true });
    const other = await sessionFor(ctx, otherBody.accountId, 'body');
    expect((await other.inject({ method: 'GET', url: '/api/org/assigned-institutions' })).json().items).toEqual([]);

    // a city cannot see a body outside its subtree, nor assign the other city's institutions
    const cityA = await sessionFor(ctx, p.cityA.accountId, 'admin');
    expect(
      (await cityA.inject({ method: 'GET', url: `/api/org/assessment-bodies/${p.body.id}/institutions` })).statusCode,
    ).toBe(404);
    const cityBody = await buildOrg(ctx.db, { kind: 'institution', parent: p.cityA, isAssessmentBody: true });
    const freshB = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtB });
    const cross = await cityA.inject({
      method: 'POST',
      url: `/api/org/assessment-bodies/${cityBody.id}/institutions`,
      payload: { institutionIds: [freshB.id] },
    });
    expect(cross.statusCode).toBe(404);
    expect(await countRows(ctx.db, 'assessment_assignments', `institution_id = ${freshB.id}`)).toBe(0);
    // the city sees only the assignments inside its own subtree
    const cityView = (await cityA.inject({ method: 'GET', url: '/api/org/assessment-bodies' })).json();
    expect(cityView.items.map((b: { id: number }) => b.id)).toEqual([cityBody.id]);
    const cityB = await sessionFor(ctx, p.cityB.accountId, 'admin');
    expect(
      (
        await cityB.inject({
          method: 'POST',
          url: `/api/org/assessment-bodies/${p.body.id}/institutions/remove`,
          payload: { institutionIds: [p.hospitalB.id] },
        })
      ).statusCode,
    ).toBe(404);
    expect(await countRows(ctx.db, 'assessment_assignments', `institution_id = ${p.hospitalB.id}`)).toBe(1);

    const revoke = await prov.inject({
      method: 'POST',
      url: `/api/org/assessment-bodies/${p.body.id}/institutions/remove`,
      payload: { institutionIds: [fresh.id] },
    });
    expect(revoke.json()).toEqual({ done: 1 });
    const [gone] = await ctx.db
      .select()
      .from(assessmentAssignments)
      .where(eq(assessmentAssignments.institutionId, fresh.id));
    expect(gone).toBeUndefined();
  });
});
