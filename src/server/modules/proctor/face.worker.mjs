/**
 * Face analysis in a worker thread (run through piscina by face.model.ts), so the ~130 ms of
 * model time per face never runs on the API event loop. Plain ESM (.mjs) so the same file runs
 * under tsx and in production without a TypeScript loader in the worker.
 *
 * Model: @vladmandic/human on the tfjs WASM backend; the weights ship inside the npm package
 * and are read from disk (a fetch wrapper answers the model URLs from node_modules; no network).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
/** The node_modules folder that holds the model package (walk up from here; packages hide package.json behind "exports"). */
function nodeModules() {
  for (let d = path.dirname(new URL(import.meta.url).pathname); d !== path.dirname(d); d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'node_modules', '@vladmandic', 'human', 'models')))
      return path.join(d, 'node_modules');
  }
  throw new Error('@vladmandic/human is not installed');
}
const NODE_MODULES = nodeModules();
const HUMAN_PKG = path.join(NODE_MODULES, '@vladmandic', 'human');
const MODELS_DIR = path.join(HUMAN_PKG, 'models');
const WASM_DIR = `${path.join(NODE_MODULES, '@tensorflow', 'tfjs-backend-wasm', 'dist')}/`;
const MODEL_HOST = 'http://human-models.invalid/';
const jpeg = require('jpeg-js');

// Human loads its graph models with fetch(); answer those URLs from the package's models folder.
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => {
  const u = String(url);
  if (u.startsWith(MODEL_HOST)) {
    const file = path.join(MODELS_DIR, path.basename(new URL(u).pathname));
    const body = await fs.promises.readFile(file);
    const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'content-type': type } });
  }
  return realFetch(url, init);
};

/** The largest image we decode (pixels): a decompression bomb is refused before allocation. */
const MAX_PIXELS = 12_000_000;

let humanPromise = null;
function getHuman() {
  humanPromise ??= (async () => {
    const H = require(path.join(HUMAN_PKG, 'dist', 'human.node-wasm.js'));
    const human = new H.Human({
      backend: 'wasm',
      wasmPath: WASM_DIR,
      modelBasePath: MODEL_HOST,
      cacheModels: false,
      debug: false,
      async: false,
      warmup: 'none',
      cacheSensitivity: 0,
      face: {
        enabled: true,
        detector: { rotation: true, maxDetected: 5, minConfidence: 0.4, return: false },
        mesh: { enabled: true },
        iris: { enabled: false },
        description: { enabled: true },
        emotion: { enabled: false },
        antispoof: { enabled: true },
        liveness: { enabled: true },
      },
      body: { enabled: false },
      hand: { enabled: false },
      object: { enabled: false },
      gesture: { enabled: false },
      segmentation: { enabled: false },
      filter: { enabled: false },
    });
    await human.load();
    return human;
  })();
  return humanPromise;
}

function decode(bytes) {
  const img = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: false,
    maxResolutionInMP: MAX_PIXELS / 1e6,
    maxMemoryUsageInMB: 256,
  });
  return img;
}

function brightnessOf(img) {
  // mean luma over a sparse grid (cheap and good enough for "too dark" / "covered")
  const { data, width, height } = img;
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / 20000)));
  let sum = 0;
  let n = 0;
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      const i = (y * width + x) * 3;
      sum += 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
      n++;
    }
  }
  return n ? sum / n : 0;
}

const pct = (v) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) : null);

/**
 * @param {{ image: Uint8Array, reference?: number[] | null, wantEmbedding?: boolean }} input
 */
export default async function analyse(input) {
  const human = await getHuman();
  let img;
  try {
    img = decode(Buffer.from(input.image));
  } catch (e) {
    return { unreadable: true, error: String(e?.message ?? e).slice(0, 200) };
  }
  const started = performance.now();
  const tensor = human.tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
  let result;
  try {
    result = await human.detect(tensor);
  } finally {
    tensor.dispose();
  }
  const faces = result.face
    .filter((f) => Array.isArray(f.embedding) && f.embedding.length > 0)
    .map((f) => ({
      box: f.box.map((v) => Math.round(v)),
      size: Math.round(Math.min(f.box[2], f.box[3])),
      score: pct(f.score),
      real: pct(f.real),
      live: pct(f.live),
      similarity: input.reference ? Math.round(100 * human.match.similarity(f.embedding, input.reference)) : null,
      embedding: input.wantEmbedding ? Array.from(f.embedding) : undefined,
    }));
  return {
    unreadable: false,
    width: img.width,
    height: img.height,
    brightness: Math.round(brightnessOf(img)),
    faces,
    ms: Math.round(performance.now() - started),
    model: 'human-faceres',
    modelVersion: `human ${human.version} / tfjs ${human.tf.version_core} wasm`,
  };
}

/** The model's own similarity (0–100) of two embeddings (for calibration and benchmarks). */
export async function similarity(a, b) {
  const human = await getHuman();
  return Math.round(100 * human.match.similarity(a, b));
}
