import { Button, Card } from 'antd';
import type { Procedure } from '../../../shared/domain/procedure';
import type { TEvaluationRow } from '../../../shared/schemas/procedure';
import { FilterBar, IdNumber, KeywordFilter, PagedTable, StatusTag, useListState } from '../../components';
import { type EvaluationFilters, useEvaluations } from '../../queries/procedure';

const fmt = (iso: string) => iso.slice(0, 10).replaceAll('-', '/');

/** The list of procedure applications a reviewer handles; `actionLabel` opens one (【审核】/【复核】). */
export function EvaluationList({
  procedure,
  title,
  actionLabel,
  onOpen,
}: {
  procedure: Procedure;
  title: string;
  actionLabel: string;
  onOpen: (r: TEvaluationRow) => void;
}) {
  const list = useListState<EvaluationFilters>({});
  const q = useEvaluations(procedure, list.filters, list.page);
  return (
    <Card title={title}>
      <FilterBar list={list}>
        <KeywordFilter />
      </FilterBar>
      <PagedTable<TEvaluationRow>
        list={list}
        rowKey="enrolmentId"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        total={q.data?.total ?? 0}
        emptyText="暂无待处理的考核程序申请"
        scroll={{ x: 1180 }}
        columns={[
          { title: '姓名', dataIndex: 'physicianName', width: 90 },
          { title: '证件号码', dataIndex: 'idNumber', width: 190, render: (v: string) => <IdNumber value={v} /> },
          { title: '卫生机构', dataIndex: 'institutionName', ellipsis: true },
          { title: '医师级别', dataIndex: 'level', width: 120 },
          { title: '执业类别', dataIndex: 'practiceCategory', width: 100 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 170,
            render: (s: TEvaluationRow['status']) => <StatusTag kind="enrolment" status={s} />,
          },
          { title: '工作成绩', dataIndex: 'workResult', width: 90, render: (v) => v ?? '—' },
          { title: '职业道德', dataIndex: 'ethicsResult', width: 90, render: (v) => v ?? '—' },
          { title: '更新时间', dataIndex: 'updatedAt', width: 110, render: fmt },
          {
            title: '操作',
            width: 90,
            fixed: 'right',
            render: (_, r) => (
              <Button type="link" onClick={() => onOpen(r)}>
                {r.actions.length ? actionLabel : '查看'}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
