import { type APIRequest, type APIRequestContext, expect } from '@playwright/test';
import { DEMO_PASSWORD } from '../support';

/** `playwright` of a test (or playwright-core): only its API request factory is used. */
export type Pw = { request: Pick<APIRequest, 'newContext'> };

/** The session's CSRF token (empty when not logged in). */
export async function csrf(api: APIRequestContext) {
  const me = await api.get('/api/auth/me');
  return me.ok() ? ((await me.json()).csrfToken as string) : '';
}

/** A JSON call through an API session; fails the test unless the answer is 2xx. */
export async function call(api: APIRequestContext, method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown) {
  const res = await api.fetch(url, { method, headers: { 'x-csrf-token': await csrf(api) }, data: data as never });
  expect(res.ok(), `${method} ${url}: ${await res.text()}`).toBeTruthy();
  return res.json();
}

/**
 * An API session of a demo organisation account (机构登录 with Demo@2026; captcha is off in the
 * e2e environment), optionally switched to its 考核机构 role (角色切换) — the same calls the
 * login page and the role menu make.
 */
export async function orgApi(pw: Pw, baseURL: string, login: string, role?: 'body'): Promise<APIRequestContext> {
  const api = await pw.request.newContext({ baseURL });
  await call(api, 'POST', '/api/auth/login', { login, password: DEMO_PASSWORD });
  if (role) await call(api, 'POST', '/api/auth/switch-role', { role });
  return api;
}

/** A request that must be refused: returns the status and the Chinese message. */
export async function refused(api: APIRequestContext, method: 'POST' | 'PUT', url: string, data?: unknown) {
  const me = await (await api.get('/api/auth/me')).json();
  const res = await api.fetch(url, { method, headers: { 'x-csrf-token': me.csrfToken }, data: data as never });
  expect(res.ok(), `${method} ${url} should be refused`).toBeFalsy();
  return { status: res.status(), message: ((await res.json()) as { message: string }).message };
}
