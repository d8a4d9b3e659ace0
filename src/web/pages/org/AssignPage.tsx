import { Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { ORG_KIND_LABELS, type TBodyRow } from '../../../shared/schemas/org';
import { useBodies } from '../../queries/org';
import { AssignEditor } from './AssignEditor';

/** 考核管理 › 考核机构管理 › 指定卫生机构: choose a body, then 【添加】/【撤销】 its institutions. */
export function AssignPage() {
  const [body, setBody] = useState<TBodyRow | null>(null);
  const bodies = useBodies({ page: 1, pageSize: 100 });
  if (body) return <AssignEditor body={body} onBack={() => setBody(null)} />;
  return (
    <Card title="指定卫生机构">
      <Typography.Paragraph type="secondary">
        选择考核机构，点击【指定】为其添加或撤销负责考核的卫生机构。
      </Typography.Paragraph>
      <Table<TBodyRow>
        rowKey="id"
        loading={bodies.isLoading}
        dataSource={bodies.data?.items}
        pagination={false}
        columns={[
          { title: '考核机构', dataIndex: 'name' },
          { title: '机构类型', dataIndex: 'kind', render: (k: TBodyRow['kind']) => ORG_KIND_LABELS[k] },
          { title: '已指定卫生机构数', dataIndex: 'assignedCount' },
          {
            title: '操作',
            render: (_, r) => (
              <Button type="link" size="small" onClick={() => setBody(r)}>
                指定
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
