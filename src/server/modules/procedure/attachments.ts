/**
 * Files attached to an enrolment (简易程序 proofs, 免考 materials, 延期考核 attachments):
 * upload with content sniffing and limits, list, remove, and authorised read-back through
 * the enrolment's jurisdiction. Used by the procedure, exemption and deferral modules.
 */
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { enrolmentAttachments, files } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { checkUpload, storeFile } from '../../platform/uploads.js';
import { findEnrolmentForActor, type Enrolment } from '../enrolment/enrolment.transition.js';
import { PROOF_MAX_BYTES, PROOF_MAX_FILES, type TAttachment } from '../../../shared/schemas/procedure.js';

export type AttachmentKind = 'proof' | 'exemption' | 'deferral';

export const ATTACHMENT_LIMITS: Record<
  AttachmentKind,
  { maxFiles: number; maxBytes: number; label: string; kind: 'image' | 'document' }
> = {
  proof: { maxFiles: PROOF_MAX_FILES, maxBytes: PROOF_MAX_BYTES, label: '证明材料', kind: 'image' },
  exemption: { maxFiles: 10, maxBytes: PROOF_MAX_BYTES, label: '免考材料', kind: 'image' },
  deferral: { maxFiles: 10, maxBytes: PROOF_MAX_BYTES, label: '延期考核附件', kind: 'image' },
};

export async function listAttachments(db: DbOrTx, enrolmentId: number, kind: AttachmentKind): Promise<TAttachment[]> {
  const rows = await db
    .select()
    .from(enrolmentAttachments)
    .where(and(eq(enrolmentAttachments.enrolmentId, enrolmentId), eq(enrolmentAttachments.kind, kind)))
    .orderBy(asc(enrolmentAttachments.id));
  return rows.map((r) => ({
    id: r.fileId,
    originalName: r.originalName,
    size: r.size,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Store one upload for `enrolment` (already loaded FOR UPDATE through the actor's scope). */
export async function addAttachment(
  tx: DbOrTx,
  deps: Pick<AppDeps, 'storage'>,
  actor: Actor,
  enrolment: Enrolment,
  kind: AttachmentKind,
  buf: Buffer,
  originalName: string,
): Promise<TAttachment> {
  const lim = ATTACHMENT_LIMITS[kind];
  const [{ n }] = await tx
    .select({ n: count() })
    .from(enrolmentAttachments)
    .where(and(eq(enrolmentAttachments.enrolmentId, enrolment.id), eq(enrolmentAttachments.kind, kind)));
  if (n >= lim.maxFiles) throw badRequest(`${lim.label}最多上传 ${lim.maxFiles} 个文件，请先删除不需要的文件`);
  const checked = await checkUpload(buf, lim.kind, { maxBytes: lim.maxBytes });
  const fileId = await storeFile(tx, deps.storage, actor, buf, checked, {
    purpose: `enrolment_${kind}`,
    orgPath: enrolment.orgPath,
    originalName,
  });
  const [row] = await tx
    .insert(enrolmentAttachments)
    .values({
      enrolmentId: enrolment.id,
      fileId,
      kind,
      provinceId: enrolment.provinceId,
      originalName: originalName.slice(0, 200),
      size: buf.length,
    })
    .returning();
  await writeAudit(tx, actor, {
    targetType: 'enrolment',
    targetId: enrolment.id,
    action: `上传${lim.label}`,
    orgPath: enrolment.orgPath,
    provinceId: enrolment.provinceId,
    after: { fileId, name: row.originalName, size: row.size },
  });
  return { id: fileId, originalName: row.originalName, size: row.size, createdAt: row.createdAt.toISOString() };
}

export async function removeAttachment(
  tx: DbOrTx,
  deps: Pick<AppDeps, 'storage'>,
  actor: Actor,
  enrolment: Enrolment,
  kind: AttachmentKind,
  fileId: string,
) {
  const [att] = await tx
    .delete(enrolmentAttachments)
    .where(
      and(
        eq(enrolmentAttachments.enrolmentId, enrolment.id),
        eq(enrolmentAttachments.kind, kind),
        eq(enrolmentAttachments.fileId, fileId),
      ),
    )
    .returning();
  if (!att) throw notFound('文件');
  const [f] = await tx.delete(files).where(eq(files.id, fileId)).returning();
  await writeAudit(tx, actor, {
    targetType: 'enrolment',
    targetId: enrolment.id,
    action: `删除${ATTACHMENT_LIMITS[kind].label}`,
    orgPath: enrolment.orgPath,
    provinceId: enrolment.provinceId,
    before: { fileId, name: att.originalName },
  });
  if (f) await deps.storage.delete(f.storageKey).catch(() => undefined);
}

/** Ids that are attachments of this kind on this enrolment (the rest are refused). */
export async function assertAttached(
  db: DbOrTx,
  enrolmentId: number,
  kind: AttachmentKind,
  ids: string[],
): Promise<void> {
  if (!ids.length) return;
  const rows = await db
    .select({ fileId: enrolmentAttachments.fileId })
    .from(enrolmentAttachments)
    .where(
      and(
        eq(enrolmentAttachments.enrolmentId, enrolmentId),
        eq(enrolmentAttachments.kind, kind),
        inArray(enrolmentAttachments.fileId, ids),
      ),
    );
  if (rows.length !== new Set(ids).size)
    throw badRequest(`${ATTACHMENT_LIMITS[kind].label}中有文件不存在或已删除，请重新上传`);
}

/** Read an attachment back: the enrolment must be in the actor's scope (404 otherwise). */
export async function readAttachment(
  deps: Pick<AppDeps, 'db' | 'storage'>,
  actor: Actor,
  enrolmentId: number,
  fileId: string,
): Promise<{ body: Buffer; mime: string; name: string }> {
  await findEnrolmentForActor(deps.db, actor, enrolmentId);
  const [row] = await deps.db
    .select({ key: files.storageKey, mime: files.mime, name: enrolmentAttachments.originalName })
    .from(enrolmentAttachments)
    .innerJoin(files, eq(files.id, enrolmentAttachments.fileId))
    .where(and(eq(enrolmentAttachments.enrolmentId, enrolmentId), eq(enrolmentAttachments.fileId, fileId)));
  if (!row) throw notFound('文件');
  return { body: await deps.storage.get(row.key), mime: row.mime, name: row.name || `附件.${row.mime.split('/')[1]}` };
}
