/** 简易程序 证明材料: upload / delete while step 5 is editable. */
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { enrolments } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { addAttachment, removeAttachment } from '../attachments.js';
import { loadEditable, readApplication } from './choice.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

export async function uploadProof(deps: Deps, actor: Actor, id: number, buf: Buffer, name: string) {
  return deps.db.transaction(async (tx) => {
    const e = await loadEditable(tx, actor, id);
    return addAttachment(tx, deps, actor, e, 'proof', buf, name);
  });
}

export async function deleteProof(deps: Deps, actor: Actor, id: number, fileId: string) {
  await deps.db.transaction(async (tx) => {
    const e = await loadEditable(tx, actor, id);
    await removeAttachment(tx, deps, actor, e, 'proof', fileId);
    const app = readApplication(e);
    if (app.proofFileIds.includes(fileId)) {
      await tx
        .update(enrolments)
        .set({ procedureApplication: { ...app, proofFileIds: app.proofFileIds.filter((f) => f !== fileId) } })
        .where(eq(enrolments.id, e.id));
    }
  });
}
