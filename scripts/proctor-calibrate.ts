/**
 * npm run proctor:calibrate — the face comparison's calibration report.
 *
 * Runs the product's comparison (face.worker.mjs: @vladmandic/human faceres on tfjs WASM) over a
 * labelled set of face pairs built from pictures that ship in npm packages (face-api's demo
 * samples, bench/proctor-faces.ts): for every face found, a "standard photo" crop and same-person
 * probes varied by crop, scale, mirror, JPEG quality, brightness and blur; impostor pairs are
 * every standard photo against every other person's probes. Prints both score distributions,
 * false-accept / false-reject rates per threshold, the suggested threshold and the model version.
 */
import { PROCTOR_DEFAULTS } from '../src/shared/schemas/proctor.js';
import {
  blur,
  brightness,
  cropResize,
  encodeJpeg,
  findSourceFaces,
  mirror,
  portrait,
  type Rgb,
  type SourceFace,
} from '../bench/proctor-faces.js';
import analyse, { similarity } from '../src/server/modules/proctor/face.worker.mjs';

const VARIANTS: { name: string; make: (f: SourceFace) => { img: Rgb; q: number } }[] = [
  { name: '另一裁剪（偏移、宽边）', make: (f) => ({ img: portrait(f, { margin: 2.4, dx: 0.12, dy: -0.05 }), q: 85 }) },
  { name: '缩小（约 64 像素人脸）', make: (f) => ({ img: shrink(portrait(f, { margin: 2.2 }), 0.45), q: 85 }) },
  { name: '镜像（前置摄像头）', make: (f) => ({ img: mirror(portrait(f, { margin: 2.0, dx: -0.08 })), q: 85 }) },
  { name: 'JPEG 质量 25', make: (f) => ({ img: portrait(f, { margin: 2.0 }), q: 25 }) },
  { name: '偏暗（亮度 ×0.45）', make: (f) => ({ img: brightness(portrait(f, { margin: 2.0 }), 0.45), q: 85 }) },
  { name: '偏亮（亮度 ×1.5）', make: (f) => ({ img: brightness(portrait(f, { margin: 2.0 }), 1.5), q: 85 }) },
  { name: '模糊（半径 2）', make: (f) => ({ img: blur(portrait(f, { margin: 2.0 }), 2), q: 85 }) },
];

function shrink(img: Rgb, k: number): Rgb {
  const w = Math.round(img.width * k);
  const h = Math.round(img.height * k);
  return cropResize(img, 0, 0, img.width, img.height, w, h);
}

async function embed(img: Rgb, q: number): Promise<{ emb: number[] | null; faces: number; version: string }> {
  const a = await analyse({ image: new Uint8Array(encodeJpeg(img, q)), wantEmbedding: true });
  const faces = a.faces ?? [];
  const biggest = [...faces].sort((x, y) => y.size - x.size)[0];
  return { emb: biggest?.embedding ?? null, faces: faces.length, version: a.modelVersion ?? '' };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : Number.NaN;
};
const summary = (xs: number[]) =>
  `n=${xs.length} min=${Math.min(...xs)} p5=${pct(xs, 5)} 中位=${pct(xs, 50)} p95=${pct(xs, 95)} max=${Math.max(...xs)}`;
function histogram(xs: number[]): string {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const x of xs) bins[Math.min(9, Math.floor(x / 10))]++;
  return bins
    .map(
      (n, i) =>
        `  ${String(i * 10).padStart(3)}–${String(i * 10 + 9).padStart(3)} ${'#'.repeat(Math.ceil((40 * n) / xs.length))} ${n}`,
    )
    .join('\n');
}

const started = Date.now();
const faces = await findSourceFaces();
const refs: { id: string; emb: number[] }[] = [];
const probes: { id: string; variant: string; emb: number[] }[] = [];
let version = '';
let lostProbes = 0;
for (const f of faces) {
  const r = await embed(portrait(f), 90);
  version = r.version;
  if (!r.emb) continue;
  refs.push({ id: f.id, emb: r.emb });
  process.stderr.write(`${f.id} `);
  for (const v of VARIANTS) {
    const { img, q } = v.make(f);
    const p = await embed(img, q);
    if (p.emb) probes.push({ id: f.id, variant: v.name, emb: p.emb });
    else lostProbes++;
  }
}
const genuine: number[] = [];
const impostor: number[] = [];
const byVariant = new Map<string, number[]>();
for (const r of refs)
  for (const p of probes) {
    const s = await similarity(r.emb, p.emb);
    if (p.id === r.id) {
      genuine.push(s);
      byVariant.set(p.variant, [...(byVariant.get(p.variant) ?? []), s]);
    } else impostor.push(s);
  }

const rate = (xs: number[], pred: (x: number) => boolean) => (100 * xs.filter(pred).length) / xs.length;
const rows: string[] = [];
let suggested = 0;
for (let t = 30; t <= 90; t += 5) {
  const far = rate(impostor, (x) => x >= t);
  const frr = rate(genuine, (x) => x < t);
  if (!suggested && far <= 1) suggested = t;
  rows.push(`| ${t} | ${far.toFixed(2)} % | ${frr.toFixed(2)} % |`);
}
const at = (t: number) =>
  `FAR ${rate(impostor, (x) => x >= t).toFixed(2)} %（${impostor.filter((x) => x >= t).length}/${impostor.length}），FRR ${rate(genuine, (x) => x < t).toFixed(2)} %（${genuine.filter((x) => x < t).length}/${genuine.length}）`;

console.log(`监考人脸比对校准报告  ${new Date().toISOString().slice(0, 10)}
模型：${version}（faceres 1024 维特征，相似度 0–100 为 human.match.similarity ×100）
样本：@vladmandic/face-api demo/sample1–6.jpg 中检测到的 ${faces.length} 张人脸（人脸边长 ≥ 90 像素），
      每人 1 张「标准照」裁剪 + ${VARIANTS.length} 种同人变体（${VARIANTS.map((v) => v.name).join('、')}）；
      同人变体中 ${lostProbes} 张未检测到人脸（不计入）。
同人对 ${genuine.length}，异人对 ${impostor.length}

同人相似度：${summary(genuine)}
${histogram(genuine)}
异人相似度：${summary(impostor)}
${histogram(impostor)}

各变体同人相似度（中位 / 最低）：
${[...byVariant].map(([k, v]) => `  ${k}: ${pct(v, 50)} / ${Math.min(...v)}`).join('\n')}

| 阈值 | 误接受率 FAR | 误拒绝率 FRR |
|---|---|---|
${rows.join('\n')}

建议阈值（FAR ≤ 1% 的最低阈值）：${suggested || '无'}；该阈值下 ${suggested ? at(suggested) : '—'}
当前默认阈值 ${PROCTOR_DEFAULTS.similarityThreshold}：${at(PROCTOR_DEFAULTS.similarityThreshold)}

本数据集的局限（请勿据此宣称准确率）：
- 规模很小：${refs.length} 人，同一人的「变体」来自同一张原图（不同裁剪/缩放/镜像/压缩/亮度/模糊），
  比真实「证件照 vs 手机自拍」容易得多，同人分数偏高、FRR 偏乐观；
- 没有证件照与现场自拍的配对，没有年龄变化、眼镜/口罩、侧脸、强逆光等情况；
- 人群构成以演示图片中的欧美面孔为主，缺少中国医师人群，不同人群的分数分布可能不同；
- 异人对全部来自不同的人，未包含双胞胎、相貌相近者或刻意冒充。
上线前应使用经授权的真实「标准照片 vs 测评抓拍」样本重新校准；阈值仅作为「提示线」用于排序和标红，
不作为自动判定结果（违纪处理由行政机构人工核实）。
耗时 ${((Date.now() - started) / 1000).toFixed(0)} 秒`);
