import { Form, Input, Modal, Radio } from 'antd';
import { useLayoutEffect } from 'react';
import type { TListRow } from '../../../shared/schemas/enrolment';
import { useAction } from '../../components';
import { useEnrolmentEvent } from '../../queries/enrolment';

/** 考核进度 【驳回】 by an administration: 驳回到退出当前周期 / 驳回到重新选择程序, with a reason. */
export function AdminRejectModal({ row, onClose }: { row: TListRow | null; onClose: () => void }) {
  const [form] = Form.useForm<{ mode: 'exit' | 'reselect'; reason: string }>();
  const event = useEnrolmentEvent();
  const action = useAction();
  const mayExit = !!row?.actions.includes('ADMIN_REJECT_EXIT');
  const mayReselect = !!row?.actions.includes('ADMIN_REJECT_RESELECT');
  useLayoutEffect(() => {
    if (row) form.setFieldsValue({ mode: mayExit ? 'exit' : 'reselect', reason: '' });
  }, [row, form, mayExit]);
  const submit = async () => {
    if (!row) return;
    const body = await form.validateFields();
    if (await action(() => event.mutateAsync({ id: row.id, event: 'admin-reject', body }), '已驳回')) onClose();
  };
  return (
    <Modal
      open={!!row}
      title={row ? `驳回：${row.name}` : ''}
      okText="确定"
      cancelText="取消"
      confirmLoading={event.isPending}
      onOk={submit}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="mode" label="驳回方式" rules={[{ required: true }]}>
          <Radio.Group>
            <Radio value="exit" disabled={!mayExit}>
              驳回到退出当前周期
            </Radio>
            <Radio value="reselect" disabled={!mayReselect}>
              驳回到重新选择程序
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label="驳回理由"
          rules={[{ required: true, whitespace: true, message: '请填写驳回理由' }]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
