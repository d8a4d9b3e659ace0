import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { forbidden } from '../../../platform/errors.js';
import type { TChangeRow } from '../../../../shared/schemas/enrolment.js';
import { CHANGE_WIRE_ACTIONS, changeActions } from '../change.machine.js';
import { maskIdNumber } from '../../../../shared/domain/id-number.js';
import { type ChangeRow, findChangePage } from './change.repo.js';
import { toChangeView } from './change.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now'>;

/** 医师信息修改 list (institution): newest first, keyset by id. */
export async function listChanges(
  deps: Deps,
  actor: Actor,
  q: { state?: ChangeRow['state']; cursor?: number; limit: number },
) {
  if (actor.role !== 'institution') throw forbidden();
  const rows = await findChangePage(deps.db, actor, q);
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const items: TChangeRow[] = page.map((r) => ({
    ...toChangeView(r.c),
    enrolmentId: r.c.enrolmentId,
    name: r.name,
    idNumber: maskIdNumber(r.idNumber),
    current: r.registration,
    actions: changeActions(r.c.state, 'institution').map((e) => CHANGE_WIRE_ACTIONS[e]),
  }));
  return { items, nextCursor: more ? page[page.length - 1].c.id : null };
}
