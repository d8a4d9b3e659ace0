import { findCurrentCycle } from '../../cycle/cycle.repo.js';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { mockAttempts } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { conflict } from '../../../platform/errors.js';
import { DEFAULT_PAPER_RULES } from '../../../../shared/schemas/cycle.js';
import type { TMockSummary } from '../../../../shared/schemas/learning.js';
import { findOpenMocks, type MockRow, type PhysicianRow } from '../learning.repo.js';
import { effectiveBlueprint } from '../../exam/exam.service.js';
import { loadBank } from '../../exam/exam.repo.js';
import {
  bankKeysOf,
  isTimedOut,
  scorePaper,
  type FrozenPaper,
  type PaperBlueprint,
  type PaperType,
} from '../../exam/paper.js';
import { collectWrong } from '../learning.helpers.js';

export const PAPER_LABELS: Record<PaperType, string> = {
  humanities: '人文医学模拟自测',
  professional: '业务水平模拟自测',
};

interface MockRules {
  blueprint: PaperBlueprint & { durationMinutes: number };
  passScore: number;
}

/** The real paper's rules: the current cycle's 试卷设置 / paper rules / defaults, and its pass line. */
export async function mockRules(db: DbOrTx, p: PhysicianRow, paper: PaperType): Promise<MockRules> {
  const cycle = await findCurrentCycle(db, p.provinceId);
  if (cycle) {
    const bp = await effectiveBlueprint(db, cycle, paper);
    const passScore =
      paper === 'humanities'
        ? cycle.passHumanities
        : p.level === '执业助理医师'
          ? cycle.passProfessionalAssistant
          : cycle.passProfessionalPhysician;
    return {
      blueprint: { questionCount: bp.questionCount, rules: bp.rules, durationMinutes: bp.durationMinutes },
      passScore,
    };
  }
  const d = DEFAULT_PAPER_RULES[paper];
  return {
    blueprint: { questionCount: d.questionCount, rules: [], durationMinutes: d.durationMinutes },
    passScore: paper === 'humanities' ? 60 : p.level === '执业助理医师' ? 55 : 60,
  };
}

export async function bankFor(db: DbOrTx, p: PhysicianRow, paper: PaperType) {
  return loadBank(db, p.provinceId, paper, paper === 'professional' ? p.practiceCategory : null);
}

export function summary(r: MockRow): TMockSummary {
  return {
    id: r.id,
    paper: r.paper,
    label: PAPER_LABELS[r.paper],
    status: r.status,
    score: r.score,
    passScore: r.passScore,
    passed: r.score == null ? null : r.score >= r.passScore,
    questionCount: r.questionCount,
    correctCount: r.correctCount,
    startedAt: r.startedAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    submitKind: r.submitKind,
  };
}

export function sheetOf(r: MockRow): Record<number, string[]> {
  return Object.fromEntries(Object.entries(r.answers).map(([k, v]) => [Number(k), v]));
}

/** Score, close and collect wrong answers. The caller holds the row lock. */
export async function finalizeMock(
  tx: DbOrTx,
  actor: Actor,
  p: PhysicianRow,
  r: MockRow,
  now: Date,
  kind: 'manual' | 'timeout',
  requestId?: string,
): Promise<MockRow> {
  const paper: FrozenPaper = { items: r.items };
  const result = scorePaper(paper, sheetOf(r));
  const at = kind === 'timeout' ? r.deadlineAt : now;
  const [row] = await tx
    .update(mockAttempts)
    .set({ status: 'submitted', score: result.score, correctCount: result.correct, submittedAt: at, submitKind: kind })
    .where(and(eq(mockAttempts.id, r.id), eq(mockAttempts.status, 'in_progress')))
    .returning();
  if (!row) throw conflict('本次模拟自测已交卷');
  const wrong = result.items
    .filter((i) => i.answered && !i.correct)
    .map((i) => {
      const item = r.items[i.index];
      return { questionId: item.q, versionId: item.v, chosen: bankKeysOf(item, r.answers[String(i.index)] ?? []) };
    });
  await collectWrong(tx, p, wrong, 'mock', now);
  await writeAudit(
    tx,
    actor,
    {
      targetType: 'mock_attempt',
      targetId: r.id,
      action: kind === 'timeout' ? '模拟自测超时自动交卷' : '模拟自测交卷',
      orgPath: p.orgPath,
      provinceId: p.provinceId,
      before: { status: 'in_progress' },
      after: { status: 'submitted', score: result.score, correct: result.correct, total: result.total },
    },
    requestId,
  );
  return row;
}

export async function closeTimedOut(tx: DbOrTx, actor: Actor, p: PhysicianRow, now: Date): Promise<void> {
  const open = await findOpenMocks(tx, p, true);
  for (const r of open) if (isTimedOut(r.deadlineAt, now)) await finalizeMock(tx, actor, p, r, now, 'timeout');
}
