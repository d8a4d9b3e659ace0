/**
 * Short-lived authorised URLs for frames, reference photos and appeal material: an HMAC over
 * (file, expiry, account) — the URL works only for the account it was issued to, while its
 * session is valid, for URL_TTL_MS. With several API nodes set APP_SECRET so they share the key.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';

export const URL_TTL_MS = 5 * 60_000;
let processKey: Buffer | null = null;

function key(config: Pick<Config, 'APP_SECRET'>): Buffer {
  if (config.APP_SECRET) return Buffer.from(`proctor-url:${config.APP_SECRET}`);
  processKey ??= randomBytes(32);
  return processKey;
}

function sign(config: Pick<Config, 'APP_SECRET'>, fileId: string, exp: number, accountId: number): string {
  return createHmac('sha256', key(config)).update(`${fileId}.${exp}.${accountId}`).digest('base64url');
}

export function fileUrl(config: Pick<Config, 'APP_SECRET'>, fileId: string, accountId: number, now: Date): string {
  const exp = now.getTime() + URL_TTL_MS;
  return `/api/proctoring/files/${fileId}?exp=${exp}&sig=${sign(config, fileId, exp, accountId)}`;
}

export function verifyFileUrl(
  config: Pick<Config, 'APP_SECRET'>,
  fileId: string,
  exp: number,
  sig: string,
  accountId: number,
  now: Date,
): boolean {
  if (!Number.isFinite(exp) || exp < now.getTime()) return false;
  const want = Buffer.from(sign(config, fileId, exp, accountId));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}
