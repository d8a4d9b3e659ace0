import { Button, Card } from 'antd';
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
} from '../../components';
import { type EnrolmentFilters, useEnrolmentEvent, useEnrolmentList } from '../../queries/enrolment';
import { enrolmentColumns } from './columns';
import { EnrolmentDetailView } from './EnrolmentDetail';

type Key = 'reject' | 'approve';

/** 医师管理 → 上报考核名单 (卫生机构): 【审核】 → 【通过】 / 【驳回】. */
export function InstitutionReviewPage() {
  const list = useListState<Pick<EnrolmentFilters, 'q'>>({});
  const rows = useEnrolmentList({ ...list.filters, status: 'pending_institution' }, list.cursor as number | undefined);
  const event = useEnrolmentEvent();
  const action = useAction();
  const [open, setOpen] = useState<TListRow | null>(null);
  const decisions: Decision<Key>[] = open
    ? [
        ...(open.actions.includes('INSTITUTION_REJECT')
          ? [
              {
                key: 'reject' as const,
                label: '驳回',
                danger: true,
                prompt: { title: `驳回 ${open.name} 的报名信息（退回医师修改）`, label: '驳回理由' },
              },
            ]
          : []),
        ...(open.actions.includes('INSTITUTION_APPROVE') ? [{ key: 'approve' as const, label: '通过' }] : []),
      ]
    : [];
  const decide = async (key: Key, reason: string) => {
    if (!open) return false;
    const ok =
      key === 'approve'
        ? await action(
            () => event.mutateAsync({ id: open.id, event: 'institution-approve' }),
            `已通过，${open.name}的报名信息已上报考核机构`,
          )
        : await action(
            () => event.mutateAsync({ id: open.id, event: 'institution-reject', body: { reason } }),
            '已驳回',
          );
    if (ok) setOpen(null);
    return ok;
  };
  return (
    <Card title="上报考核名单">
      <FilterBar list={list}>
        <KeywordFilter name="q" />
      </FilterBar>
      <PagedTable<TListRow>
        list={list}
        rowKey="id"
        loading={rows.isLoading}
        dataSource={rows.data?.items ?? []}
        next={rows.data?.nextCursor ?? null}
        emptyText="暂无待审核的报名信息"
        columns={[
          ...enrolmentColumns(false),
          {
            title: '操作',
            key: 'op',
            render: (_, row) =>
              row.actions.includes('INSTITUTION_APPROVE') && (
                <Button type="link" onClick={() => setOpen(row)}>
                  审核
                </Button>
              ),
          },
        ]}
      />
      <ReviewDrawer
        open={!!open}
        title={open ? `审核：${open.name}` : ''}
        onClose={() => setOpen(null)}
        decisions={decisions}
        onDecide={decide}
      >
        {open && <EnrolmentDetailView id={open.id} />}
      </ReviewDrawer>
    </Card>
  );
}
