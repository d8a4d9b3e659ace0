import { App, Button, Card, Space } from 'antd';
import { useState } from 'react';
import type { TListRow } from '../../../shared/schemas/enrolment';
import {
  type Decision,
  FilterBar,
  KeywordFilter,
  PagedTable,
  ReviewDrawer,
  useAction,
  useListState,
  useReasonPrompt,
} from '../../components';
import {
  type EnrolmentFilters,
  useBodyApproveBatch,
  useEnrolmentEvent,
  useEnrolmentList,
} from '../../queries/enrolment';
import { enrolmentColumns } from './columns';
import { EnrolmentDetailView } from './EnrolmentDetail';

type Key = 'approve' | 'reject';
const rejectPrompt = (row: TListRow) => ({ title: `驳回 ${row.name}（退回卫生机构处理）`, label: '驳回理由' });

/** 确认考核医师名单 (考核机构): 【通过】【批量通过】【查看】【驳回】. */
export function BodyConfirmPage() {
  const { modal } = App.useApp();
  const list = useListState<Pick<EnrolmentFilters, 'q'>>({});
  const rows = useEnrolmentList({ ...list.filters, status: 'pending_body' }, list.cursor as number | undefined, 50);
  const event = useEnrolmentEvent();
  const batch = useBodyApproveBatch();
  const action = useAction();
  const reason = useReasonPrompt();
  const [selected, setSelected] = useState<number[]>([]);
  const [view, setView] = useState<TListRow | null>(null);

  const decide = async (row: TListRow, key: Key, text?: string) => {
    const why = key === 'reject' ? (text ?? (await reason.ask(rejectPrompt(row)))) : '';
    if (key === 'reject' && !why) return false;
    const ok =
      key === 'approve'
        ? await action(() => event.mutateAsync({ id: row.id, event: 'body-approve' }), `已通过 ${row.name}`)
        : await action(
            () => event.mutateAsync({ id: row.id, event: 'body-reject', body: { reason: why } }),
            '已驳回至卫生机构',
          );
    if (ok) {
      setView(null);
      setSelected((s) => s.filter((id) => id !== row.id));
    }
    return ok;
  };
  const approveSelected = () =>
    modal.confirm({
      title: `确认批量通过所选 ${selected.length} 名医师？`,
      okText: '确定',
      cancelText: '取消',
      onOk: async () => {
        if (await action(() => batch.mutateAsync(selected), `已批量通过 ${selected.length} 名医师`)) setSelected([]);
      },
    });
  const decisions = (row: TListRow): Decision<Key>[] => [
    ...(row.actions.includes('BODY_REJECT')
      ? [{ key: 'reject' as const, label: '驳回', danger: true, prompt: rejectPrompt(row) }]
      : []),
    ...(row.actions.includes('BODY_APPROVE') ? [{ key: 'approve' as const, label: '通过' }] : []),
  ];
  return (
    <Card title="确认考核医师名单">
      <FilterBar list={list}>
        <KeywordFilter name="q" />
      </FilterBar>
      <PagedTable<TListRow>
        list={list}
        rowKey="id"
        loading={rows.isLoading}
        dataSource={rows.data?.items ?? []}
        next={rows.data?.nextCursor ?? null}
        emptyText="暂无待确认的考核医师"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (k) => setSelected(k as number[]),
          getCheckboxProps: (r: TListRow) => ({ disabled: !r.actions.includes('BODY_APPROVE') }),
        }}
        columns={[
          ...enrolmentColumns(),
          {
            title: '操作',
            key: 'op',
            render: (_, row) => (
              <Space size={0}>
                {row.actions.includes('BODY_APPROVE') && (
                  <Button type="link" onClick={() => decide(row, 'approve')}>
                    通过
                  </Button>
                )}
                <Button type="link" onClick={() => setView(row)}>
                  查看
                </Button>
                {row.actions.includes('BODY_REJECT') && (
                  <Button type="link" danger onClick={() => decide(row, 'reject')}>
                    驳回
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Button type="primary" disabled={!selected.length} onClick={approveSelected} style={{ marginTop: 12 }}>
        批量通过
      </Button>
      <ReviewDrawer
        open={!!view}
        title={view ? `查看：${view.name}` : ''}
        onClose={() => setView(null)}
        decisions={view ? decisions(view) : []}
        onDecide={(key, text) => (view ? decide(view, key, text) : Promise.resolve(false))}
      >
        {view && <EnrolmentDetailView id={view.id} />}
      </ReviewDrawer>
      {reason.node}
    </Card>
  );
}
