/** 绑定手机号: an SMS code is sent, then checked with a guess limit. */
import { createHash, randomInt } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { accounts, physicians, smsCodes } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest, forbidden } from '../../../platform/errors.js';
import { findLastSmsCodeAt, isMobileTakenByOther } from '../account.repo.js';

const codeHash = (code: string) => createHash('sha256').update(code).digest('hex');

/** Send a 6-digit binding code through the SMS gateway (outbox by default). One per minute. */
export async function sendBindingCode(deps: AppDeps, actor: Actor, mobile: string): Promise<void> {
  if (actor.role !== 'physician') throw forbidden();
  const recent = await findLastSmsCodeAt(deps.db, actor);
  if (recent && deps.now().getTime() - recent.getTime() < 60_000) throw badRequest('验证码已发送，请 60 秒后再试');
  if (await isMobileTakenByOther(deps.db, actor, mobile)) throw badRequest('该手机号已被其他医师绑定');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.db.transaction(async (tx) => {
    await tx.insert(smsCodes).values({
      accountId: actor.accountId,
      mobile,
      purpose: 'bind',
      codeHash: codeHash(code),
      expiresAt: new Date(deps.now().getTime() + 5 * 60_000),
    });
    await deps.sms.send(tx, {
      mobile,
      template: 'BIND_MOBILE',
      content: `您的手机绑定验证码为 ${code}，5分钟内有效。`,
      provinceId: actor.provinceId,
    });
  });
}

const MAX_CODE_GUESSES = 5;

/**
 * Check an SMS code. The guess is counted first, in one UPDATE on the newest unused code
 * (`attempts < MAX` re-checked under the row lock), so concurrent guesses evaluate at most
 * MAX_CODE_GUESSES codes; only then is the code compared.
 */
export async function bindMobile(deps: AppDeps, actor: Actor, mobile: string, code: string): Promise<void> {
  if (actor.role !== 'physician') throw forbidden();
  const { rows } = await deps.db.execute<{ id: number; code_hash: string; attempts: number }>(sql`
    UPDATE sms_codes SET attempts = attempts + 1
     WHERE id = (SELECT id FROM sms_codes
                  WHERE account_id = ${actor.accountId} AND mobile = ${mobile} AND used_at IS NULL
                  ORDER BY id DESC LIMIT 1)
       AND attempts < ${MAX_CODE_GUESSES} AND expires_at > ${deps.now()}
    RETURNING id, code_hash, attempts`);
  const row = rows[0];
  if (!row) throw badRequest('短信验证码已失效，请重新获取');
  if (row.code_hash !== codeHash(code)) {
    const left = MAX_CODE_GUESSES - Number(row.attempts);
    throw badRequest(left > 0 ? `短信验证码不正确（还可尝试 ${left} 次）` : '短信验证码不正确，请重新获取');
  }
  await deps.db.transaction(async (tx) => {
    const used = await tx
      .update(smsCodes)
      .set({ usedAt: deps.now() })
      .where(and(eq(smsCodes.id, row.id), isNull(smsCodes.usedAt)))
      .returning({ id: smsCodes.id });
    if (!used.length) throw badRequest('短信验证码已失效，请重新获取');
    await tx.update(accounts).set({ mobile, mobileVerifiedAt: deps.now() }).where(eq(accounts.id, actor.accountId));
    await tx.update(physicians).set({ mobile }).where(eq(physicians.id, actor.physicianId!));
    await writeAudit(tx, actor, {
      targetType: 'account',
      targetId: actor.accountId,
      action: '绑定手机号',
      orgPath: actor.orgPath,
      provinceId: actor.provinceId,
      after: { mobile },
    });
  });
}
