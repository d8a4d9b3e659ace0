import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { type cycles, type enrolments, notices, type physicians } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { createChineseA4, pdfToBuffer } from '../../platform/pdf.js';
import { PROCEDURE_LABELS } from '../../../shared/enrolment-status.js';
import type { TVerifyResult } from '../../../shared/schemas/notice.js';
import { findEnrolmentForActor } from '../enrolment/enrolment.transition.js';
import {
  findMyPassedEnrolmentId,
  findNoticeByCode,
  findNoticeOf,
  findNoticeParts,
  findParentOrgId,
} from './notice.repo.js';

type Notice = typeof notices.$inferSelect;

/** Issue (once) the notice of a passed enrolment; the issuer is the institution's administration. */
async function ensureNotice(tx: DbOrTx, actor: Actor, e: typeof enrolments.$inferSelect): Promise<Notice> {
  const existing = await findNoticeOf(tx, e.id);
  if (existing) return existing;
  const parentId = await findParentOrgId(tx, e.institutionId);
  const [created] = await tx
    .insert(notices)
    .values({
      enrolmentId: e.id,
      provinceId: e.provinceId,
      code: randomBytes(12).toString('base64url'),
      issuerOrgId: parentId ?? e.provinceId,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) return (await findNoticeOf(tx, e.id)) as Notice;
  await writeAudit(tx, actor, {
    targetType: 'enrolment',
    targetId: e.id,
    action: '签发考核结果通知书',
    orgPath: e.orgPath,
    provinceId: e.provinceId,
    after: { notice: created.id },
  });
  return created;
}

const maskName = (n: string) =>
  n.length <= 1 ? n : n.length === 2 ? `${n[0]}*` : `${n[0]}${'*'.repeat(n.length - 2)}${n[n.length - 1]}`;

/** Everything one notice shows, loaded through the actor's scope (a 404 outside it). */
export interface NoticeData {
  e: typeof enrolments.$inferSelect;
  notice: Notice;
  p: typeof physicians.$inferSelect;
  cycle: typeof cycles.$inferSelect;
  inst: { name: string };
  issuer: { name: string } | undefined;
  verifyUrl: string;
  qr: Buffer;
  photo: Buffer | null;
}

export async function loadNoticeData(
  deps: Pick<AppDeps, 'db' | 'storage'>,
  actor: Actor,
  enrolmentId: number,
  baseUrl: string,
): Promise<NoticeData> {
  const e = await findEnrolmentForActor(deps.db, actor, enrolmentId);
  if (e.status !== 'passed') throw new AppError('NOT_PASSED', '仅考核合格的医师可以打印考核结果通知书', 409);
  const notice = await deps.db.transaction((tx) => ensureNotice(tx, actor, e));
  const { p, cycle, inst, issuer, photoKey } = await findNoticeParts(deps.db, e, notice.issuerOrgId);
  const verifyUrl = `${baseUrl}/verify/${notice.code}`;
  const qr = await QRCode.toBuffer(verifyUrl, { margin: 1, width: 220, errorCorrectionLevel: 'M' });
  const photo = photoKey ? await deps.storage.get(photoKey).catch(() => null) : null;
  return { e, notice, p, cycle, inst, issuer, verifyUrl, qr, photo };
}

/**
 * 考核结果通知书 as an A4 PDF: the physician's data, the result, a seal area for the issuing
 * authority (official only once sealed) and a QR code pointing to the public 证书查验 page.
 */
export async function renderNoticePdf(
  deps: AppDeps,
  actor: Actor,
  enrolmentId: number,
  baseUrl: string,
): Promise<{ pdf: Buffer; fileName: string }> {
  const data = await loadNoticeData(deps, actor, enrolmentId, baseUrl);
  const doc = await createChineseA4({ title: '医师定期考核结果通知书' });
  drawNotice(doc, data);
  const pdf = await pdfToBuffer(doc);
  return { pdf, fileName: `考核结果通知书-${data.p.name}.pdf` };
}

/** Draws one notice on the document's current page (the batch print draws many, one per page). */
export function drawNotice(
  doc: PDFKit.PDFDocument,
  { e, notice, p, cycle, inst, issuer, verifyUrl, qr, photo }: NoticeData,
): void {
  const W = doc.page.width;
  doc.font('cn-bold').fontSize(22).text('医师定期考核结果通知书', 0, 70, { align: 'center', width: W });
  doc
    .font('cn')
    .fontSize(10)
    .fillColor('#666')
    .text(`编号：${notice.code}`, 0, 104, { align: 'center', width: W })
    .fillColor('#000');
  doc.fontSize(13).text(`${p.name}：`, 70, 150);
  const resultText = e.noPromotion ? '合格（再次考核合格，本考核周期内不得评优和晋升）' : '合格';
  doc.text(`    经考核，你在${cycle.name}医师定期考核中，考核结果为：${resultText}。`, 70, 178, {
    width: W - 140,
    lineGap: 6,
  });

  const rows: [string, string][] = [
    ['姓名', p.name],
    ['性别', p.gender],
    ['证件号码', p.idNumber],
    ['执业机构', inst.name],
    ['医师级别', p.level],
    ['执业类别', p.practiceCategory],
    ['考核程序', e.procedure ? PROCEDURE_LABELS[e.procedure] : '—'],
    ['工作成绩', e.workResult ?? '—'],
    ['职业道德', e.ethicsResult ?? '—'],
    ['人文医学测评', e.humanitiesExempt ? '免考' : e.humanitiesScore === null ? '—' : `${e.humanitiesScore} 分`],
    [
      '业务水平测评',
      e.procedure !== 'general'
        ? '不适用'
        : e.professionalExempt
          ? '免考'
          : e.professionalScore === null
            ? '—'
            : `${e.professionalScore} 分`,
    ],
    ['考核结果', '合格'],
  ];
  let y = 240;
  const x0 = 70;
  const labelW = 110;
  const valW = photo ? 230 : 340;
  for (const [k, v] of rows) {
    doc.rect(x0, y, labelW, 26).stroke('#999');
    doc.rect(x0 + labelW, y, valW, 26).stroke('#999');
    doc.fontSize(11).text(k, x0 + 8, y + 7, { width: labelW - 16 });
    doc.text(v, x0 + labelW + 8, y + 7, { width: valW - 16 });
    y += 26;
  }
  if (photo) {
    try {
      doc.image(photo, x0 + labelW + valW + 14, 240, { fit: [90, 126] });
    } catch {
      /* an unreadable photo leaves the box empty */
    }
    doc.rect(x0 + labelW + valW + 14, 240, 90, 126).stroke('#999');
  }

  // issuing authority and seal area
  const sealY = y + 40;
  doc.fontSize(12).text(`发证机关：${issuer?.name ?? ''}`, W - 330, sealY, { width: 270, align: 'right' });
  doc.text(
    `签发日期：${notice.issuedAt.getFullYear()}年${notice.issuedAt.getMonth() + 1}月${notice.issuedAt.getDate()}日`,
    W - 330,
    sealY + 24,
    { width: 270, align: 'right' },
  );
  doc
    .save()
    .circle(W - 140, sealY + 10, 52)
    .dash(4, { space: 3 })
    .stroke('#c00')
    .restore();
  doc
    .fillColor('#c00')
    .fontSize(10)
    .text('（盖章处）', W - 180, sealY + 4, { width: 80, align: 'center' })
    .fillColor('#000');

  doc.image(qr, x0, sealY - 10, { width: 96 });
  doc
    .fontSize(9)
    .fillColor('#444')
    .text('扫码查验真伪', x0, sealY + 90, { width: 96, align: 'center' });
  doc
    .fontSize(9)
    .text(`注：本通知书须加盖发证机关公章后方可生效。查验地址：${verifyUrl}`, x0, doc.page.height - 100, {
      width: W - 140,
    })
    .fillColor('#000');
}

/** The physician's own notice. */
export async function renderMyNotice(deps: AppDeps, actor: Actor, baseUrl: string) {
  const id = await findMyPassedEnrolmentId(deps.db, actor);
  if (!id) throw new AppError('NOT_PASSED', '暂无可打印的考核结果通知书', 404);
  return renderNoticePdf(deps, actor, id, baseUrl);
}

/** 证书查验 (public): is this code a genuine, unrevoked notice of a passed enrolment? */
export async function verifyNotice(deps: AppDeps, code: string): Promise<TVerifyResult> {
  const none: TVerifyResult = {
    genuine: false,
    maskedName: null,
    cycleName: null,
    result: null,
    issuer: null,
    issuedAt: null,
    message: '未查询到该通知书，可能为伪造或已失效',
  };
  if (!/^[A-Za-z0-9_-]{16}$/.test(code)) return none;
  const row = await findNoticeByCode(deps.db, code);
  if (!row) return none;
  const genuine = row.status === 'passed';
  return {
    genuine,
    maskedName: maskName(row.name),
    cycleName: row.cycleName,
    result: genuine ? (row.noPromotion ? '合格（再次考核合格）' : '合格') : '已失效',
    issuer: row.issuer,
    issuedAt: row.n.issuedAt.toISOString(),
    message: genuine ? '该通知书真实有效' : '该通知书对应的考核结果已变更，通知书已失效',
  };
}
