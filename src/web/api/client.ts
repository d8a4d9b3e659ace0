/** Typed fetch wrapper: cookie session, CSRF header on writes, Chinese error messages. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';
export function setCsrfToken(t: string) {
  csrfToken = t;
}
/** The session's CSRF token, for the few requests that send a raw body (监考 frame uploads). */
export function currentCsrfToken(): string {
  return csrfToken;
}

const REQUEST_TIMEOUT_MS = 20_000;
const UPLOAD_TIMEOUT_MS = 120_000;

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  // a request on a dead mobile connection can hang for minutes (TCP timeouts): give up after a while,
  // so callers that retry (the exam's answer journal) are not stuck behind it — the answer stays queued
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), body instanceof FormData ? UPLOAD_TIMEOUT_MS : REQUEST_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin', signal: ctl.signal });
  } finally {
    clearTimeout(timer);
  }
  const ct = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    const err = ct.includes('json') ? await res.json().catch(() => ({})) : {};
    throw new ApiError(res.status, err.code ?? 'ERROR', err.message ?? `请求失败（${res.status}）`, err.details);
  }
  if (ct.includes('json')) return (await res.json()) as T;
  return (await res.blob()) as unknown as T;
}

export const api = {
  get: <T>(url: string, query?: Record<string, unknown>) => {
    const qs = query
      ? '?' +
        new URLSearchParams(
          Object.entries(query)
            .filter(([, v]) => v !== undefined && v !== null && v !== '')
            .map(([k, v]) => [k, String(v)]),
        ).toString()
      : '';
    return request<T>('GET', url + (qs === '?' ? '' : qs));
  },
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body ?? {}),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, body ?? {}),
  delete: <T>(url: string, body?: unknown) => request<T>('DELETE', url, body),
  upload: <T>(url: string, form: FormData) => request<T>('POST', url, form),
};

/** Download a file (export) through the session and save it under the server's name. */
export async function download(url: string, fallbackName: string, method: 'GET' | 'POST' = 'GET', body?: unknown) {
  const headers: Record<string, string> = {};
  if (method !== 'GET') {
    headers['x-csrf-token'] = csrfToken;
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) {
    const err = await res.json().catch(() => ({}));
    throw new ApiError(res.status, err.code ?? 'ERROR', err.message ?? '下载失败');
  }
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
  const name = m ? decodeURIComponent(m[1]) : fallbackName;
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
