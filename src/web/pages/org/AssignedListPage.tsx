import { Card, Form, Input, Typography } from 'antd';
import type { TAssignedRow } from '../../../shared/schemas/org';
import { FilterBar, PagedTable, useListState } from '../../components';
import { useMyAssigned } from '../../queries/org';

/** 考核机构 › 机构管理 › 已指定卫生机构列表 (read-only; the administration assigns). */
export function AssignedListPage() {
  const list = useListState<{ q?: string }>({});
  const q = useMyAssigned(list.filters.q);
  return (
    <Card title="已指定卫生机构列表">
      <Typography.Paragraph type="secondary">
        指定卫生机构由上级卫生行政机构负责操作，如有异议请联系上级卫生行政机构。
      </Typography.Paragraph>
      <FilterBar list={list}>
        <Form.Item name="q" label="机构名称/账号">
          <Input allowClear placeholder="机构名称/账号" />
        </Form.Item>
      </FilterBar>
      <PagedTable<TAssignedRow>
        list={list}
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        total={q.data?.items.length ?? 0}
        columns={[
          { title: '机构账号', dataIndex: 'code' },
          { title: '机构名称', dataIndex: 'name' },
          { title: '地址', dataIndex: 'address', ellipsis: true },
          { title: '上级卫生行政机构', dataIndex: 'parentName' },
          { title: '医师人数', dataIndex: 'physicianCount' },
          { title: '指定日期', dataIndex: 'assignedAt' },
        ]}
      />
    </Card>
  );
}
