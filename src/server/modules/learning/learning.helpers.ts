import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { wrongQuestions } from '../../db/schema/index.js';
import type { PhysicianRow } from './learning.repo.js';

export type Deps = Pick<AppDeps, 'db' | 'now' | 'storage'>;

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');
}

export async function collectWrong(
  tx: DbOrTx,
  p: PhysicianRow,
  items: { questionId: number; versionId: number; chosen: string[] }[],
  source: 'practice' | 'mock',
  now: Date,
) {
  if (!items.length) return;
  await tx
    .insert(wrongQuestions)
    .values(
      items.map((i) => ({
        physicianId: p.id,
        provinceId: p.provinceId,
        questionId: i.questionId,
        versionId: i.versionId,
        chosen: i.chosen,
        source,
        lastWrongAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [wrongQuestions.physicianId, wrongQuestions.questionId],
      set: {
        versionId: sql`excluded.version_id`,
        chosen: sql`excluded.chosen`,
        source: sql`excluded.source`,
        lastWrongAt: sql`excluded.last_wrong_at`,
        wrongCount: sql`${wrongQuestions.wrongCount} + 1`,
      },
    });
}
