import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { DbOrTx } from '../db/client.js';
import { files } from '../db/schema/index.js';
import type { Actor } from './actor.js';
import { badRequest } from './errors.js';
import type { Storage } from './storage.js';

export type UploadKind = 'image' | 'document' | 'spreadsheet';

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
}

/**
 * Check an upload by its content (magic bytes), not its name: size, type, and for images
 * optionally the pixel dimensions. A PDF renamed .jpg is refused.
 */
export async function checkUpload(
  buf: Buffer,
  kind: UploadKind,
  opts: { maxBytes: number; allowedMimes?: string[] },
): Promise<CheckedUpload> {
  if (buf.length === 0) throw badRequest('上传的文件为空');
  if (buf.length > opts.maxBytes) throw badRequest(`文件大小不能超过 ${(opts.maxBytes / 1024 / 1024).toFixed(0)} MB`);
  const ft = await fileTypeFromBuffer(buf);
  const allowed = opts.allowedMimes ?? ALLOWED[kind].mimes;
  if (!ft || !allowed.includes(ft.mime)) {
    throw badRequest(`文件内容不是允许的格式（${ALLOWED[kind].label}），请检查文件是否被改过扩展名`);
  }
  return { mime: ft.mime, ext: ft.ext };
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

/** Store a checked upload and record it; returns the file id. */
export async function storeFile(
  db: DbOrTx,
  storage: Storage,
  actor: Actor,
  buf: Buffer,
  checked: CheckedUpload,
  meta: { purpose: string; orgPath: string; originalName?: string },
): Promise<string> {
  const id = randomUUID();
  const key = `${actor.provinceId}/${meta.purpose}/${id.slice(0, 2)}/${id}.${checked.ext}`;
  await storage.put(key, buf, checked.mime);
  await db.insert(files).values({
    id,
    ownerAccountId: actor.accountId,
    provinceId: actor.provinceId,
    orgPath: meta.orgPath,
    purpose: meta.purpose,
    storageKey: key,
    mime: checked.mime,
    size: buf.length,
    sha256: createHash('sha256').update(buf).digest('hex'),
    originalName: (meta.originalName ?? '').slice(0, 200),
  });
  return id;
}
