import { Button, Card, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { APPLICATION_STATUS_LABELS, type TApplicationRow } from '../../../shared/schemas/org';
import { FilterBar, PagedTable, useAction, useListState } from '../../components';
import { useApplications, useApprove, useReject } from '../../queries/org';
import { APPLICATION_COLORS } from './ApplyPage';
import { MaterialList } from './MaterialList';
import { useConfirmedAction } from './SubordinateActions';

const fmt = (v: string | null) => (v ? dayjs(v).format('YYYY/MM/DD HH:mm') : '—');
const PAGE_SIZE = 20;
type Filters = { q?: string; status?: 'pending' | 'approved' | 'rejected' };

/** 考核管理 › 考核机构管理 › 审批考核机构: 【查看】 the materials, 【通过】 or 【驳回】 with a reason. */
export function ApprovalsPage() {
  const list = useListState<Filters>({ status: 'pending' });
  const [viewing, setViewing] = useState<TApplicationRow | null>(null);
  const [rejecting, setRejecting] = useState<TApplicationRow | null>(null);
  const [reason, setReason] = useState('');
  const act = useAction();
  const confirm = useConfirmedAction();
  const approve = useApprove();
  const reject = useReject();
  const q = useApplications({ ...list.filters, page: list.page, pageSize: PAGE_SIZE });
  const doApprove = (r: TApplicationRow) =>
    confirm(
      '通过申请',
      `确认“${r.institutionName}”成为考核机构？`,
      () => approve.mutateAsync(r.id),
      '已通过，该机构已成为考核机构',
      () => setViewing(null),
    );
  const doReject = async () => {
    if (!rejecting) return;
    if (await act(() => reject.mutateAsync({ id: rejecting.id, reason }), '已驳回')) {
      setRejecting(null);
      setViewing(null);
      setReason('');
    }
  };
  const buttons = (r: TApplicationRow) => (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => setViewing(r)}>
        查看
      </Button>
      {r.actions.includes('approve') && (
        <Button type="link" size="small" onClick={() => doApprove(r)}>
          通过
        </Button>
      )}
      {r.actions.includes('reject') && (
        <Button type="link" size="small" danger onClick={() => setRejecting(r)}>
          驳回
        </Button>
      )}
    </Space>
  );
  return (
    <Card title="审批考核机构">
      <FilterBar list={list}>
        <Form.Item name="q" label="机构名称/账号">
          <Input allowClear />
        </Form.Item>
        <Form.Item name="status" label="审批状态">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 120 }}
            options={(['pending', 'approved', 'rejected'] as const).map((s) => ({
              value: s,
              label: APPLICATION_STATUS_LABELS[s],
            }))}
          />
        </Form.Item>
      </FilterBar>
      <PagedTable<TApplicationRow>
        list={list}
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        total={q.data?.total ?? 0}
        pageSize={PAGE_SIZE}
        columns={[
          { title: '机构账号', dataIndex: 'institutionCode' },
          { title: '机构名称', dataIndex: 'institutionName' },
          { title: '材料数', render: (_, r) => r.materials.length },
          { title: '提交时间', dataIndex: 'submittedAt', render: fmt },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: TApplicationRow['status']) => (
              <Tag color={APPLICATION_COLORS[s]}>{APPLICATION_STATUS_LABELS[s]}</Tag>
            ),
          },
          { title: '驳回理由', dataIndex: 'rejectReason', ellipsis: true },
          { title: '操作', render: (_, r) => buttons(r) },
        ]}
      />
      <Modal
        open={!!viewing}
        title={`申请材料 — ${viewing?.institutionName ?? ''}`}
        onCancel={() => setViewing(null)}
        footer={viewing ? [<span key="b">{buttons(viewing)}</span>] : null}
      >
        {viewing && <MaterialList materials={viewing.materials} />}
      </Modal>
      <Modal
        open={!!rejecting}
        title={`驳回 — ${rejecting?.institutionName ?? ''}`}
        okText="确认驳回"
        cancelText="取消"
        confirmLoading={reject.isPending}
        onOk={doReject}
        onCancel={() => setRejecting(null)}
      >
        <Typography.Paragraph>请输入驳回理由，退回卫生机构：</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          maxLength={500}
          showCount
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label="驳回理由"
        />
      </Modal>
    </Card>
  );
}
