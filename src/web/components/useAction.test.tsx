// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Button } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { Providers } from './test-utils';
import { errorText, useAction } from './useAction';

// antd renders slowly in happy-dom on a shared 2-core machine
vi.setConfig({ testTimeout: 120_000 });
afterEach(cleanup);

function Run({ fn, ok }: { fn: () => Promise<unknown>; ok?: string }) {
  const action = useAction();
  return <Button onClick={() => action(fn, ok)}>执行</Button>;
}

const press = (fn: () => Promise<unknown>, ok?: string) => {
  render(
    <Providers>
      <Run fn={fn} ok={ok} />
    </Providers>,
  );
  fireEvent.click(screen.getByRole('button', { name: /执\s*行/ }));
};

describe('useAction', () => {
  it('shows the Chinese success message', async () => {
    press(async () => ({ done: 1 }), '已通过 张三');
    expect(await screen.findByText('已通过 张三')).toBeTruthy();
  });

  it("shows the server's Chinese message when the request is refused", async () => {
    press(async () => {
      throw new ApiError(409, 'CONFLICT', '该记录已被他人处理，请刷新后重试');
    }, '不应出现');
    expect(await screen.findByText('该记录已被他人处理，请刷新后重试')).toBeTruthy();
    expect(screen.queryByText('不应出现')).toBeNull();
  });

  it('never shows an English or internal message', () => {
    expect(errorText(new Error('Cannot read properties of undefined'))).toBe('操作失败，请稍后重试');
    expect(errorText(new TypeError('Failed to fetch'))).toBe('网络连接失败，请检查网络后重试');
  });
});
