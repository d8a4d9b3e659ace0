import { Button, Card, Col, Empty, Input, Row, Table } from 'antd';
import { useState } from 'react';
import { ORG_STATUS_LABELS, type TAssignedRow, type TBodyRow, type TOrgStatus } from '../../../shared/schemas/org';
import { useAction } from '../../components';
import { type Candidate, useAssign, useAssigned, useCandidates } from '../../queries/org';

/** Left: institutions of the jurisdiction not yet assigned (【添加】); right: the body's institutions (【撤销】). */
export function AssignEditor({ body, onBack }: { body: TBodyRow; onBack: () => void }) {
  const act = useAction();
  const [search, setSearch] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [left, setLeft] = useState<number[]>([]);
  const [right, setRight] = useState<number[]>([]);
  const cands = useCandidates(body.id, { q: search, page });
  const assigned = useAssigned(body.id);
  const assign = useAssign(body.id);
  const add = async () => {
    if (
      await act(
        () => assign.mutateAsync({ ids: left }),
        (r) => `已添加 ${r.done} 个卫生机构`,
      )
    )
      setLeft([]);
  };
  const remove = async () => {
    if (
      await act(
        () => assign.mutateAsync({ ids: right, remove: true }),
        (r) => `已撤销 ${r.done} 个卫生机构`,
      )
    )
      setRight([]);
  };
  return (
    <Card title={`指定卫生机构 — ${body.name}`} extra={<Button onClick={onBack}>返回</Button>}>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card
            type="inner"
            title="可指定的卫生机构（辖区内尚未指定）"
            extra={
              <Button type="primary" size="small" disabled={!left.length} onClick={add}>
                添加
              </Button>
            }
          >
            <Input.Search
              allowClear
              placeholder="机构名称/账号"
              onSearch={(v) => {
                setSearch(v || undefined);
                setPage(1);
              }}
              style={{ marginBottom: 8 }}
            />
            <Table<Candidate>
              rowKey="id"
              size="small"
              loading={cands.isLoading}
              dataSource={cands.data?.items}
              rowSelection={{ selectedRowKeys: left, onChange: (k) => setLeft(k as number[]) }}
              columns={[
                { title: '机构名称', dataIndex: 'name' },
                { title: '上级卫生行政机构', dataIndex: 'parentName' },
                { title: '状态', dataIndex: 'status', render: (s: TOrgStatus) => ORG_STATUS_LABELS[s] },
              ]}
              locale={{ emptyText: search ? `没有名称或账号包含“${search}”的可指定卫生机构` : '暂无可指定的卫生机构' }}
              pagination={{
                current: page,
                pageSize: 10,
                total: cands.data?.total ?? 0,
                onChange: setPage,
                size: 'small',
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            type="inner"
            title="已指定的卫生机构"
            extra={
              <Button danger size="small" disabled={!right.length} onClick={remove}>
                撤销
              </Button>
            }
          >
            <Table<TAssignedRow>
              rowKey="id"
              size="small"
              loading={assigned.isLoading}
              dataSource={assigned.data?.items}
              rowSelection={{ selectedRowKeys: right, onChange: (k) => setRight(k as number[]) }}
              columns={[
                { title: '机构名称', dataIndex: 'name' },
                { title: '上级卫生行政机构', dataIndex: 'parentName' },
                { title: '指定日期', dataIndex: 'assignedAt' },
              ]}
              locale={{ emptyText: <Empty description="尚未指定卫生机构" /> }}
              pagination={{ pageSize: 10, size: 'small' }}
            />
          </Card>
        </Col>
      </Row>
    </Card>
  );
}
