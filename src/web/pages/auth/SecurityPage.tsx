import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';

/** 安全设置: 【修改】 the password at any time. */
export function SecurityPage() {
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const save = async (v: { oldPassword: string; newPassword: string }) => {
    try {
      await api.post('/api/auth/password', v);
      message.success('密码已修改，其他设备上的登录已失效');
      form.resetFields();
      setEditing(false);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '修改失败');
    }
  };
  return (
    <Card title="安全设置" style={{ maxWidth: 520 }}>
      {!editing ? (
        <div>
          登录密码 ******{' '}
          <Button type="link" onClick={() => setEditing(true)}>
            修改
          </Button>
        </div>
      ) : (
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            rules={[
              { required: true, message: '请输入新密码' },
              { min: 8, message: '新密码至少8位' },
            ]}
          >
            <Input.Password />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        </Form>
      )}
    </Card>
  );
}
