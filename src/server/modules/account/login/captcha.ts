/** 验证码: issued per login form, single-use. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import svgCaptcha from 'svg-captcha';
import type { AppDeps } from '../../../app.js';
import { captchas } from '../../../db/schema/index.js';
import { AppError } from '../../../platform/errors.js';

export async function createCaptcha(deps: AppDeps): Promise<{ id: string; svg: string; disabled: boolean }> {
  const c = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1ilI', color: true, background: '#f3f6fb' });
  const [row] = await deps.db
    .insert(captchas)
    .values({ answer: c.text.toLowerCase(), expiresAt: new Date(deps.now().getTime() + 5 * 60_000) })
    .returning({ id: captchas.id });
  return { id: row.id, svg: c.data, disabled: deps.config.captchaDisabled };
}

/** A captcha is single-use: it is consumed by the attempt whether right or wrong. */
export async function checkCaptcha(deps: AppDeps, id: string | undefined, answer: string | undefined): Promise<void> {
  if (deps.config.captchaDisabled) return;
  if (!id || !answer || !/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('CAPTCHA', '请输入验证码', 400);
  const [row] = await deps.db
    .update(captchas)
    .set({ usedAt: deps.now() })
    .where(and(eq(captchas.id, id), isNull(captchas.usedAt), gt(captchas.expiresAt, deps.now())))
    .returning({ answer: captchas.answer });
  if (!row || row.answer !== answer.trim().toLowerCase())
    throw new AppError('CAPTCHA', '验证码错误或已过期，请重新输入', 400);
}
