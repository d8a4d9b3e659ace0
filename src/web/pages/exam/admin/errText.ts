import { ApiError } from '../../../api/client';

/** The Chinese message of a failed load (the server's own message when it sent one). */
export const errText = (e: unknown) => (e instanceof ApiError ? e.message : '加载失败，请稍后重试');
