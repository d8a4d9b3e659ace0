import { Button, Space, Table, type TableProps, Typography } from 'antd';
import type { ListState } from './useListState';

type Cursor = string | number | null | undefined;

/**
 * A list table paged by its `list` state: keyset (上一页 · 第 N 页 · 下一页) when `next` is given,
 * numbered pages when only `total` is. An empty filtered list says so and offers 【重置】.
 */
export function PagedTable<R extends object>({
  list,
  total,
  next,
  pageSize = 20,
  emptyText = '暂无数据',
  ...table
}: Omit<TableProps<R>, 'pagination'> & {
  list: Omit<ListState, 'filters' | 'apply'>;
  /** number of rows over all pages, when the server counts them */
  total?: number;
  /** keyset cursor of the next page; null on the last page. Omit for numbered pages. */
  next?: Cursor;
  pageSize?: number;
  emptyText?: string;
}) {
  const keyset = next !== undefined;
  const empty = list.active ? (
    <Space direction="vertical">
      <span>没有符合筛选条件的记录</span>
      <Button size="small" onClick={list.reset}>
        重置
      </Button>
    </Space>
  ) : (
    emptyText
  );
  return (
    <>
      <Table<R>
        size="middle"
        scroll={{ x: true }}
        {...table}
        locale={{ emptyText: empty }}
        pagination={
          keyset || total === undefined
            ? false
            : { current: list.page, pageSize, total, onChange: list.goTo, showTotal: (t) => `共 ${t} 条` }
        }
      />
      {keyset && (
        <Space style={{ marginTop: 12 }}>
          <Button size="small" disabled={list.page <= 1} onClick={list.prev}>
            上一页
          </Button>
          <Typography.Text>第 {list.page} 页</Typography.Text>
          <Button size="small" disabled={next === null} onClick={() => list.next(next ?? undefined)}>
            下一页
          </Button>
          {total !== undefined && <Typography.Text type="secondary">共 {total} 条</Typography.Text>}
        </Space>
      )}
    </>
  );
}
