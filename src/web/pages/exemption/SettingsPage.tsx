import { Button, Card, Input, Modal, Popconfirm, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { PROCEDURE_LABELS, PROCEDURES, type Procedure } from '../../../shared/domain/procedure';
import { EXEMPTS_LABEL, type TExemptionSettings } from '../../../shared/schemas/exemption';
import { api } from '../../api/client';
import { useAction } from '../../components';
import { useExemptionSettings, useExemptionSettingsChange } from '../../queries/exemption';

/** 免考设置 (省级): per procedure 【开启申请】/【关闭申请】 and the 免考理由 list. */
export function SettingsPage() {
  const q = useExemptionSettings();
  const change = useExemptionSettingsChange();
  const action = useAction();
  const [edit, setEdit] = useState<null | { procedure: Procedure; id?: number; reason: string }>(null);
  const run = (p: () => Promise<TExemptionSettings>, ok: string) => action(() => change(p()), ok);
  if (!q.data) return <Spin />;
  const s = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {PROCEDURES.map((p) => (
        <Card
          key={p}
          title={`${PROCEDURE_LABELS[p]}免考（免${EXEMPTS_LABEL[p]}）`}
          extra={
            <Space>
              <Tag color={s[p].open ? 'success' : 'default'}>{s[p].open ? '申请已开启' : '申请已关闭'}</Tag>
              <Button
                onClick={() =>
                  run(
                    () => api.put('/api/exemption/switches', { procedure: p, open: !s[p].open }),
                    s[p].open ? '已关闭申请' : '已开启申请',
                  )
                }
              >
                {s[p].open ? '关闭申请' : '开启申请'}
              </Button>
              <Button type="primary" onClick={() => setEdit({ procedure: p, reason: '' })}>
                添加免考理由
              </Button>
            </Space>
          }
        >
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={s[p].reasons}
            locale={{ emptyText: '暂无免考理由' }}
            columns={[
              { title: '序号', render: (_, __, i) => i + 1, width: 70 },
              { title: '免考理由', dataIndex: 'reason' },
              {
                title: '操作',
                width: 160,
                render: (_, r) => (
                  <Space>
                    <Button type="link" onClick={() => setEdit({ procedure: p, id: r.id, reason: r.reason })}>
                      编辑
                    </Button>
                    <Popconfirm
                      title="确定删除该免考理由？"
                      onConfirm={() => run(() => api.delete(`/api/exemption/reasons/${r.id}`), '已删除')}
                    >
                      <Button type="link" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      ))}
      <Modal
        open={edit !== null}
        title={edit?.id ? '编辑免考理由' : '添加免考理由'}
        okText="确认"
        onCancel={() => setEdit(null)}
        onOk={async () => {
          if (!edit) return;
          const body = { procedure: edit.procedure, reason: edit.reason };
          const saved = await run(
            () =>
              edit.id
                ? api.put(`/api/exemption/reasons/${edit.id}`, { reason: edit.reason })
                : api.post('/api/exemption/reasons', body),
            '已保存',
          );
          if (saved) setEdit(null);
        }}
      >
        <Input.TextArea
          aria-label="免考理由"
          rows={4}
          maxLength={500}
          value={edit?.reason}
          onChange={(e) => setEdit((x) => (x ? { ...x, reason: e.target.value } : x))}
          placeholder="请输入免考理由"
        />
      </Modal>
    </Space>
  );
}
