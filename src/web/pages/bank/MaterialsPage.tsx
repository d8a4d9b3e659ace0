import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Switch, Table, Tag, Upload } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { TMaterial, TMaterialInput } from '../../../shared/schemas/bank';
import { api, ApiError, download } from '../../api/client';

const errText = (e: unknown) => (e instanceof ApiError ? e.message : '操作失败，请稍后重试');

/** 考前资料 (省级): title, summary, content and an optional attachment (PDF or picture). */
export function MaterialsPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<TMaterial | null>(null);
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<{ fileId: string; fileName: string } | null>(null);
  const [form] = Form.useForm<TMaterialInput>();
  const q = useQuery({
    queryKey: ['materials-admin'],
    queryFn: () => api.get<{ items: TMaterial[] }>('/api/bank/materials'),
  });
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { title: editing.title, summary: editing.summary, content: editing.content, published: editing.published }
        : { published: true },
    );
    setFile(editing?.fileId ? { fileId: editing.fileId, fileName: editing.fileName ?? '附件' } : null);
  }, [open, editing, form]);
  const save = useMutation({
    mutationFn: (v: TMaterialInput) => {
      const body = { ...v, fileId: file?.fileId ?? null };
      return editing ? api.put(`/api/bank/materials/${editing.id}`, body) : api.post('/api/bank/materials', body);
    },
    onSuccess: () => {
      message.success('已保存');
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['materials-admin'] });
    },
    onError: (e) => message.error(errText(e)),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/bank/materials/${id}`),
    onSuccess: () => {
      message.success('已删除');
      void qc.invalidateQueries({ queryKey: ['materials-admin'] });
    },
    onError: (e) => message.error(errText(e)),
  });
  return (
    <Card
      title="考前资料"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            setEditing(null);
            setOpen(true);
          }}
        >
          新增
        </Button>
      }
    >
      <Table<TMaterial>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={false}
        columns={[
          { title: '标题', dataIndex: 'title' },
          { title: '摘要', dataIndex: 'summary', ellipsis: true },
          {
            title: '附件',
            dataIndex: 'fileName',
            render: (n: string | null, r) =>
              n ? <a onClick={() => download(`/api/bank/materials/${r.id}/file`, n)}>{n}</a> : '—',
          },
          {
            title: '状态',
            dataIndex: 'published',
            width: 80,
            render: (p: boolean) => (p ? <Tag color="green">已发布</Tag> : <Tag>未发布</Tag>),
          },
          {
            title: '更新时间',
            dataIndex: 'updatedAt',
            width: 150,
            render: (s: string) => dayjs(s).format('YYYY/MM/DD HH:mm'),
          },
          {
            title: '操作',
            key: 'op',
            width: 130,
            render: (_: unknown, r) => (
              <Space size={4}>
                <Button
                  size="small"
                  type="link"
                  onClick={() => {
                    setEditing(r);
                    setOpen(true);
                  }}
                >
                  修改
                </Button>
                <Popconfirm title="确定删除该资料？" onConfirm={() => remove.mutate(r.id)}>
                  <Button size="small" type="link" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={editing ? '修改考前资料' : '新增考前资料'}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="保存"
        confirmLoading={save.isPending}
        width={720}
        destroyOnHidden
      >
        <Form form={form} name="material" layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item label="标题" name="title" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="摘要" name="summary">
            <Input.TextArea rows={2} maxLength={300} />
          </Form.Item>
          <Form.Item label="正文" name="content">
            <Input.TextArea rows={8} maxLength={20000} />
          </Form.Item>
          <Form.Item label="附件（PDF 或图片，≤20 MB）">
            <Space>
              <Upload
                accept=".pdf,.png,.jpg,.jpeg"
                showUploadList={false}
                customRequest={async ({ file: f, onSuccess, onError }) => {
                  try {
                    const fd = new FormData();
                    fd.append('file', f as File, (f as File).name);
                    const r = await api.upload<{ fileId: string; fileName: string }>('/api/bank/materials/files', fd);
                    setFile(r);
                    onSuccess?.(r);
                  } catch (e) {
                    message.error(errText(e));
                    onError?.(e as Error);
                  }
                }}
              >
                <Button icon={<UploadOutlined />}>上传</Button>
              </Upload>
              {file && (
                <>
                  <span>{file.fileName}</span>
                  <Button size="small" type="link" onClick={() => setFile(null)}>
                    移除
                  </Button>
                </>
              )}
            </Space>
          </Form.Item>
          <Form.Item label="发布" name="published" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
