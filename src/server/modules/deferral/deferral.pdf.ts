/** 附件1 医师定期考核延期考核申请表 as a PDF (pdfkit + Noto Sans SC). */
import { loadPdfKit } from '../../platform/lazy.js';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const FONT = path.join(
  path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')),
  '400Regular/NotoSansSC_400Regular.ttf',
);

export interface DeferralForm {
  name: string;
  gender: string;
  photo: Buffer | null;
  institutionName: string;
  idNumber: string;
  qualificationNo: string;
  licenseNo: string;
  reason: string;
  institutionOpinion: { agree: string; opinion: string; at: Date } | null;
  adminOpinion: { agree: string; opinion: string; org: string; at: Date } | null;
}

const dateCn = (d: Date | null) => {
  if (!d) return '        年      月      日（盖章）';
  const c = new Date(d.getTime() + 8 * 3600_000);
  return `${c.getUTCFullYear()} 年 ${c.getUTCMonth() + 1} 月 ${c.getUTCDate()} 日（盖章）`;
};

export async function renderDeferralForm(f: DeferralForm): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Title: '医师定期考核延期考核申请表', Author: '定考' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cn', FONT);
    doc.font('cn');

    doc.fontSize(11).text('附件1', 60, 50);
    doc.fontSize(18).text('医师定期考核延期考核申请表', 60, 78, { width: 475, align: 'center' });

    const X = 60;
    const W = 475;
    const LABEL = 110;
    const PHOTO = 100;
    const MID = W - LABEL - PHOTO;
    let y = 120;
    const RH = 34;

    const box = (x: number, top: number, w: number, h: number) => doc.rect(x, top, w, h).lineWidth(0.8).stroke();
    const cell = (
      text: string,
      x: number,
      top: number,
      w: number,
      h: number,
      opts: { align?: 'center' | 'left'; size?: number } = {},
    ) => {
      box(x, top, w, h);
      doc.fontSize(opts.size ?? 11);
      const th = doc.heightOfString(text || ' ', { width: w - 12 });
      doc.text(text, x + 6, top + Math.max(4, (h - th) / 2), {
        width: w - 12,
        align: opts.align ?? 'center',
        height: h - 8,
        ellipsis: true,
      });
    };

    /**
     * Lines centred horizontally and vertically in a box, each drawn on its own: pdfkit's
     * align:'center' on text containing '\n' measures the break into the following line and
     * shifts it right.
     */
    const centredLines = (lines: string[], x: number, top: number, w: number, h: number, size: number) => {
      doc.fontSize(size);
      const lh = doc.currentLineHeight(true);
      let ly = top + (h - lh * lines.length) / 2;
      for (const line of lines) {
        if (line) doc.text(line, x + (w - doc.widthOfString(line)) / 2, ly, { lineBreak: false });
        ly += lh;
      }
    };

    // rows 1–5 with the photo on the right spanning them
    cell('姓名', X, y, LABEL, RH);
    cell(f.name, X + LABEL, y, 100, RH);
    cell('性别', X + LABEL + 100, y, 60, RH);
    cell(f.gender, X + LABEL + 160, y, MID - 160, RH);
    const photoTop = y;
    y += RH;
    for (const [label, value] of [
      ['所在执业卫生机构', f.institutionName],
      ['身份证号', f.idNumber],
      ['医师资格证书编号', f.qualificationNo],
      ['执业/助理证书编号', f.licenseNo],
    ] as const) {
      cell(label, X, y, LABEL, RH, { size: label.length > 7 ? 10 : 11 });
      cell(value, X + LABEL, y, MID, RH, { align: 'left' });
      y += RH;
    }
    box(X + LABEL + MID, photoTop, PHOTO, y - photoTop);
    if (f.photo) {
      try {
        doc.image(f.photo, X + LABEL + MID + 8, photoTop + 8, {
          fit: [PHOTO - 16, y - photoTop - 16],
          align: 'center',
          valign: 'center',
        });
      } catch {
        doc
          .fontSize(11)
          .text('照片', X + LABEL + MID, photoTop + (y - photoTop) / 2 - 8, { width: PHOTO, align: 'center' });
      }
    } else {
      centredLines(['照', '', '片'], X + LABEL + MID, photoTop, PHOTO, y - photoTop, 11);
    }

    const block = (label: string, h: number, body: string, footer: string | null) => {
      box(X, y, LABEL, h);
      centredLines(label.split('\n'), X, y, LABEL, h, 11);
      box(X + LABEL, y, W - LABEL, h);
      doc
        .fontSize(11)
        .text(body, X + LABEL + 8, y + 8, { width: W - LABEL - 16, height: h - (footer ? 36 : 16), ellipsis: true });
      if (footer) doc.fontSize(11).text(footer, X + LABEL + 8, y + h - 24, { width: W - LABEL - 24, align: 'right' });
      y += h;
    };
    block('申请延期\n考核原因', 170, f.reason, null);
    const io = f.institutionOpinion;
    block('卫生机构\n意见', 120, io ? `${io.agree}。${io.opinion}` : '', dateCn(io?.at ?? null));
    const ao = f.adminOpinion;
    block(
      '卫生行政\n部门意见',
      120,
      ao ? `${ao.agree}。${ao.opinion}${ao.org ? `（${ao.org}）` : ''}` : '',
      dateCn(ao?.at ?? null),
    );

    doc
      .fontSize(10)
      .text('注：1.此表一式2份，一份审批后由本单位存档，一份由卫生行政部门存档。', X, y + 12, { width: W });
    doc.end();
  });
}
