import { Button, Card, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { CASE_STATUS_LABELS, CASE_STATUSES, type TCaseRow } from '../../../shared/schemas/proctor';
import { FilterBar, IdNumber, PagedTable, useAction, useListState } from '../../components';
import { ExportJobButton } from '../../components/ExportJobButton';
import { FramesDrawer } from './FramesDrawer';
import { useAppealDecision, useCases } from './queries';

interface Filters {
  status?: TCaseRow['status'];
  keyword?: string;
}

const COLORS: Record<TCaseRow['status'], string> = {
  processed: 'red',
  appealed: 'orange',
  upheld: 'red',
  revoked: 'green',
};

/** 违纪处理记录: physicians processed as 违纪不合格, with 【照片】 and the appeal (省级: 申诉处理). */
export function CasesPage() {
  const list = useListState<Filters>({});
  const q = useCases(list.filters.status, list.filters.keyword, list.cursor);
  const decide = useAppealDecision();
  const action = useAction();
  const [viewing, setViewing] = useState<number | null>(null);
  const [deciding, setDeciding] = useState<TCaseRow | null>(null);
  const [form] = Form.useForm<{ decision: 'uphold' | 'revoke'; reason: string }>();

  return (
    <Card title="违纪处理记录">
      <FilterBar list={list} extra={<ExportJobButton kind="discipline" params={list.filters} label="导出" />}>
        <Form.Item name="keyword" label="姓名/证件号">
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 140 }}
            options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
          />
        </Form.Item>
      </FilterBar>
      <PagedTable<TCaseRow>
        list={list}
        next={q.data?.nextCursor ?? null}
        rowKey="enrolmentId"
        loading={q.isFetching && !q.data}
        dataSource={q.data?.rows ?? []}
        columns={[
          { title: '姓名', dataIndex: 'physicianName' },
          { title: '证件号码', dataIndex: 'idNumber', render: (v: string) => <IdNumber value={v} /> },
          { title: '所在卫生机构', dataIndex: 'institutionName' },
          { title: '处理时间', dataIndex: 'processedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: '处理理由', dataIndex: 'processReason' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (v: TCaseRow['status']) => <Tag color={COLORS[v]}>{CASE_STATUS_LABELS[v]}</Tag>,
          },
          {
            title: '申诉',
            key: 'appeal',
            render: (_, r) =>
              r.appealStatement ? (
                <Space direction="vertical" size={0}>
                  <Typography.Text>{r.appealStatement}</Typography.Text>
                  {r.appealFileUrl && (
                    <a href={r.appealFileUrl} target="_blank" rel="noreferrer">
                      申诉材料
                    </a>
                  )}
                  {r.appealDecisionReason && (
                    <Typography.Text type="secondary">复查意见：{r.appealDecisionReason}</Typography.Text>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: '操作',
            key: 'op',
            render: (_, r) => (
              <Space wrap>
                {r.attemptIds.map((id, i) => (
                  <Button key={id} size="small" onClick={() => setViewing(id)}>
                    照片{r.attemptIds.length > 1 ? i + 1 : ''}
                  </Button>
                ))}
                {r.canDecideAppeal && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      form.resetFields();
                      setDeciding(r);
                    }}
                  >
                    申诉处理
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FramesDrawer attemptId={viewing} onClose={() => setViewing(null)} />
      <Modal
        open={deciding !== null}
        title={`申诉处理：${deciding?.physicianName ?? ''}`}
        okText="提交"
        cancelText="取消"
        onCancel={() => setDeciding(null)}
        onOk={async () => {
          const v = await form.validateFields();
          if (
            deciding &&
            (await action(
              () => decide.mutateAsync({ enrolmentId: deciding.enrolmentId, ...v }),
              v.decision === 'revoke' ? '已撤销处理，考核结果已恢复' : '已维持原处理',
            ))
          )
            setDeciding(null);
        }}
      >
        <Typography.Paragraph>申诉理由：{deciding?.appealStatement}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="decision" label="决定" rules={[{ required: true, message: '请选择维持或撤销处理' }]}>
            <Radio.Group>
              <Radio value="uphold">维持</Radio>
              <Radio value="revoke">撤销处理</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="reason"
            label="理由"
            rules={[{ required: true, whitespace: true, min: 2, message: '请填写决定理由' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
