import type { Tx } from '../../db/client.js';
import { helpContacts } from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';

export const order = 15;

/** The demo province's 联系客服 (a made-up number; the province edits it in 系统管理). */
export async function seedDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  await tx
    .insert(helpContacts)
    .values({ provinceId: ctx.provinceId, phone: '0771-2800000', hours: '工作日 8:30–12:00，14:30–17:30' })
    .onConflictDoNothing();
}
