/**
 * Face pictures for proctoring tests, calibration and benchmarks, built only from images that
 * ship inside npm packages: @vladmandic/face-api's demo/sample1–6.jpg (several people each).
 * Faces are found with the product's own model, cropped, and varied (crop, scale, mirror, JPEG
 * quality, brightness, blur) with plain pixel operations (jpeg-js), so nothing is downloaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
// the worker's analyse function, called in-process (scripts only; the server uses the pool)
import analyse from '../src/server/modules/proctor/face.worker.mjs';

export interface Rgb {
  width: number;
  height: number;
  data: Uint8Array; // RGB
}

export const SAMPLES_DIR = path.resolve('node_modules/@vladmandic/face-api/demo');

export function decodeJpeg(buf: Buffer): Rgb {
  const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: 50 });
  return { width: img.width, height: img.height, data: img.data as Uint8Array };
}

export function encodeJpeg(img: Rgb, quality = 88): Buffer {
  const rgba = Buffer.alloc(img.width * img.height * 4);
  for (let i = 0, j = 0; i < img.data.length; i += 3, j += 4) {
    rgba[j] = img.data[i];
    rgba[j + 1] = img.data[i + 1];
    rgba[j + 2] = img.data[i + 2];
    rgba[j + 3] = 255;
  }
  return jpeg.encode({ data: rgba, width: img.width, height: img.height }, quality).data;
}

/** Crop the rectangle (clamped, grey outside) and resize bilinearly to outW × outH. */
export function cropResize(src: Rgb, x: number, y: number, w: number, h: number, outW: number, outH: number): Rgb {
  const out = new Uint8Array(outW * outH * 3);
  for (let oy = 0; oy < outH; oy++) {
    const sy = y + ((oy + 0.5) * h) / outH - 0.5;
    for (let ox = 0; ox < outW; ox++) {
      const sx = x + ((ox + 0.5) * w) / outW - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const p = (xx: number, yy: number) =>
          xx < 0 || yy < 0 || xx >= src.width || yy >= src.height ? 128 : src.data[(yy * src.width + xx) * 3 + c];
        const v =
          p(x0, y0) * (1 - fx) * (1 - fy) +
          p(x0 + 1, y0) * fx * (1 - fy) +
          p(x0, y0 + 1) * (1 - fx) * fy +
          p(x0 + 1, y0 + 1) * fx * fy;
        out[(oy * outW + ox) * 3 + c] = v;
      }
    }
  }
  return { width: outW, height: outH, data: out };
}

export function mirror(img: Rgb): Rgb {
  const out = new Uint8Array(img.data.length);
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++)
      for (let c = 0; c < 3; c++)
        out[(y * img.width + x) * 3 + c] = img.data[(y * img.width + (img.width - 1 - x)) * 3 + c];
  return { ...img, data: out };
}

export function brightness(img: Rgb, factor: number): Rgb {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, img.data[i] * factor));
  return { ...img, data: out };
}

/** Box blur with radius r (separable, two passes). */
export function blur(img: Rgb, r: number): Rgb {
  const pass = (src: Uint8Array, horizontal: boolean) => {
    const out = new Uint8Array(src.length);
    const { width: W, height: H } = img;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++)
        for (let c = 0; c < 3; c++) {
          let s = 0;
          let n = 0;
          for (let k = -r; k <= r; k++) {
            const xx = horizontal ? x + k : x;
            const yy = horizontal ? y : y + k;
            if (xx < 0 || yy < 0 || xx >= W || yy >= H) continue;
            s += src[(yy * W + xx) * 3 + c];
            n++;
          }
          out[(y * W + x) * 3 + c] = s / n;
        }
    return out;
  };
  return { ...img, data: pass(pass(img.data, true), false) };
}

export function solid(width: number, height: number, v: number): Rgb {
  return { width, height, data: new Uint8Array(width * height * 3).fill(v) };
}

/** Paste `img` centred on a canvas of the given size filled with grey. */
export function onCanvas(img: Rgb, width: number, height: number, ox: number, oy: number): Rgb {
  const out = solid(width, height, 110);
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const tx = ox + x;
      const ty = oy + y;
      if (tx < 0 || ty < 0 || tx >= width || ty >= height) continue;
      for (let c = 0; c < 3; c++) out.data[(ty * width + tx) * 3 + c] = img.data[(y * img.width + x) * 3 + c];
    }
  return out;
}

export interface SourceFace {
  id: string; // sample<n>-<k>
  sample: number;
  image: Rgb;
  box: [number, number, number, number];
}

/** Every face the model finds in the six demo samples (a person = one face in one sample). */
export async function findSourceFaces(): Promise<SourceFace[]> {
  const out: SourceFace[] = [];
  for (let s = 1; s <= 6; s++) {
    const buf = fs.readFileSync(path.join(SAMPLES_DIR, `sample${s}.jpg`));
    const image = decodeJpeg(buf);
    const a = (await analyse({ image: new Uint8Array(buf) })) as { faces: { box: number[]; size: number }[] };
    const faces = [...a.faces].sort((p, q) => p.box[0] - q.box[0]);
    faces.forEach((f, k) => {
      if (f.size >= 90) out.push({ id: `sample${s}-${k + 1}`, sample: s, image, box: f.box as SourceFace['box'] });
    });
  }
  return out;
}

/** A portrait crop around the face: `margin` × the face box, centred, with an optional shift. */
export function portrait(
  f: SourceFace,
  opts: { margin?: number; dx?: number; dy?: number; w?: number; h?: number } = {},
): Rgb {
  const [bx, by, bw, bh] = f.box;
  const m = opts.margin ?? 1.8;
  const cw = bw * m;
  const ch = bh * m * 1.25;
  const cx = bx + bw / 2 + (opts.dx ?? 0) * bw;
  const cy = by + bh / 2 + (opts.dy ?? 0) * bh + bh * 0.1;
  return cropResize(f.image, cx - cw / 2, cy - ch / 2, cw, ch, opts.w ?? 300, opts.h ?? 375);
}
