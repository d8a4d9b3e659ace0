/**
 * The 证书查验 QR code of a notice as a greyscale PNG with the same pixels as
 * `QRCode.toBuffer(url, { margin: 1, width: 220, errorCorrectionLevel: 'M' })` (the single notice's
 * image). qrcode writes RGBA PNGs, and pdfkit splits the alpha channel of every RGBA image when the
 * document ends (inflate, split, deflate twice): ≈ 27 ms per page, most of a 1,000-page batch's
 * finishing time. A greyscale PNG without alpha is embedded as it is.
 */
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

const MARGIN = 1;
const WIDTH = 220;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** The module grid scaled as qrcode's PNG renderer scales it (margin 1 module, width 220 px). */
export function noticeQrPng(url: string): Buffer {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const data = qr.modules.data;
  const scale = WIDTH >= size + MARGIN * 2 ? WIDTH / (size + MARGIN * 2) : 4;
  const px = Math.floor((size + MARGIN * 2) * scale);
  const margin = MARGIN * scale;
  // one filter byte (0 = none) per row, then one grey byte per pixel
  const raw = Buffer.alloc(px * (px + 1), 255);
  for (let i = 0; i < px; i++) {
    raw[i * (px + 1)] = 0;
    if (i < margin || i >= px - margin) continue;
    const row = Math.floor((i - margin) / scale) * size;
    for (let j = 0; j < px; j++) {
      if (j < margin || j >= px - margin) continue;
      if (data[row + Math.floor((j - margin) / scale)]) raw[i * (px + 1) + 1 + j] = 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(px, 0);
  ihdr.writeUInt32BE(px, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
