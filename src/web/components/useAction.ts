import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';

/** The Chinese text to show for a failed request: the server's message, never a stack or an English key. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof TypeError) return '网络连接失败，请检查网络后重试';
  return '操作失败，请稍后重试';
}

/** What to say after a successful action: fixed text, or text built from the result. */
export type SuccessText<T> = string | ((result: T) => string | undefined) | undefined;

/**
 * Runs one user action (usually a mutation's `mutateAsync`): shows the success message, or the
 * server's Chinese error once. Resolves `true` when it succeeded, so callers can close a drawer.
 */
export function useAction() {
  const { message } = App.useApp();
  return useCallback(
    async <T>(fn: () => Promise<T>, success?: SuccessText<T>): Promise<boolean> => {
      try {
        const result = await fn();
        const text = typeof success === 'function' ? success(result) : success;
        if (text) message.success(text);
        return true;
      } catch (e) {
        message.error(errorText(e));
        return false;
      }
    },
    [message],
  );
}
