/**
 * Proctoring (监考) on the test page. The test page calls `onSnapshotOpportunity(attemptId,
 * questionIndex, questionCount)` every time a question is shown; this module:
 *  - fetches the server's capture schedule once per attempt (moments at question indexes plus
 *    one at 交卷, each with a one-time token) and keeps it on the device (IndexedDB);
 *  - opens the front camera, and at a scheduled moment takes a frame, downscales it, checks on
 *    the device that it is not black and (where the browser can) that a face is visible — if not,
 *    a non-blocking prompt asks to hold the phone up / uncover the camera and it retries;
 *  - uploads the frame with its token; a frame that cannot be sent waits in IndexedDB and is
 *    sent when the network returns, even after a reload;
 *  - records camera denied / lost as events with their time.
 * Nothing here ever blocks answering: every failure is caught and at most shown as a prompt.
 * Server side: src/server/modules/proctor (see PROCTORING.md in the exam module).
 */
import { currentCsrfToken } from '../../api/client';

export type SnapshotHandler = (attemptId: number, questionIndex: number, questionCount: number) => void;

const handlers: SnapshotHandler[] = [];

export function registerSnapshotHandler(h: SnapshotHandler): () => void {
  handlers.push(h);
  return () => {
    const i = handlers.indexOf(h);
    if (i >= 0) handlers.splice(i, 1);
  };
}

export function onSnapshotOpportunity(attemptId: number, questionIndex: number, questionCount: number): void {
  for (const h of [captureHandler, ...handlers]) {
    try {
      h(attemptId, questionIndex, questionCount);
    } catch {
      // a failing capture never blocks answering
    }
  }
}

/** The 交卷 moment: the test page calls it from its submit handler (TakeExamPage's doSubmit). */
export function onSubmitOpportunity(attemptId: number): void {
  void captureMoment(attemptId, (m) => m.trigger === 'submit').catch(() => undefined);
}

/* ───────────────────────────── device storage (IndexedDB) ───────────────────────────── */

interface Moment {
  seq: number;
  trigger: 'question' | 'submit';
  questionIndex: number | null;
  token: string | null;
  done: boolean;
}
interface StoredSchedule {
  attemptId: number;
  moments: Moment[];
}
interface PendingFrame {
  id?: number;
  attemptId: number;
  token: string;
  capturedAt: string;
  blob: Blob;
}
interface PendingEvent {
  id?: number;
  attemptId: number;
  kind: 'camera_denied' | 'camera_lost' | 'device_check_failed';
  occurredAt: string;
  detail?: string;
}

const DB_NAME = 'dingkao-proctor';
let dbPromise: Promise<IDBDatabase | null> | null = null;
function openDb(): Promise<IDBDatabase | null> {
  dbPromise ??= new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('schedules', { keyPath: 'attemptId' });
        db.createObjectStore('frames', { keyPath: 'id', autoIncrement: true });
        db.createObjectStore('events', { keyPath: 'id', autoIncrement: true });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return dbPromise;
}
async function idb<T>(
  store: string,
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest,
): Promise<T | null> {
  const db = await openDb();
  if (!db) return null;
  return new Promise((resolve) => {
    try {
      const req = fn(db.transaction(store, mode).objectStore(store));
      req.onsuccess = () => resolve(req.result as T);
      req.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

/* ───────────────────────────── network ───────────────────────────── */

class Refused extends Error {}

async function send(url: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('x-csrf-token', currentCsrfToken());
  const res = await fetch(url, { ...init, headers, credentials: 'same-origin' });
  // refused for good (used token, closed paper, bad image …) — do not retry; a lost session
  // (401/403) keeps the item on the device until the physician is logged in again
  if ([400, 404, 409, 413, 415, 422].includes(res.status)) throw new Refused();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res;
}

async function uploadFrame(f: PendingFrame): Promise<void> {
  const qs = new URLSearchParams({ token: f.token, capturedAt: f.capturedAt });
  await send(`/api/proctoring/attempts/${f.attemptId}/frames?${qs}`, {
    method: 'POST',
    headers: { 'content-type': 'image/jpeg' },
    body: f.blob,
  });
}

async function sendEvent(e: PendingEvent): Promise<void> {
  await send(`/api/proctoring/attempts/${e.attemptId}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: e.kind, occurredAt: e.occurredAt, detail: e.detail }),
  });
}

let flushing: Promise<void> | null = null;
/** Send every frame and event kept on the device; stops at the first network failure. */
export function flushPendingFrames(): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const e of (await idb<PendingEvent[]>('events', 'readonly', (s) => s.getAll())) ?? []) {
        try {
          await sendEvent(e);
        } catch (err) {
          if (!(err instanceof Refused)) return;
        }
        await idb('events', 'readwrite', (s) => s.delete(e.id!));
      }
      for (const f of (await idb<PendingFrame[]>('frames', 'readonly', (s) => s.getAll())) ?? []) {
        try {
          await uploadFrame(f);
        } catch (err) {
          if (!(err instanceof Refused)) return;
        }
        await idb('frames', 'readwrite', (s) => s.delete(f.id!));
      }
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

async function queueEvent(e: PendingEvent) {
  try {
    await sendEvent(e);
  } catch (err) {
    if (!(err instanceof Refused)) await idb('events', 'readwrite', (s) => s.add(e));
  }
}

/* ───────────────────────────── schedule ───────────────────────────── */

const schedules = new Map<number, Promise<StoredSchedule | null>>();

/**
 * The attempt's schedule: the copy on the device if there is one (its tokens stay valid — the
 * server re-issues tokens only when asked again), else the server's.
 */
function scheduleOf(attemptId: number): Promise<StoredSchedule | null> {
  let p = schedules.get(attemptId);
  if (!p) {
    p = (async () => {
      const kept = await idb<StoredSchedule>('schedules', 'readonly', (s) => s.get(attemptId));
      if (kept) return kept;
      try {
        const res = await send(`/api/proctoring/attempts/${attemptId}/schedule`, { method: 'POST' });
        const fresh = (await res.json()) as StoredSchedule;
        await idb('schedules', 'readwrite', (s) => s.put(fresh));
        return fresh;
      } catch {
        schedules.delete(attemptId); // try again at the next question
        return null;
      }
    })();
    schedules.set(attemptId, p);
  }
  return p;
}

async function markDone(attemptId: number, seq: number) {
  const s = await scheduleOf(attemptId);
  if (!s) return;
  const m = s.moments.find((x) => x.seq === seq);
  if (m) m.done = true;
  await idb('schedules', 'readwrite', (st) => st.put(s));
}

/* ───────────────────────────── camera ───────────────────────────── */

let stream: MediaStream | null = null;
let video: HTMLVideoElement | null = null;
let cameraAttempt: number | null = null;
let denied = false;

async function camera(attemptId: number): Promise<HTMLVideoElement | null> {
  if (video && stream?.active) return video;
  if (denied && cameraAttempt === attemptId) return null;
  cameraAttempt = attemptId;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
      audio: false,
    });
  } catch (e) {
    denied = true;
    prompt('未能打开前置摄像头：请在浏览器设置中允许本网站使用摄像头，以免影响考核监考。');
    void queueEvent({
      attemptId,
      kind: 'camera_denied',
      occurredAt: new Date().toISOString(),
      detail: String((e as Error)?.name ?? ''),
    });
    return null;
  }
  denied = false;
  for (const t of stream.getVideoTracks()) {
    t.addEventListener('ended', () => {
      void queueEvent({ attemptId, kind: 'camera_lost', occurredAt: new Date().toISOString() });
      stream = null;
      video = null;
    });
  }
  const v = document.createElement('video');
  v.muted = true;
  v.playsInline = true;
  v.srcObject = stream;
  await v.play().catch(() => undefined);
  if (v.readyState < 2) await new Promise((r) => v.addEventListener('loadeddata', r, { once: true }));
  video = v;
  return v;
}

function stopCamera() {
  for (const t of stream?.getTracks() ?? []) t.stop();
  stream = null;
  video = null;
  cameraAttempt = null;
  hidePrompt();
}

/* ───────────────────────────── the on-screen prompt (non-blocking) ───────────────────────────── */

let promptEl: HTMLDivElement | null = null;
let promptTimer: ReturnType<typeof setTimeout> | undefined;
function prompt(text: string) {
  if (!promptEl) {
    promptEl = document.createElement('div');
    promptEl.setAttribute('role', 'status');
    promptEl.dataset.testid = 'proctor-prompt';
    Object.assign(promptEl.style, {
      position: 'fixed',
      left: '8px',
      right: '8px',
      top: '8px',
      zIndex: '2000',
      padding: '10px 12px',
      borderRadius: '8px',
      background: '#fff7e6',
      border: '1px solid #ffd591',
      color: '#613400',
      fontSize: '14px',
      lineHeight: '1.5',
      boxShadow: '0 2px 8px rgba(0,0,0,.15)',
      pointerEvents: 'none',
    });
    document.body.appendChild(promptEl);
  }
  promptEl.textContent = text;
  clearTimeout(promptTimer);
  promptTimer = setTimeout(hidePrompt, 10_000);
}
function hidePrompt() {
  promptEl?.remove();
  promptEl = null;
}

/* ───────────────────────────── capture ───────────────────────────── */

const MAX_SIDE = 480;
const RETRIES = 2;
const RETRY_MS = 3000;

interface Shot {
  blob: Blob;
  /** why the device thinks it is not usable, or null */
  problem: string | null;
}

type FaceDetectorCtor = new (o?: { fastMode?: boolean }) => { detect(src: CanvasImageSource): Promise<unknown[]> };

async function shoot(v: HTMLVideoElement): Promise<Shot | null> {
  const w = v.videoWidth;
  const h = v.videoHeight;
  if (!w || !h) return null;
  const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.drawImage(v, 0, 0, canvas.width, canvas.height);
  const px = g.getImageData(0, 0, canvas.width, canvas.height).data;
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let i = 0; i < px.length; i += 16) {
    const y = 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
    sum += y;
    sq += y * y;
    n++;
  }
  const mean = sum / n;
  const sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
  let problem: string | null = null;
  if (mean < 25 || sd < 6) problem = '画面过暗或摄像头被遮挡：请不要遮挡前置摄像头，并在光线充足处作答。';
  else {
    const FD = (window as unknown as { FaceDetector?: FaceDetectorCtor }).FaceDetector;
    if (FD) {
      try {
        const faces = await new FD({ fastMode: true }).detect(canvas);
        if (faces.length === 0) problem = '未检测到人脸：请将手机竖起、正对面部，保持画面中只有您本人。';
      } catch {
        // the detector is optional; the server compares every frame anyway
      }
    }
  }
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.8));
  return blob ? { blob, problem } : null;
}

const busy = new Set<string>();

async function captureMoment(attemptId: number, which: (m: Moment) => boolean): Promise<void> {
  const s = await scheduleOf(attemptId);
  const m = s?.moments.find((x) => !x.done && x.token && which(x));
  if (!m?.token) return;
  const key = `${attemptId}:${m.seq}`;
  if (busy.has(key)) return;
  busy.add(key);
  try {
    const v = await camera(attemptId);
    if (!v) return;
    let shot: Shot | null = null;
    for (let i = 0; i <= RETRIES; i++) {
      shot = await shoot(v);
      if (shot && !shot.problem) break;
      if (shot?.problem) prompt(shot.problem);
      if (i < RETRIES && m.trigger !== 'submit') await new Promise((r) => setTimeout(r, RETRY_MS));
    }
    if (!shot) return;
    if (shot.problem)
      void queueEvent({
        attemptId,
        kind: 'device_check_failed',
        occurredAt: new Date().toISOString(),
        detail: shot.problem,
      });
    else hidePrompt();
    // the frame goes up either way: the server's comparison is what reviewers see
    const frame: PendingFrame = { attemptId, token: m.token, capturedAt: new Date().toISOString(), blob: shot.blob };
    await markDone(attemptId, m.seq);
    try {
      await uploadFrame(frame);
    } catch (err) {
      if (!(err instanceof Refused)) await idb('frames', 'readwrite', (st) => st.add(frame));
    }
  } finally {
    busy.delete(key);
  }
}

function captureHandler(attemptId: number, questionIndex: number, _questionCount: number): void {
  watch(attemptId);
  void (async () => {
    await flushPendingFrames();
    await captureMoment(attemptId, (m) => m.trigger === 'question' && m.questionIndex === questionIndex);
  })().catch(() => undefined);
}

/* ───────────────────────────── lifecycle ───────────────────────────── */

let watching: number | null = null;
let watchTimer: ReturnType<typeof setInterval> | undefined;

/** While the test page is open: camera on, kept frames retried. */
function watch(attemptId: number) {
  if (watching === attemptId) return;
  watching = attemptId;
  void camera(attemptId).catch(() => undefined);
  clearInterval(watchTimer);
  watchTimer = setInterval(() => {
    if (!location.pathname.includes(`/exam/take/${attemptId}`)) {
      clearInterval(watchTimer);
      watching = null;
      stopCamera();
    }
    void flushPendingFrames();
  }, 5000);
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void flushPendingFrames());
  // a frame kept while offline is sent after a reload too
  setTimeout(() => void flushPendingFrames().catch(() => undefined), 1000);
}
