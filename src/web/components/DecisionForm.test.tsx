// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Decision, DecisionForm } from './DecisionForm';
import { Providers } from './test-utils';

// antd renders slowly in happy-dom on a shared 2-core machine
vi.setConfig({ testTimeout: 120_000 });
afterEach(cleanup);

type Key = 'approve' | 'reject_supplement' | 'reject';

function setup(decisions: Decision<Key>[], extra: { choice?: boolean } = {}) {
  const calls: [Key, string][] = [];
  render(
    <Providers>
      <DecisionForm<Key>
        decisions={decisions}
        opinion={{ label: '审核意见' }}
        onDecide={async (k, t) => {
          calls.push([k, t]);
          return true;
        }}
        {...extra}
      />
    </Providers>,
  );
  return calls;
}

const button = (name: string) => screen.getByRole('button', { name: new RegExp(name.split('').join('\\s*')) });

describe('DecisionForm', () => {
  it('a rejection without an opinion is stopped with 「…」须填写理由', async () => {
    const calls = setup([
      { key: 'reject_supplement', label: '驳回补充材料', danger: true, needsOpinion: true },
      { key: 'approve', label: '提交' },
    ]);
    fireEvent.click(button('驳回补充材料'));
    expect(await screen.findByText('「驳回补充材料」须填写理由')).toBeTruthy();
    expect(calls).toEqual([]);
    fireEvent.change(screen.getByLabelText('审核意见'), { target: { value: ' 请补充获奖文件 ' } });
    fireEvent.click(button('驳回补充材料'));
    await waitFor(() => expect(calls).toEqual([['reject_supplement', '请补充获奖文件']]));
  });

  it('a decision with a prompt asks for the reason in a dialog first', async () => {
    const calls = setup([
      {
        key: 'reject',
        label: '驳回',
        danger: true,
        prompt: { title: '驳回 张三', okText: '确认驳回', label: '驳回理由' },
      },
    ]);
    fireEvent.click(button('驳回'));
    const box = await screen.findByLabelText('驳回理由');
    expect((screen.getByRole('button', { name: /确认驳回/ }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(box, { target: { value: '请核实门诊工作量' } });
    fireEvent.click(screen.getByRole('button', { name: /确认驳回/ }));
    await waitFor(() => expect(calls).toEqual([['reject', '请核实门诊工作量']]));
  });

  it('choice mode: pick 同意/不同意 and 【提交】', async () => {
    const calls = setup(
      [
        { key: 'approve', label: '同意' },
        { key: 'reject', label: '不同意', needsOpinion: true },
      ],
      { choice: true },
    );
    fireEvent.click(screen.getByLabelText('不同意'));
    fireEvent.change(screen.getByLabelText('审核意见'), { target: { value: '材料不全' } });
    fireEvent.click(button('提交'));
    await waitFor(() => expect(calls).toEqual([['reject', '材料不全']]));
  });
});
