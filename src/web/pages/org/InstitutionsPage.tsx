import { Button, Card, Descriptions, Drawer, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ORG_STATUS_LABELS, type TInstitutionRow } from '../../../shared/schemas/org';
import { FilterBar, PagedTable, useListState } from '../../components';
import { type OrgFilters, useInstitution, useInstitutions } from '../../queries/org';
import { OrgFilterItems, statusTag } from './SubordinatesPage';

const PAGE_SIZE = 20;
const PROFILE_LABELS: Record<string, string> = {
  creditCode: '统一社会信用代码',
  address: '地址',
  category: '机构类别',
  grade: '机构级别',
  legalPerson: '法定代表人',
  contact: '联系人',
  phone: '联系电话',
  postcode: '邮政编码',
  email: '电子邮箱',
};

/** 考核管理 › 卫生机构管理: the institutions of the jurisdiction with their body and 【查看】. */
export function InstitutionsPage() {
  const list = useListState<OrgFilters>({});
  const [viewId, setViewId] = useState<number | null>(null);
  const q = useInstitutions({ ...list.filters, page: list.page, pageSize: PAGE_SIZE });
  return (
    <Card title="卫生机构管理">
      <FilterBar list={list}>
        <OrgFilterItems />
      </FilterBar>
      <PagedTable<TInstitutionRow>
        list={list}
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        total={q.data?.total ?? 0}
        pageSize={PAGE_SIZE}
        scroll={{ x: 900 }}
        columns={[
          { title: '机构账号', dataIndex: 'code' },
          { title: '机构名称', dataIndex: 'name' },
          { title: '上级卫生行政机构', dataIndex: 'parentName' },
          { title: '状态', dataIndex: 'status', render: statusTag },
          {
            title: '考核机构',
            dataIndex: 'bodyName',
            render: (v: string | null) => v ?? <Typography.Text type="secondary">未指定</Typography.Text>,
          },
          { title: '医师人数', dataIndex: 'physicianCount' },
          {
            title: '操作',
            render: (_, r) => (
              <Button type="link" size="small" onClick={() => setViewId(r.id)}>
                查看
              </Button>
            ),
          },
        ]}
      />
      <InstitutionDrawer id={viewId} onClose={() => setViewId(null)} />
    </Card>
  );
}

function InstitutionDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const detail = useInstitution(id);
  const d = detail.data;
  return (
    <Drawer
      open={id !== null}
      width={560}
      title={d?.name ?? '卫生机构信息'}
      onClose={onClose}
      loading={detail.isLoading}
    >
      {d && (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="机构账号">{d.code}</Descriptions.Item>
          <Descriptions.Item label="机构名称">{d.name}</Descriptions.Item>
          <Descriptions.Item label="上级卫生行政机构">{d.parentName}</Descriptions.Item>
          <Descriptions.Item label="状态">{ORG_STATUS_LABELS[d.status]}</Descriptions.Item>
          <Descriptions.Item label="考核机构">{d.bodyName ?? '未指定'}</Descriptions.Item>
          <Descriptions.Item label="本机构是否为考核机构">{d.isAssessmentBody ? '是' : '否'}</Descriptions.Item>
          <Descriptions.Item label="申请考核机构权限">{d.canApplyAssessment ? '允许' : '不允许'}</Descriptions.Item>
          <Descriptions.Item label="医师人数">{d.physicianCount}</Descriptions.Item>
          <Descriptions.Item label="科室数">{d.departmentCount}</Descriptions.Item>
          {Object.entries(PROFILE_LABELS).map(([k, label]) => (
            <Descriptions.Item key={k} label={label}>
              {k === 'address' ? d.address : String(d.profile[k] ?? '') || '—'}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label="创建时间">{dayjs(d.createdAt).format('YYYY/MM/DD')}</Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}
