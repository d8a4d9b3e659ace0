// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Button } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Link, Route, Routes } from 'react-router';
import { FilterBar, KeywordFilter } from './FilterBar';
import { PagedTable } from './PagedTable';
import { useListState } from './useListState';
import { Providers } from './test-utils';

// antd renders slowly in happy-dom on a shared 2-core machine
vi.setConfig({ testTimeout: 120_000 });
afterEach(cleanup);

const ROWS = [
  { id: 1, name: '张三' },
  { id: 2, name: '李四' },
];

/** A list page as the product builds one; the same component on two routes (as 考核进度 is). */
function ListPage() {
  const list = useListState<{ keyword?: string }>({});
  const rows = ROWS.filter((r) => !list.filters.keyword || r.name.includes(list.filters.keyword));
  return (
    <>
      <FilterBar list={list}>
        <KeywordFilter />
      </FilterBar>
      <PagedTable list={list} rowKey="id" dataSource={rows} columns={[{ title: '姓名', dataIndex: 'name' }]} />
      <Link to="/b">下一个页面</Link>
    </>
  );
}

/** Keyset pages: a next cursor until page 2. */
function Keyset() {
  const list = useListState({});
  return (
    <>
      <PagedTable list={list} rowKey="id" dataSource={ROWS} next={list.page < 2 ? 99 : null} columns={[]} />
      <Button>{`cursor:${String(list.cursor)}`}</Button>
    </>
  );
}

function renderPages() {
  return render(
    <Providers path="/a">
      <Routes>
        <Route path="/a" element={<ListPage />} />
        <Route path="/b" element={<ListPage />} />
      </Routes>
    </Providers>,
  );
}

const search = (word: string) => {
  fireEvent.change(screen.getByPlaceholderText('姓名或证件号码'), { target: { value: word } });
  fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
};

describe('FilterBar + PagedTable', () => {
  it('says when a filter is active, and 【重置】 brings the whole list back', async () => {
    renderPages();
    expect(screen.queryByText('已筛选')).toBeNull();
    search('王五');
    await screen.findByText('已筛选');
    expect(screen.getByText('没有符合筛选条件的记录')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: /重\s*置/ })[0]);
    await screen.findByText('张三');
    expect(screen.queryByText('已筛选')).toBeNull();
    expect((screen.getByPlaceholderText('姓名或证件号码') as HTMLInputElement).value).toBe('');
  });

  it('the empty filtered list offers 【重置】 itself', async () => {
    renderPages();
    search('王五');
    await screen.findByText('没有符合筛选条件的记录');
    const buttons = screen.getAllByRole('button', { name: /重\s*置/ });
    expect(buttons).toHaveLength(2);
    fireEvent.click(buttons[1]);
    await screen.findByText('李四');
  });

  it('a filter stays on its page: the next page opens unfiltered', async () => {
    renderPages();
    search('张');
    await screen.findByText('已筛选');
    expect(screen.queryByText('李四')).toBeNull();
    act(() => {
      fireEvent.click(screen.getByText('下一个页面'));
    });
    await waitFor(() => expect(screen.queryByText('已筛选')).toBeNull());
    expect(screen.getByText('李四')).toBeTruthy();
    expect((screen.getByPlaceholderText('姓名或证件号码') as HTMLInputElement).value).toBe('');
  });

  it('keyset pages: 下一页 moves on, 上一页 is disabled on the first page', async () => {
    render(
      <Providers>
        <Keyset />
      </Providers>,
    );
    expect(screen.getByText('第 1 页')).toBeTruthy();
    expect((screen.getByRole('button', { name: /上一页/ }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: /下一页/ }));
    await screen.findByText('第 2 页');
    expect(screen.getByText('cursor:99')).toBeTruthy();
    expect((screen.getByRole('button', { name: /下一页/ }) as HTMLButtonElement).disabled).toBe(true);
  });
});
