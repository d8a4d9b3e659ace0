import { Card, Form, Input, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TSmsEntry } from '../../../shared/schemas/org';
import { FilterBar, PagedTable, useListState } from '../../components';
import { useSmsOutbox } from '../../queries/org';

const SMS_STATUS: Record<string, { label: string; color?: string }> = {
  recorded: { label: '已记录' },
  sent: { label: '已发送', color: 'green' },
  failed: { label: '发送失败', color: 'red' },
  queued: { label: '排队中' },
};

/** 系统管理 › 短信发件箱 (省级): the SMS sent (or recorded) for the province; codes hidden. */
export function SmsOutboxPage() {
  const list = useListState<{ q?: string }>({});
  const q = useSmsOutbox({ mobile: list.filters.q, before: list.cursor as number | undefined });
  return (
    <Card title="短信发件箱">
      <Typography.Paragraph type="secondary">
        本省通过短信网关发出（或记录）的短信；验证码内容已隐藏。
      </Typography.Paragraph>
      <FilterBar list={list}>
        <Form.Item name="q" label="手机号">
          <Input allowClear placeholder="手机号" style={{ width: 180 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<TSmsEntry>
        list={list}
        next={q.data?.nextBefore ?? null}
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        columns={[
          {
            title: '时间',
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string) => dayjs(v).format('YYYY/MM/DD HH:mm:ss'),
          },
          { title: '手机号', dataIndex: 'mobile' },
          { title: '模板', dataIndex: 'template' },
          { title: '内容', dataIndex: 'content' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string, r) => (
              <Tag color={SMS_STATUS[s]?.color} title={r.error ?? undefined}>
                {SMS_STATUS[s]?.label ?? '未知'}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}
