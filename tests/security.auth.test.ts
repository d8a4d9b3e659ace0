/**
 * Issue 10 items 1 and 5, walked over the live OpenAPI document so routes added later are
 * covered too: every non-public route answers an anonymous call with 401 before validation, and
 * no text input (query, path, JSON body) reaches the handler with NUL/control characters or
 * makes the server answer 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicRoute, PUBLIC_ROUTES } from '../src/server/platform/http.js';
import {
  buildPhysician,
  buildProvince,
  createTestApp,
  sessionFor,
  type TestContext,
  type TestSession,
} from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

interface Op {
  method: string;
  path: string;
  route: string;
  params: { name: string; in: string; schema?: { type?: string } }[];
  body?: { type?: string; properties?: Record<string, { type?: string }> };
  multipart: boolean;
}

async function operations(): Promise<Op[]> {
  const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  const out: Op[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = (op.requestBody as { content?: Record<string, { schema?: Op['body'] }> } | undefined)?.content;
      out.push({
        method: method.toUpperCase(),
        path,
        route: path.replace(/\{([^}]+)\}/g, ':$1'),
        params: (op.parameters as Op['params']) ?? [],
        body: content?.['application/json']?.schema,
        multipart: Boolean(content?.['multipart/form-data']),
      });
    }
  }
  return out;
}

const fill = (op: Op, pathValue: (name: string, type?: string) => string) =>
  op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const p = op.params.find((x) => x.in === 'path' && x.name === name);
    return encodeURIComponent(pathValue(name, p?.schema?.type));
  });

describe('authenticate before validating (issue 10 item 1)', () => {
  it('every route in the OpenAPI document is public or answers an anonymous caller 401 with no schema detail', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(50);
    const checked: string[] = [];
    for (const op of ops) {
      if (isPublicRoute(op.method, op.route)) continue;
      const res = await ctx.app.inject({
        method: op.method as never,
        url: `${fill(op, () => 'not-a-number')}?page=abc&pageSize=-1&x=%00`,
        ...(op.method === 'GET' || op.method === 'DELETE'
          ? {}
          : { payload: { bogus: '\u0000', nested: { deep: [1, 'x'] } } }),
      });
      const body = res.json();
      expect({ route: `${op.method} ${op.route}`, status: res.statusCode, code: body.code }).toEqual({
        route: `${op.method} ${op.route}`,
        status: 401,
        code: 'UNAUTHORIZED',
      });
      expect(body.details).toBeUndefined();
      expect(JSON.stringify(body)).not.toMatch(/Expected|invalid_type|required|instancePath/);
      checked.push(`${op.method} ${op.route}`);
    }
    expect(checked.length).toBeGreaterThan(50);
  });

  it('the public list names only routes that exist', async () => {
    const ops = await operations();
    const known = new Set(ops.map((o) => `${o.method} ${o.route}`));
    known.add('GET /api/openapi.json'); // hidden from its own document
    for (const r of PUBLIC_ROUTES) expect(known.has(r), r).toBe(true);
  });

  it('a public route still validates for anonymous callers (the gate is not a blanket 401)', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: '' } });
    expect(res.statusCode).toBe(400);
  });
});

const CONTROL = ['a\u0000b', 'esc\u001b[31m'];
const HOSTILE = [
  "%_'; DROP TABLE accounts;--\\",
  '\u202e反转😀\uffff',
  'ａ'.repeat(3000),
  '99999999999999999999',
  '-1',
  '2026-13-45',
];

describe('hostile text in every search and text field (issue 10 item 5)', () => {
  let sessions: { role: string; s: TestSession }[];
  beforeAll(async () => {
    const p = await buildProvince(ctx.db);
    const doc = await buildPhysician(ctx.db, p.hospitalA);
    sessions = [
      { role: 'admin', s: await sessionFor(ctx, p.province.accountId, 'admin') },
      { role: 'district', s: await sessionFor(ctx, p.districtA.accountId, 'admin') },
      { role: 'institution', s: await sessionFor(ctx, p.hospitalA.accountId, 'institution') },
      { role: 'body', s: await sessionFor(ctx, p.body.accountId, 'body') },
      { role: 'industry', s: await sessionFor(ctx, p.industry.accountId, 'industry') },
      { role: 'physician', s: await sessionFor(ctx, doc.accountId, 'physician') },
    ];
  });

  function request(op: Op, value: string) {
    const query = op.params
      .filter((p) => p.in === 'query' && (p.schema?.type === 'string' || !p.schema?.type))
      .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(value)}`)
      .join('&');
    const url = fill(op, (_n, type) => (type === 'string' ? value : '1')) + (query ? `?${query}` : '');
    const stringProps = Object.entries(op.body?.properties ?? {}).filter(([, v]) => v.type === 'string');
    const payload =
      op.method === 'GET' || op.method === 'DELETE' || op.multipart
        ? undefined
        : Object.fromEntries(stringProps.map(([k]) => [k, value]));
    return { method: op.method as never, url, ...(payload ? { payload } : {}) };
  }

  it('NUL and control characters get a clear 400 everywhere, for every role', async () => {
    const ops = (await operations()).filter(
      (op) => !isPublicRoute(op.method, op.route) || op.params.length || Object.keys(op.body?.properties ?? {}).length,
    );
    let fed = 0;
    for (const op of ops) {
      const hasText =
        op.params.some((p) => p.in !== 'header' && (p.schema?.type === 'string' || !p.schema?.type)) ||
        Object.values(op.body?.properties ?? {}).some((v) => v.type === 'string');
      if (!hasText) continue;
      for (const { role, s } of sessions) {
        for (const v of CONTROL) {
          const res = await s.inject(request(op, v));
          fed++;
          // a role gate or onboarding gate may answer first; otherwise the control characters are refused
          expect({ op: `${op.method} ${op.route}`, role, v, status: res.statusCode }).toMatchObject({
            status: expect.toBeOneOf([400, 403, 429]),
          });
          if (res.statusCode === 400) expect(res.json().message).toContain('控制字符');
        }
      }
    }
    expect(fed).toBeGreaterThan(100);
  });

  it('other hostile strings never produce a 500, for every role', async () => {
    const ops = await operations();
    const failures: string[] = [];
    let fed = 0;
    for (const op of ops) {
      const hasText =
        op.params.some((p) => p.in !== 'header' && (p.schema?.type === 'string' || !p.schema?.type)) ||
        Object.values(op.body?.properties ?? {}).some((v) => v.type === 'string');
      if (!hasText) continue;
      // roles in parallel (each its own province data), strings one after another
      await Promise.all(
        sessions.map(async ({ role, s }) => {
          for (const v of HOSTILE) {
            const res = await s.inject(request(op, v));
            fed++;
            if (res.statusCode >= 500)
              failures.push(
                `${op.method} ${op.route} as ${role} with ${JSON.stringify(v.slice(0, 20))}: ${res.statusCode}`,
              );
          }
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(fed).toBeGreaterThan(100);
  }, 240_000);
});
