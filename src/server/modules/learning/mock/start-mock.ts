import { randomBytes } from 'node:crypto';
import { mockAttempts } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { findOwnPhysician, findRunningMockId } from '../learning.repo.js';
import { drawPaper, PaperDrawError, type FrozenPaper, type PaperType } from '../../exam/paper.js';
import type { Deps } from '../learning.helpers.js';
import { PAPER_LABELS, mockRules, bankFor, closeTimedOut } from './mock-paper.js';

/** Start a mock paper (or resume the one still running for this paper). */
export async function startMock(
  deps: Deps,
  actor: Actor,
  paper: PaperType,
  requestId?: string,
): Promise<{ id: number; resumed: boolean }> {
  return deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor, true);
    const now = deps.now();
    await closeTimedOut(tx, actor, p, now);
    const running = await findRunningMockId(tx, p, paper);
    if (running) return { id: running, resumed: true };
    const rules = await mockRules(tx, p, paper);
    let drawn: FrozenPaper;
    try {
      drawn = drawPaper(await bankFor(tx, p, paper), rules.blueprint, randomBytes(16).toString('hex'));
    } catch (err) {
      if (err instanceof PaperDrawError) throw new AppError('BANK_INSUFFICIENT', `暂不能组卷：${err.message}`, 409);
      throw err;
    }
    const [row] = await tx
      .insert(mockAttempts)
      .values({
        physicianId: p.id,
        provinceId: p.provinceId,
        paper,
        practiceCategory: paper === 'professional' ? p.practiceCategory : null,
        durationMinutes: rules.blueprint.durationMinutes,
        questionCount: drawn.items.length,
        passScore: rules.passScore,
        items: drawn.items,
        startedAt: now,
        deadlineAt: new Date(now.getTime() + rules.blueprint.durationMinutes * 60_000),
      })
      .returning({ id: mockAttempts.id });
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'mock_attempt',
        targetId: row.id,
        action: `开始${PAPER_LABELS[paper]}`,
        orgPath: p.orgPath,
        provinceId: p.provinceId,
        after: { questions: drawn.items.length },
      },
      requestId,
    );
    return { id: row.id, resumed: false };
  });
}
