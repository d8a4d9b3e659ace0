import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../db/client.js';
import { files } from '../db/schema/index.js';
import type { Actor } from './actor.js';
import { badRequest } from './errors.js';
import { loadFileType, loadPdfLib, loadSharp } from './lazy.js';
import type { Storage } from './storage.js';

/**
 * Uploads, in one place: read the file out of a multipart request (`readUpload`), check it by
 * its content (`checkUpload`), store it (`storeFile`), sweep files nothing points at.
 */

/**
 * The one file of a multipart request (size limits are @fastify/multipart's, set in app.ts).
 * `missing` is the Chinese message when no file was sent.
 */
export async function readUpload(
  req: FastifyRequest,
  missing = '请选择要上传的文件',
): Promise<{ buf: Buffer; name: string }> {
  if (!req.isMultipart()) throw badRequest(missing);
  const file = await req.file();
  if (!file) throw badRequest(missing);
  return { buf: await file.toBuffer(), name: file.filename ?? '' };
}

export type UploadKind = 'image' | 'document' | 'spreadsheet';

/** Images larger than this many pixels are refused from their header, before any decoding. */
export const MAX_IMAGE_PIXELS = 60_000_000; // ~ 8000 × 7500: every phone camera, not a decompression bomb
export const MAX_IMAGE_SIDE = 12_000;

const ALLOWED: Record<UploadKind, { mimes: string[]; label: string }> = {
  image: { mimes: ['image/jpeg', 'image/png'], label: 'png/jpg/jpeg 图片' },
  document: { mimes: ['image/jpeg', 'image/png', 'application/pdf'], label: 'png/jpg/jpeg 图片或 PDF' },
  spreadsheet: {
    mimes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip'],
    label: 'xlsx 表格',
  },
};

export interface CheckedUpload {
  mime: string;
  ext: string;
  /** the bytes to store: images re-encoded from their decoded pixels (no appended data, no EXIF) */
  data?: Buffer;
  width?: number;
  height?: number;
}

const mbText = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

function limitsText(kind: UploadKind, maxBytes: number, allowed: string[]): string {
  const label =
    kind === 'spreadsheet'
      ? ALLOWED.spreadsheet.label
      : allowed.includes('application/pdf')
        ? allowed.length === 1
          ? 'PDF'
          : ALLOWED.document.label
        : allowed.length === 1 && allowed[0] === 'image/jpeg'
          ? 'jpg/jpeg 图片'
          : ALLOWED.image.label;
  const pixels =
    kind === 'spreadsheet' || allowed.every((m) => m === 'application/pdf')
      ? ''
      : `，图片不能超过 ${MAX_IMAGE_PIXELS / 1_000_000} 百万像素`;
  return `允许的格式：${label}；单个文件不能超过 ${mbText(maxBytes)}${pixels}`;
}

/**
 * Check an upload by DECODING it, not by its name or first bytes (decision 0063):
 * - size within `maxBytes`, type recognised from the content and allowed for this kind;
 * - images: pixel dimensions read from the header and limited BEFORE decoding, then the whole
 *   image is decoded (a truncated or corrupt file is refused) and re-encoded, which drops
 *   anything appended after the image and all metadata (EXIF GPS) — `data` holds the new bytes;
 * - PDFs: parsed, and must have at least one page;
 * - spreadsheets: recognised as xlsx here and parsed by the importer.
 * Nothing is written anywhere by this function.
 */
export async function checkUpload(
  buf: Buffer,
  kind: UploadKind,
  opts: { maxBytes: number; allowedMimes?: string[] },
): Promise<CheckedUpload> {
  const allowed = opts.allowedMimes ?? ALLOWED[kind].mimes;
  const limits = limitsText(kind, opts.maxBytes, allowed);
  if (buf.length === 0) throw badRequest(`上传的文件为空。${limits}`);
  if (buf.length > opts.maxBytes) throw badRequest(`文件大小超过上限。${limits}`);
  const ft = await (await loadFileType()).fileTypeFromBuffer(buf);
  if (!ft || !allowed.includes(ft.mime)) {
    throw badRequest(`文件内容不是允许的格式，请检查文件是否被改过扩展名。${limits}`);
  }
  if (ft.mime === 'image/jpeg' || ft.mime === 'image/png') return checkImage(buf, ft.mime, ft.ext, limits);
  if (ft.mime === 'application/pdf') {
    await checkPdf(buf, limits);
    return { mime: ft.mime, ext: ft.ext };
  }
  return { mime: ft.mime, ext: ft.ext };
}

async function checkImage(buf: Buffer, mime: string, ext: string, limits: string): Promise<CheckedUpload> {
  const broken = () => badRequest(`图片文件已损坏或不完整，无法打开，请重新导出后上传。${limits}`);
  // `metadata()` reads the header only: the size is known before a single pixel is decoded
  const sharp = await loadSharp();
  const meta = await sharp(buf, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta?.width || !meta.height) throw broken();
  if (meta.width * meta.height > MAX_IMAGE_PIXELS || meta.width > MAX_IMAGE_SIDE || meta.height > MAX_IMAGE_SIDE) {
    throw badRequest(`图片尺寸过大（${meta.width}×${meta.height} 像素），请缩小后重新上传。${limits}`);
  }
  if ((meta.pages ?? 1) > 1) throw broken();
  try {
    // decode everything (a truncated file fails here) and write a fresh file from the pixels;
    // .rotate() applies the EXIF orientation so dropping the metadata does not turn the photo
    const img = sharp(buf, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true }).rotate();
    const out =
      mime === 'image/jpeg'
        ? await img.jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer({ resolveWithObject: true })
        : await img.png({ compressionLevel: 6 }).toBuffer({ resolveWithObject: true });
    return { mime, ext: ext === 'jpeg' ? 'jpg' : ext, data: out.data, width: out.info.width, height: out.info.height };
  } catch {
    throw broken();
  }
}

async function checkPdf(buf: Buffer, limits: string): Promise<void> {
  try {
    const { PDFDocument } = await loadPdfLib();
    const doc = await PDFDocument.load(buf, {
      ignoreEncryption: true,
      throwOnInvalidObject: true,
      updateMetadata: false,
    });
    if (doc.getPageCount() < 1) throw new Error('no pages');
  } catch {
    throw badRequest(`PDF 文件已损坏或无法解析，请重新导出后上传。${limits}`);
  }
}

/**
 * A JPEG checked by its structure, without decoding: starts with the start-of-image marker and
 * ends with the end-of-image marker (a truncated file has none; bytes appended after it, e.g. a
 * script, are refused). For camera frames (监考), whose upload must stay cheap beside answer
 * saves: the comparison worker decodes every frame anyway and records one it cannot decode as
 * unreadable. Attachments people open keep the full decode of `checkUpload`.
 */
export function isWholeJpeg(buf: Buffer): boolean {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8 || buf[2] !== 0xff) return false;
  return buf[buf.length - 2] === 0xff && buf[buf.length - 1] === 0xd9;
}

/** Read width/height from a JPEG or PNG header. */
export function imageSize(buf: Buffer): { width: number; height: number } | null {
  if (buf[0] === 0x89 && buf.toString('ascii', 1, 4) === 'PNG') {
    return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  }
  if (buf[0] === 0xff && buf[1] === 0xd8) {
    let i = 2;
    while (i + 9 < buf.length) {
      if (buf[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = buf[i + 1];
      const len = buf.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
  }
  return null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const NAME_JUNK = /[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff<>:"|?*]/g;

/**
 * A file name safe to store, show and put in a Content-Disposition header: no path parts, no
 * NUL/control or bidi characters, no characters Windows refuses, at most 100 characters (the
 * extension kept), never empty.
 */
export function cleanFileName(raw: string | undefined | null): string {
  const base = String(raw ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(NAME_JUNK, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (!base) return raw ? '未命名文件' : '';
  if (base.length <= 100) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, 100 - ext.length) + ext;
}

/**
 * Store a checked upload and record it; returns the file id. Stores `checked.data` (the
 * re-encoded image) when present. If recording fails, the stored object is removed again; an
 * object left behind by a transaction rolled back later is removed by the orphan-file job.
 */
export async function storeFile(
  db: DbOrTx,
  storage: Storage,
  actor: Actor,
  buf: Buffer,
  checked: CheckedUpload,
  meta: { purpose: string; orgPath: string; originalName?: string },
): Promise<string> {
  const f = await putFile(storage, actor, buf, checked, meta.purpose, meta.originalName);
  try {
    await db.insert(files).values({
      ...f,
      ownerAccountId: actor.accountId,
      provinceId: actor.provinceId,
      orgPath: meta.orgPath,
    });
  } catch (err) {
    await storage.delete(f.storageKey).catch(() => undefined);
    throw err;
  }
  return f.id;
}

/** A stored file's row apart from its owner and scope: what `putFile` wrote to storage. */
export interface PutFile {
  id: string;
  purpose: string;
  storageKey: string;
  mime: string;
  size: number;
  sha256: string;
  originalName: string;
}

/**
 * Writes a checked upload to storage under a fresh id and returns its `files` row values; the
 * caller inserts the row (and deletes the object when it does not). `storeFile` does both.
 */
export async function putFile(
  storage: Storage,
  actor: Actor,
  buf: Buffer,
  checked: CheckedUpload,
  purpose: string,
  originalName?: string,
): Promise<PutFile> {
  const name = cleanFileName(originalName);
  if (extensionMismatch(name, checked.mime))
    throw badRequest(`文件“${name}”的内容与扩展名不符，请检查文件是否被改过扩展名`);
  const body = checked.data ?? buf;
  const id = randomUUID();
  const storageKey = `${actor.provinceId}/${purpose}/${id.slice(0, 2)}/${id}.${checked.ext}`;
  await storage.put(storageKey, body, checked.mime);
  return {
    id,
    purpose,
    storageKey,
    mime: checked.mime,
    size: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
    originalName: name.slice(0, 200),
  };
}

const EXT_OF_MIME: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/zip': ['xlsx', 'zip'],
};

/** A name whose extension says one type while the content is another (a PDF named .jpg). */
export function extensionMismatch(name: string, mime: string): boolean {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  if (!ext) return false;
  const known = Object.values(EXT_OF_MIME).some((list) => list.includes(ext));
  return known && !(EXT_OF_MIME[mime] ?? []).includes(ext);
}

/**
 * Remove stored objects that no row references (an upload whose transaction rolled back after
 * the object was written). Every `storage_key` column in the database counts as a reference, so
 * tables added later are covered. Local storage only (S3: use the bucket's lifecycle rules).
 * Objects younger than `graceMs` are left alone: their transaction may still be running.
 */
export async function removeOrphanFiles(
  db: DbOrTx,
  root: string,
  opts: { graceMs: number; now: Date; dryRun?: boolean },
): Promise<{ scanned: number; removed: string[] }> {
  const { rows: cols } = await db.execute<{ table_name: string }>(sql`
    SELECT table_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name = 'storage_key'`);
  const referenced = new Set<string>();
  for (const c of cols) {
    const { rows } = await db.execute<{ k: string }>(
      sql`SELECT storage_key AS k FROM ${sql.identifier(c.table_name)} WHERE storage_key IS NOT NULL`,
    );
    for (const r of rows) referenced.add(r.k);
  }
  const removed: string[] = [];
  let scanned = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        await walk(full);
        continue;
      }
      if (!e.isFile()) continue;
      scanned++;
      const key = path.relative(root, full).split(path.sep).join('/');
      if (referenced.has(key)) continue;
      const st = await fs.stat(full).catch(() => null);
      if (!st || opts.now.getTime() - st.mtimeMs < opts.graceMs) continue;
      if (!opts.dryRun) await fs.rm(full, { force: true });
      removed.push(key);
    }
  };
  await walk(root);
  return { scanned, removed };
}
