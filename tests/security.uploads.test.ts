/**
 * Issue 10 item 4: uploads are checked by decoding (images within pixel limits read from the
 * header, decoded fully and re-encoded; PDFs parsed), names cleaned, nothing stored before the
 * checks pass, and a job removes stored files no row references.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, organisations } from '../src/server/db/schema/index.js';
import { checkUpload, cleanFileName, removeOrphanFiles } from '../src/server/platform/uploads.js';
import { buildProvince, createTestApp, sessionFor, type TestContext, type TestSession } from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

function multipart(buf: Buffer, filename: string) {
  const boundary = `----dkSec${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, buf, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const jpeg = (w = 300, h = 400) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({ IFD0: { Copyright: 'dingkao-test' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 49/1 0/1' } })
    .toBuffer();
const realPdf = async () => {
  const d = await PDFDocument.create();
  d.addPage([200, 200]);
  return Buffer.from(await d.save());
};

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('uploads are checked by decoding (issue 10 item 4)', () => {
  let s: TestSession;
  let provinceDir: string;
  let orgId: number;
  beforeAll(async () => {
    const p = await buildProvince(ctx.db);
    await ctx.db.update(organisations).set({ canApplyAssessment: true }).where(eq(organisations.id, p.hospitalA.id));
    s = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    provinceDir = path.join(ctx.deps.config.dataDir, 'files', String(p.province.id));
    orgId = p.hospitalA.id;
  });
  const upload = (buf: Buffer, name: string) =>
    s.inject({ method: 'POST', url: '/api/org/assessment-application/files', ...multipart(buf, name) });
  const rowsOfOrg = async () =>
    (
      await ctx.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM files f JOIN organisations o ON o.path = f.org_path WHERE o.id = ${orgId}`,
      )
    ).rows[0].n;

  it('refuses a 12000×12000 PNG bomb, a truncated JPEG and a header-only PDF, writing nothing', async () => {
    const bomb = await sharp({ create: { width: 12000, height: 12000, channels: 3, background: 'white' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024); // small on disk, 432 MB decoded
    const good = await jpeg();
    const truncated = good.subarray(0, Math.floor(good.length * 0.6));
    const fakePdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const before = filesUnder(provinceDir).length;
    const rowsBefore = await rowsOfOrg();
    const r1 = await upload(bomb, 'bomb.png');
    expect(r1.statusCode).toBe(400);
    expect(r1.json().message).toMatch(/12000×12000/);
    expect(r1.json().message).toMatch(/允许的格式/);
    const r2 = await upload(truncated, 'cut.jpg');
    expect(r2.statusCode).toBe(400);
    expect(r2.json().message).toMatch(/损坏或不完整/);
    const r3 = await upload(fakePdf, 'fake.pdf');
    expect(r3.statusCode).toBe(400);
    expect(r3.json().message).toMatch(/PDF/);
    expect(filesUnder(provinceDir).length).toBe(before);
    expect(await rowsOfOrg()).toBe(rowsBefore);
  });

  it('refuses a PDF named .jpg in every document upload (checked where the file is stored)', async () => {
    const r = await upload(await realPdf(), 'photo.jpg');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/扩展名/);
  });

  it('re-encodes a JPEG with a script appended and EXIF location: neither is stored', async () => {
    const withScript = Buffer.concat([await jpeg(), Buffer.from('<script>alert(document.cookie)</script>')]);
    expect((await sharp(withScript).metadata()).exif).toBeDefined();
    const r = await upload(withScript, 'proof.jpg');
    expect(r.statusCode).toBe(200);
    const [row] = await ctx.db
      .select()
      .from(files)
      .where(
        sql`${files.orgPath} = (SELECT path FROM organisations WHERE id = ${orgId}) AND ${files.originalName} = 'proof.jpg'`,
      );
    const stored = fs.readFileSync(path.join(ctx.deps.config.dataDir, 'files', row.storageKey));
    expect(stored.includes(Buffer.from('<script>'))).toBe(false);
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([300, 400]);
    expect(row.size).toBe(stored.length);
  });

  it('cleans a file name with NUL, control characters and path parts; no orphan is left', async () => {
    const before = filesUnder(provinceDir).length;
    const r = await upload(await realPdf(), '..\\..\\etc/pass\u0000wd\u0007证明.pdf');
    expect(r.statusCode).toBe(200);
    const names = r.json().application.materials.map((m: { name: string }) => m.name);
    expect(names).toContain('passwd证明.pdf');
    expect(filesUnder(provinceDir).length).toBe(before + 1);
  });

  it('unit: limits are read from the header before decoding; messages name types and limits', async () => {
    await expect(checkUpload(Buffer.from('hello'), 'image', { maxBytes: 1000 })).rejects.toThrow(
      /允许的格式：png\/jpg\/jpeg 图片；单个文件不能超过/,
    );
    const checked = await checkUpload(await jpeg(40, 50), 'image', { maxBytes: 1e6 });
    expect(checked).toMatchObject({ mime: 'image/jpeg', width: 40, height: 50 });
    expect(cleanFileName('a/b/c\u202e.pdf')).toBe('c.pdf');
    expect(cleanFileName(`${'长'.repeat(150)}.pdf`)).toMatch(/^长{96}\.pdf$/);
    expect(cleanFileName('\u0000\u0001')).toBe('未命名文件');
  });
});

describe('orphaned stored files are removed by a job', () => {
  it('removes an object no row references once past the grace time, and keeps referenced ones', async () => {
    const root = path.join(ctx.deps.config.dataDir, 'files');
    const strayKey = `orphan-test/${Date.now()}/stray.bin`;
    fs.mkdirSync(path.dirname(path.join(root, strayKey)), { recursive: true });
    fs.writeFileSync(path.join(root, strayKey), 'left behind by a rolled-back upload');
    const [kept] = await ctx.db.select({ key: files.storageKey }).from(files).limit(1);
    const now = new Date(Date.now() + 2 * 24 * 3600_000);
    const dry = await removeOrphanFiles(ctx.db, root, { graceMs: 24 * 3600_000, now: new Date(), dryRun: true });
    expect(dry.removed).not.toContain(strayKey); // too young
    const { jobs } = await import('../src/server/modules/account/account.jobs.js');
    const deps = { ...ctx.deps, now: () => now };
    await jobs['account.remove-orphan-files']({}, { deps, logger: ctx.deps.logger, jobId: '1', attempt: 1 } as never);
    expect(fs.existsSync(path.join(root, strayKey))).toBe(false);
    if (kept) expect(fs.existsSync(path.join(root, kept.key))).toBe(true);
  });
});
