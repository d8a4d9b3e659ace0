import { Button, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ProfileFormKey, TMyOrg } from '../../../shared/schemas/org';
import { useAction } from '../../components';
import { useSaveProfile } from '../../queries/org';
import { FIELDS } from './profileFields';

/**
 * One 本机构信息 form. 卫健委 is shown read-only first (【编辑】 → fill in → 【确认】);
 * 考核管理委员会 / 考核办公室 are edited directly and 【保存】d; institutions 【提交】.
 */
export function ProfileForm({
  form,
  org,
  mode,
}: {
  form: ProfileFormKey;
  org: TMyOrg;
  mode: 'edit-confirm' | 'save' | 'submit';
}) {
  const [editing, setEditing] = useState(mode !== 'edit-confirm');
  const act = useAction();
  const save = useSaveProfile();
  const values = org.forms[form] ?? {};
  const fields = FIELDS[form];
  const submit = async (v: Record<string, unknown>) => {
    const ok = await act(() => save.mutateAsync({ form, values: v }), mode === 'submit' ? '提交成功' : '保存成功');
    if (ok && mode === 'edit-confirm') setEditing(false);
  };
  if (!editing) {
    return (
      <>
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="middle">
          <Descriptions.Item label="机构名称">{org.name}</Descriptions.Item>
          {fields.map((x) => (
            <Descriptions.Item key={x.name} label={x.label}>
              {String(values[x.name] ?? '') || <Typography.Text type="secondary">未填写</Typography.Text>}
            </Descriptions.Item>
          ))}
        </Descriptions>
        <Button type="primary" style={{ marginTop: 16 }} onClick={() => setEditing(true)}>
          编辑
        </Button>
      </>
    );
  }
  const initial = { ...(form === 'institution' || form === 'industry' ? { address: org.address } : {}), ...values };
  return (
    <Form
      layout="horizontal"
      labelCol={{ flex: '140px' }}
      style={{ maxWidth: 720 }}
      initialValues={initial}
      onFinish={submit}
    >
      <Form.Item label="机构名称">
        <Input value={org.name} disabled />
      </Form.Item>
      {fields.map((x) => (
        <Form.Item
          key={x.name}
          name={x.name}
          label={x.label}
          rules={x.required ? [{ required: true, message: `请填写${x.label}` }] : []}
        >
          {x.options ? (
            <Select placeholder={`请选择${x.label}`} options={x.options.map((o) => ({ value: o, label: o }))} />
          ) : x.textarea ? (
            <Input.TextArea rows={3} placeholder={x.placeholder} />
          ) : (
            <Input placeholder={x.placeholder} />
          )}
        </Form.Item>
      ))}
      <Form.Item label=" " colon={false}>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {mode === 'edit-confirm' ? '确认' : mode === 'submit' ? '提交' : '保存'}
          </Button>
          {mode === 'edit-confirm' && <Button onClick={() => setEditing(false)}>取消</Button>}
        </Space>
      </Form.Item>
    </Form>
  );
}
