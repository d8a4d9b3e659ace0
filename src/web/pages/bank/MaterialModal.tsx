import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Space, Switch, Upload } from 'antd';
import { useState } from 'react';
import type { TMaterial, TMaterialInput } from '../../../shared/schemas/bank';
import { useAction } from '../../components';
import { uploadMaterialFile, useSaveMaterial } from '../../queries/bank';

/** 新增 / 修改 考前资料 (mounted while open). */
export function MaterialModal({ editing, onClose }: { editing: TMaterial | null; onClose: () => void }) {
  const act = useAction();
  const [form] = Form.useForm<TMaterialInput>();
  const [file, setFile] = useState<{ fileId: string; fileName: string } | null>(
    editing?.fileId ? { fileId: editing.fileId, fileName: editing.fileName ?? '附件' } : null,
  );
  const save = useSaveMaterial();
  const submit = async (v: TMaterialInput) => {
    const body = { ...v, fileId: file?.fileId ?? null };
    if (await act(() => save.mutateAsync({ id: editing?.id, body }), '已保存')) onClose();
  };
  return (
    <Modal
      open
      title={editing ? '修改考前资料' : '新增考前资料'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      width={720}
    >
      <Form
        form={form}
        name="material"
        layout="vertical"
        onFinish={submit}
        initialValues={
          editing
            ? { title: editing.title, summary: editing.summary, content: editing.content, published: editing.published }
            : { published: true }
        }
      >
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
                const ok = await act(async () => {
                  const r = await uploadMaterialFile(f as File);
                  setFile(r);
                  onSuccess?.(r);
                });
                if (!ok) onError?.(new Error('上传失败'));
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
  );
}
