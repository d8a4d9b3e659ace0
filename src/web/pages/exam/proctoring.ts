/**
 * Proctoring hook (监考). The test page calls `onSnapshotOpportunity(attemptId, questionIndex)`
 * every time a question is shown; the proctoring feature registers a handler that decides
 * (at random moments, at least once per part of the paper) to capture a front-camera frame
 * and upload it for face comparison against the physician's standard photo.
 *
 * Nothing is captured and nothing is compared until such a handler is registered: this
 * module deliberately does not pretend to proctor. Server side, the design is a separate
 * endpoint owned by the proctoring module (POST /api/proctoring/attempts/:id/frames,
 * multipart, checked with checkUpload, stored with storeFile, linked to the attempt and
 * question index, compared by a real face-embedding model in a worker) — see
 * src/server/modules/exam/PROCTORING.md.
 */
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
  for (const h of handlers) {
    try {
      h(attemptId, questionIndex, questionCount);
    } catch {
      // a failing capture never blocks answering
    }
  }
}
