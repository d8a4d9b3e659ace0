// @vitest-environment happy-dom
import type { UseQueryResult } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ReviewListConfig, ReviewListPage } from './ReviewListPage';
import { Providers } from './test-utils';

// antd renders slowly in happy-dom on a shared 2-core machine
vi.setConfig({ testTimeout: 120_000 });
afterEach(cleanup);

type Row = { id: number; physicianName: string; idNumber: string; institutionName: string; actions: string[] };
type Key = 'approve' | 'reject';
type Filters = { scope: 'pending' | 'all'; keyword?: string };

const ROWS: Row[] = [
  {
    id: 7,
    physicianName: '韦丽华',
    idNumber: '4501**********1234',
    institutionName: '南宁市第一人民医院',
    actions: ['review'],
  },
  {
    id: 8,
    physicianName: '黄志强',
    idNumber: '4501**********5678',
    institutionName: '南宁市第二人民医院',
    actions: [],
  },
];
const query = <T,>(data: T) => ({ data, isLoading: false }) as unknown as UseQueryResult<T>;

function setup(rows: Row[] = ROWS) {
  const seen: Filters[] = [];
  const decided: [number, Key, string][] = [];
  const config: ReviewListConfig<Row, Row, Key, Filters> = {
    title: '延期考核审批',
    noun: '延期考核申请',
    pending: '待审批',
    exportKind: 'deferrals',
    useRows: (f) => {
      seen.push(f);
      return query({ rows: f.scope === 'pending' ? rows.filter((r) => r.actions.length) : rows, total: rows.length });
    },
    useDetail: (id) => query(rows.find((r) => r.id === id)) as UseQueryResult<Row>,
    useDecide: () => async (id, key, opinion) => decided.push([id, key, opinion]),
    decisions: (d) =>
      d?.actions.length
        ? [
            { key: 'approve', label: '同意' },
            { key: 'reject', label: '不同意', needsOpinion: true },
          ]
        : [],
    done: { approve: '已批准延期考核', reject: '已提交：不同意延期考核' },
    columns: [],
    institutionColumn: true,
    scrollX: 800,
    openLabel: '审核',
    drawer: { choice: true, opinion: { label: '卫生行政部门意见' } },
    renderDetail: (d) => <p>详情：{d.physicianName}</p>,
  };
  render(
    <Providers path="/deferral/approve">
      <ReviewListPage config={config} />
    </Providers>,
  );
  return { seen, decided };
}

describe('ReviewListPage', () => {
  it('opens on the pending scope, with the institution column and the row’s own link word', async () => {
    const { seen } = setup();
    expect(seen[0]).toEqual({ scope: 'pending' });
    expect(await screen.findByText('延期考核审批')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: '卫生机构' })).toBeTruthy();
    const row = screen.getByText('韦丽华').closest('tr')!;
    expect(within(row).getByRole('button', { name: '审核' })).toBeTruthy();
    expect(screen.queryByText('黄志强')).toBeNull();
  });

  it('an empty pending list says so in the page’s words', async () => {
    setup([]);
    expect(await screen.findByText('暂无待审批的延期考核申请')).toBeTruthy();
  });

  it('a decision is carried out on the open application and its message is shown', async () => {
    const { decided } = setup();
    fireEvent.click(within(screen.getByText('韦丽华').closest('tr')!).getByRole('button', { name: '审核' }));
    expect(await screen.findByText('详情：韦丽华')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('卫生行政部门意见'), { target: { value: '情况属实' } });
    fireEvent.click(screen.getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(decided).toEqual([[7, 'approve', '情况属实']]));
    expect(await screen.findByText('已批准延期考核')).toBeTruthy();
  });
});
