import { Card, Form, Input } from 'antd';
import { ORG_KIND_LABELS, type TBodyRow } from '../../../shared/schemas/org';
import { FilterBar, PagedTable, useListState } from '../../components';
import { type OrgFilters, useBodies } from '../../queries/org';
import { statusTag } from './SubordinatesPage';

const PAGE_SIZE = 20;

/** 考核管理 › 考核机构管理 › 考核机构列表: the assessment bodies of the jurisdiction (卫生机构 and 行业组织). */
export function BodiesPage() {
  const list = useListState<OrgFilters>({});
  const q = useBodies({ q: list.filters.q, page: list.page, pageSize: PAGE_SIZE });
  return (
    <Card title="考核机构列表">
      <FilterBar list={list}>
        <Form.Item name="q" label="机构名称/账号">
          <Input allowClear />
        </Form.Item>
      </FilterBar>
      <PagedTable<TBodyRow>
        list={list}
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        total={q.data?.total ?? 0}
        pageSize={PAGE_SIZE}
        columns={[
          { title: '机构账号', dataIndex: 'code' },
          { title: '机构名称', dataIndex: 'name' },
          { title: '机构类型', dataIndex: 'kind', render: (k: TBodyRow['kind']) => ORG_KIND_LABELS[k] },
          { title: '上级卫生行政机构', dataIndex: 'parentName' },
          { title: '状态', dataIndex: 'status', render: statusTag },
          { title: '已指定卫生机构数', dataIndex: 'assignedCount' },
        ]}
      />
    </Card>
  );
}
