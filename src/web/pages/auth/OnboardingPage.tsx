import { App, Button, Card, Form, Input, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useMe } from '../../app/auth';

/** 密码初始化 (原密码, 新密码, 【保存】) and, for physicians, 手机号 + 短信验证码 binding. */
export function OnboardingPage() {
  const { me, refresh } = useMe();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [cooldown, setCooldown] = useState(0);
  const [mobileForm] = Form.useForm();
  if (!me) return <Navigate to="/login" replace />;
  if (!me.mustChangePassword && !me.mustBindMobile) return <Navigate to="/" replace />;
  const fail = (e: unknown) => message.error(e instanceof ApiError ? e.message : '操作失败');

  const savePassword = async (v: { oldPassword: string; newPassword: string; confirm: string }) => {
    try {
      await api.post('/api/auth/password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      await refresh();
    } catch (e) {
      fail(e);
    }
  };
  const sendCode = async () => {
    try {
      const mobile = await mobileForm.validateFields(['mobile']);
      await api.post('/api/auth/sms-code', mobile);
      message.success('验证码已发送');
      setCooldown(60);
      const t = setInterval(
        () =>
          setCooldown((c) => {
            if (c > 1) return c - 1;
            clearInterval(t);
            return 0;
          }),
        1000,
      );
    } catch (e) {
      if (e instanceof ApiError) fail(e);
    }
  };
  const bind = async (v: { mobile: string; code: string }) => {
    try {
      await api.post('/api/auth/bind-mobile', v);
      message.success('手机号绑定成功');
      await refresh();
      nav('/');
    } catch (e) {
      fail(e);
    }
  };
  const steps = me.role === 'physician' ? [{ title: '修改密码' }, { title: '绑定手机号' }] : [{ title: '密码初始化' }];
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', display: 'flex', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: 460, maxWidth: '100%', alignSelf: 'flex-start', marginTop: 40 }}>
        <Typography.Title level={4}>首次登录</Typography.Title>
        <Steps size="small" current={me.mustChangePassword ? 0 : 1} items={steps} style={{ marginBottom: 24 }} />
        {me.mustChangePassword ? (
          <Form key="password" layout="vertical" onFinish={savePassword}>
            <Typography.Paragraph type="secondary">
              为保障账号安全，首次登录须修改初始密码。新密码8至32位，须同时包含字母和数字。
            </Typography.Paragraph>
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
            <Form.Item
              name="confirm"
              label="确认新密码"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: '请再次输入新密码' },
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    v === getFieldValue('newPassword')
                      ? Promise.resolve()
                      : Promise.reject(new Error('两次输入的新密码不一致')),
                }),
              ]}
            >
              <Input.Password />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              保存
            </Button>
          </Form>
        ) : (
          <Form key="mobile" form={mobileForm} layout="vertical" onFinish={bind}>
            <Form.Item
              name="mobile"
              label="手机号"
              rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: '请输入正确的11位手机号' }]}
            >
              <Input maxLength={11} />
            </Form.Item>
            <Form.Item label="短信验证码" required htmlFor="code">
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item
                  name="code"
                  noStyle
                  rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入6位短信验证码' }]}
                >
                  <Input maxLength={6} />
                </Form.Item>
                <Button onClick={sendCode} disabled={cooldown > 0}>
                  {cooldown > 0 ? `${cooldown} 秒后重发` : '获取验证码'}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              绑定
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
