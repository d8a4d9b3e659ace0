import { Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TAuditEntry } from '../../../shared/schemas/org';
import { FilterBar, PagedTable, useListState } from '../../components';
import { useAudit } from '../../queries/org';

const ROLE_NAMES: Record<string, string> = {
  admin: '卫生行政机构',
  institution: '卫生机构',
  body: '考核机构',
  industry: '行业组织',
  physician: '医师',
  system: '系统',
};
/** 对象类型 the filter offers (the kinds of objects an organisation account acts on). */
const TARGET_TYPES: Record<string, string> = {
  organisation: '机构',
  account: '账号',
  department: '科室',
  assessment_application: '考核机构申请',
  enrolment: '考核记录',
};

type Filters = { action?: string; targetType?: string; range?: [Dayjs, Dayjs] | null };

/** 系统管理 › 操作日志: each entry a Chinese sentence naming the object; newest first, keyset pages. */
export function AuditPage() {
  const list = useListState<Filters>({});
  const f = list.filters;
  const q = useAudit({
    action: f.action,
    targetType: f.targetType,
    from: f.range?.[0]?.format('YYYY-MM-DD'),
    to: f.range?.[1]?.format('YYYY-MM-DD'),
    before: list.cursor as number | undefined,
  });
  return (
    <Card title="操作日志">
      <FilterBar list={list}>
        <Form.Item name="action" label="操作">
          <Input allowClear placeholder="如：激活账号" />
        </Form.Item>
        <Form.Item name="targetType" label="对象类型">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 140 }}
            options={Object.entries(TARGET_TYPES).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="range" label="日期">
          <DatePicker.RangePicker format="YYYY/MM/DD" />
        </Form.Item>
      </FilterBar>
      <PagedTable<TAuditEntry>
        list={list}
        next={q.data?.nextBefore ?? null}
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        columns={[
          { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY/MM/DD HH:mm:ss') },
          {
            title: '操作人',
            dataIndex: 'actorName',
            width: 260,
            render: (v: string, r) => `${v}（${ROLE_NAMES[r.actorRole] ?? '其他'}）`,
          },
          { title: '操作内容', dataIndex: 'summary' },
          {
            title: '理由',
            dataIndex: 'reason',
            width: 220,
            render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}
