import { PassThrough } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { exportJobs } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { createPacer } from '../../platform/pacer.js';
import { XlsxStreamWriter } from '../../platform/xlsx-stream.js';
import { DEFINITIONS } from './exports.definitions.js';

/** how often (ms) the job writes its progress for the page to show */
const PROGRESS_EVERY_MS = 500;

/**
 * The export job: rows come batch by batch from the list's scoped query (as the requester,
 * frozen at request time), go through the streaming writer straight into storage
 * (`putStream`). Between batches the pacer gives way to requests served by the same process
 * (answer saves keep their pace while a large export runs). A retry starts over (idempotent).
 */
export async function runExport(deps: AppDeps, exportId: string, attempt: { no: number; max: number }): Promise<void> {
  const [job] = await deps.db.select().from(exportJobs).where(eq(exportJobs.id, exportId));
  if (!job || job.status === 'done' || job.status === 'expired' || job.status === 'failed') return;
  const def = DEFINITIONS[job.kind as keyof typeof DEFINITIONS];
  const actor = job.actor as unknown as Actor;
  const setJob = (v: Partial<typeof exportJobs.$inferInsert>) =>
    deps.db
      .update(exportJobs)
      .set(v)
      .where(and(eq(exportJobs.id, job.id), inArray(exportJobs.status, ['queued', 'running'])));
  await setJob({ status: 'running', processed: 0 });

  const key = `exports/${job.provinceId}/${job.id}.${def.format}`;
  // the file goes to storage as it is written (storage.putStream: a temporary file renamed into
  // place, or an S3 multipart upload): neither the rows nor the finished file are held in memory
  const out = new PassThrough();
  const stored = deps.storage.putStream(key, out, job.mime);
  stored.catch(() => undefined);
  let processed = 0;
  let lastWrite = Date.now();
  const progress = (n: number) => {
    processed = n;
    if (Date.now() - lastWrite >= PROGRESS_EVERY_MS) {
      lastWrite = Date.now();
      void setJob({ processed: n }).catch(() => undefined);
    }
  };
  try {
    if (def.format === 'xlsx') {
      const total = def.count ? await def.count(deps, actor, job.params) : null;
      if (total !== null) await setJob({ total });
      const writer = new XlsxStreamWriter(out, { sheetName: def.sheet, columns: def.columns(job.params) });
      await writer.start();
      const pacer = createPacer();
      for await (const batch of def.batches(deps, actor, job.params)) {
        await writer.addRows(batch);
        progress(processed + batch.length);
        await pacer.pace();
      }
      await writer.finish();
      out.end();
    } else {
      await def.render(deps, actor, job.params, out, progress);
    }
    const { size } = await stored;
    await setJob({
      status: 'done',
      processed,
      total: job.total ?? processed,
      storageKey: key,
      size,
      finishedAt: new Date(),
    });
  } catch (err) {
    // the storage drops its unfinished object
    out.destroy(err as Error);
    await stored.catch(() => undefined);
    if (attempt.no >= attempt.max || err instanceof AppError) {
      await setJob({
        status: 'failed',
        error: err instanceof AppError ? err.message : '导出失败，请稍后重新申请；如多次失败请联系系统管理员',
        finishedAt: new Date(),
      });
      deps.logger.error({ err, exportId }, 'export failed');
      return;
    }
    throw err;
  }
}
