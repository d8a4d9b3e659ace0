import { Button, Form, Input, Modal } from 'antd';
import type { TSubordinate } from '../../../shared/schemas/org';
import { useAction } from '../../components';
import { type OrgKind, useSaveSubordinate } from '../../queries/org';

export const KIND_TITLES: Record<OrgKind, string> = {
  admin: '地方卫健委',
  institution: '卫生机构',
  industry: '行业组织',
};

/** 【新增】 / 【修改】 an account of the jurisdiction (mounted while open). */
export function SubordinateModal({
  kind,
  row,
  onClose,
}: {
  kind: OrgKind;
  row: TSubordinate | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const act = useAction();
  const save = useSaveSubordinate(kind);
  const submit = async (body: { code: string; name: string; address: string }) => {
    const ok = await act(
      () => save.mutateAsync({ id: row?.id, body }),
      row ? '修改成功' : '新增成功，初始密码为 666666，请【激活】后使用',
    );
    if (ok) onClose();
  };
  return (
    <Modal
      open
      title={row ? `修改${KIND_TITLES[kind]}账号` : `新增${KIND_TITLES[kind]}账号`}
      onCancel={onClose}
      footer={[
        <Button key="c" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={save.isPending} onClick={() => form.submit()}>
          {row ? '确认修改' : '确认新增'}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={row ?? {}} onFinish={submit}>
        <Form.Item
          name="code"
          label="机构账号"
          rules={[{ required: true, message: '请填写机构账号' }]}
          extra={kind === 'admin' ? undefined : '建议使用统一社会信用代码；机构账号全国唯一'}
        >
          <Input placeholder="字母、数字、下划线" />
        </Form.Item>
        <Form.Item name="name" label="机构名称" rules={[{ required: true, message: '请填写机构名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label="详细地址" rules={[{ required: true, message: '请填写详细地址' }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
