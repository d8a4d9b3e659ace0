import { createRequire } from 'node:module';
import path from 'node:path';
import { loadPdfKit } from './lazy.js';

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));

/** Noto Sans SC from the npm package (no download at run time); pdfkit subsets what is used. */
export const FONT_REGULAR = path.join(fontDir, '400Regular/NotoSansSC_400Regular.ttf');
export const FONT_BOLD = path.join(fontDir, '700Bold/NotoSansSC_700Bold.ttf');

/** An A4 document with the Chinese fonts registered as 'cn' and 'cn-bold'. */
export async function createChineseA4(info: { title: string }): Promise<PDFKit.PDFDocument> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: info.title, Producer: '定考' } });
  doc.registerFont('cn', FONT_REGULAR);
  doc.registerFont('cn-bold', FONT_BOLD);
  doc.font('cn');
  return doc;
}

export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
