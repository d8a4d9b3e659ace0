import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Card, Form, Select, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import type { ExportKind } from '../../shared/schemas/exports';
import type { Decision } from './DecisionForm';
import { ExportJobButton } from './ExportJobButton';
import { FilterBar, KeywordFilter } from './FilterBar';
import { IdNumber } from './IdNumber';
import { PagedTable } from './PagedTable';
import { ReviewDrawer } from './ReviewDrawer';
import { useAction } from './useAction';
import { useListState } from './useListState';

type Scope = 'pending' | 'all';

/** What a review list is made of; a page states only these (see exemption/deferral ReviewPage). */
export interface ReviewListConfig<R extends { id: number }, D, K extends string, F extends { scope: Scope }> {
  /** the card's title, the manual's menu name (延期考核审批, 一般程序复核免考申请 …) */
  title: string;
  /** what one row is (延期考核申请, 免考申请): the drawer's title and the empty list's words */
  noun: string;
  /** the pending scope's label (待审核 / 待审批 / 待复核) */
  pending: string;
  exportKind: ExportKind;
  /** filters before the scope choice (e.g. 考核程序) */
  filters?: ReactNode;
  useRows: (filters: F, page: number) => UseQueryResult<{ rows: R[]; total: number }>;
  useDetail: (id: number | null) => UseQueryResult<D>;
  /** carries out a decision on application `id` (a mutation hook's mutateAsync) */
  useDecide: () => (id: number, key: K, opinion: string) => Promise<unknown>;
  /** the decisions the server allows on the open application, in button order */
  decisions: (detail: D | undefined) => Decision<K>[];
  /** the success message of each decision */
  done: Record<K, string>;
  /** the columns between 证件号码 and the 操作 column */
  columns: ColumnsType<R>;
  /** show 卫生机构 (the list spans several institutions) */
  institutionColumn: boolean;
  scrollX: number;
  /** the 操作 column's link that opens the drawer: its word when the row may be decided */
  openLabel: string;
  /** further links in the 操作 column (e.g. 打印申请表) */
  rowLinks?: (row: R) => ReactNode;
  actionWidth?: number;
  drawer: {
    opinion: { label: string; placeholder?: string };
    /** 同意 / 不同意 as one choice and 【提交】 */
    choice?: boolean;
  };
  renderDetail: (detail: D) => ReactNode;
}

/**
 * A review list: filters (… 待审核/全部, 姓名或证件号码, 导出), the paged table and the review
 * drawer with the decision form. Exemption and deferral reviews are configurations of it.
 */
export function ReviewListPage<
  R extends { id: number; actions?: readonly unknown[] },
  D,
  K extends string,
  F extends { scope: Scope },
>({ config: c }: { config: ReviewListConfig<R, D, K, F> }) {
  const list = useListState<F>({ scope: 'pending' } as F);
  const rows = c.useRows(list.filters, list.page);
  const [open, setOpen] = useState<number | null>(null);
  const detail = c.useDetail(open);
  const decideOn = c.useDecide();
  const action = useAction();
  const decide = async (key: K, opinion: string) => {
    if (open === null) return false;
    const ok = await action(() => decideOn(open, key, opinion), c.done[key]);
    if (ok) setOpen(null);
    return ok;
  };
  const columns: ColumnsType<R> = [
    { title: '姓名', dataIndex: 'physicianName', width: 90 },
    { title: '证件号码', dataIndex: 'idNumber', width: 170, render: (v: string) => <IdNumber value={v} /> },
    // an institution only ever sees its own physicians
    ...(c.institutionColumn ? [{ title: '卫生机构', dataIndex: 'institutionName', width: 160, ellipsis: true }] : []),
    ...c.columns,
    {
      title: '操作',
      width: c.actionWidth ?? 90,
      fixed: 'right',
      render: (_, r) => {
        const link = (
          <Button type="link" onClick={() => setOpen(r.id)}>
            {r.actions?.length ? c.openLabel : '查看'}
          </Button>
        );
        return c.rowLinks ? (
          <Space>
            {link}
            {c.rowLinks(r)}
          </Space>
        ) : (
          link
        );
      },
    },
  ];
  return (
    <Card title={c.title}>
      <FilterBar list={list} extra={<ExportJobButton kind={c.exportKind} params={list.filters} />}>
        {c.filters}
        <Form.Item name="scope">
          <Select
            style={{ width: 140 }}
            options={[
              { value: 'pending', label: c.pending },
              { value: 'all', label: '全部' },
            ]}
          />
        </Form.Item>
        <KeywordFilter />
      </FilterBar>
      <PagedTable<R>
        list={list}
        rowKey="id"
        loading={rows.isLoading}
        dataSource={rows.data?.rows ?? []}
        total={rows.data?.total ?? 0}
        emptyText={list.filters.scope === 'pending' ? `暂无${c.pending}的${c.noun}` : `暂无${c.noun}`}
        scroll={{ x: c.scrollX }}
        columns={columns}
      />
      <ReviewDrawer
        open={open !== null}
        title={c.noun}
        width={760}
        onClose={() => setOpen(null)}
        loading={detail.isLoading}
        decisions={c.decisions(detail.data)}
        choice={c.drawer.choice}
        opinion={c.drawer.opinion}
        onDecide={decide}
      >
        {detail.data !== undefined && c.renderDetail(detail.data)}
      </ReviewDrawer>
    </Card>
  );
}
