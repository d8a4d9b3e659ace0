import { App, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import type { TDepartmentNode } from '../../../shared/schemas/org';
import { useAction } from '../../components';
import { useCreateDepartments, useUpdateDepartment } from '../../queries/org';

export type DeptModalState =
  | { mode: 'create'; parent: TDepartmentNode | null }
  | { mode: 'edit'; node: TDepartmentNode };

const namesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/** 创建一级科室 / 创建二级科室 (单一创建 or 批量创建, one name a line) / 编辑. */
export function DepartmentModal({ state, onClose }: { state: DeptModalState; onClose: () => void }) {
  const [form] = Form.useForm();
  const [how, setHow] = useState<'single' | 'batch'>('single');
  const { message } = App.useApp();
  const act = useAction();
  const create = useCreateDepartments();
  const update = useUpdateDepartment();
  const title =
    state.mode === 'edit'
      ? `编辑科室 — ${state.node.name}`
      : state.parent
        ? `创建二级科室（${state.parent.name}）`
        : '创建一级科室';
  const submit = async (v: { name?: string; intro?: string; names?: string }) => {
    let run: () => Promise<unknown>;
    if (state.mode === 'edit') {
      const { id } = state.node;
      run = () => update.mutateAsync({ id, name: v.name ?? '', intro: v.intro ?? '' });
    } else {
      const items =
        how === 'single'
          ? [{ name: v.name ?? '', intro: v.intro ?? '' }]
          : namesOf(v.names ?? '').map((name) => ({ name, intro: '' }));
      if (!items.length) return message.error('请至少填写一个科室名称');
      run = () => create.mutateAsync({ parentId: state.parent?.id ?? null, items });
    }
    if (await act(run, '提交成功')) onClose();
  };
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText="提交"
      cancelText="取消"
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
    >
      {state.mode === 'create' && (
        <Radio.Group
          value={how}
          onChange={(e) => setHow(e.target.value)}
          style={{ marginBottom: 16 }}
          optionType="button"
        >
          <Radio value="single">单一创建</Radio>
          <Radio value="batch">批量创建</Radio>
        </Radio.Group>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={state.mode === 'edit' ? { name: state.node.name, intro: state.node.intro } : {}}
      >
        {state.mode === 'create' && how === 'batch' ? (
          <Form.Item name="names" label="科室名称（每行一个）" rules={[{ required: true, message: '请填写科室名称' }]}>
            <Input.TextArea rows={6} placeholder={'心血管内科\n呼吸内科\n消化内科'} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="name" label="科室名称" rules={[{ required: true, message: '请填写科室名称' }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="intro" label="科室介绍">
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
