import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { noticeQrPng } from './notice-qr.js';

const grey = async (png: Buffer) => {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
};

describe('noticeQrPng', () => {
  it('has exactly the pixels of the single notice’s QR image (qrcode RGBA PNG), without alpha', async () => {
    for (const url of [
      'https://example.invalid/verify/AbCdEfGhIjKlMnOp',
      'http://127.0.0.1:3000/verify/zzzzzzzzzzzzzzzz',
      'https://dingkao.example.gov.cn/verify/-_-_-_-_-_-_-_-_',
    ]) {
      const mine = noticeQrPng(url);
      expect(mine[25]).toBe(0); // colour type: greyscale
      const theirs = await QRCode.toBuffer(url, { margin: 1, width: 220, errorCorrectionLevel: 'M' });
      expect(theirs[25]).toBe(6); // RGBA: what pdfkit has to split
      const [a, b] = [await grey(mine), await grey(theirs)];
      expect(a.width).toBe(b.width);
      expect(a.height).toBe(b.height);
      expect(a.data.equals(b.data)).toBe(true);
    }
  });
});
