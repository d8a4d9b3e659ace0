import { App, Button, Form, Input, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useMe } from '../../app/auth';
import { LoginHelpLinks } from '../doctor/help/LoginHelpLinks';

interface Captcha {
  id: string;
  svg: string;
  disabled: boolean;
}

function Shell({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg,#e6f0ff,#f7fbff)',
        padding: 12,
      }}
    >
      {/* a plain panel, not antd Card: Card brings Tabs/Dropdown/Menu into the first download (issue 9) */}
      <div
        style={{
          width: 400,
          maxWidth: '100%',
          background: '#fff',
          borderRadius: 8,
          padding: 24,
          boxShadow: '0 1px 2px rgba(0,0,0,.06), 0 1px 6px rgba(0,0,0,.08)',
        }}
      >
        <Typography.Title level={4} style={{ textAlign: 'center' }}>
          医师定期考核信息登记管理系统
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {title}
        </Typography.Paragraph>
        {children}
        <LoginHelpLinks />
      </div>
    </div>
  );
}

/** 机构登录: 账号, 密码, 验证码, 【登录】 */
export function OrgLoginPage() {
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [loading, setLoading] = useState(false);
  const { refresh } = useMe();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const reload = useCallback(async () => {
    setCaptcha(await api.get<Captcha>('/api/auth/captcha'));
    form.setFieldValue('captcha', '');
  }, [form]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const submit = async (v: { login: string; password: string; captcha?: string }) => {
    setLoading(true);
    try {
      await api.post('/api/auth/login', { ...v, captchaId: captcha?.id });
      await refresh();
      nav('/');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '登录失败');
      await reload();
    } finally {
      setLoading(false);
    }
  };
  return (
    <Shell title="机构登录（卫生行政机构 / 卫生机构 / 考核机构 / 行业组织）">
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="login" label="账号" rules={[{ required: true, message: '请输入账号' }]}>
          <Input autoComplete="username" placeholder="机构账号" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {!captcha?.disabled && (
          <Form.Item label="验证码" required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="captcha" noStyle rules={[{ required: true, message: '请输入验证码' }]}>
                <Input placeholder="验证码" maxLength={4} />
              </Form.Item>
              <button
                type="button"
                title="看不清？换一张"
                aria-label="验证码图片，看不清？点击换一张"
                style={{ cursor: 'pointer', height: 32, padding: 0, background: 'none', border: '1px solid #d9d9d9' }}
                onClick={reload}
              >
                {/* the server's SVG shown as an image: never parsed into the page's DOM */}
                {captcha?.svg && (
                  <img
                    src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(captcha.svg)}`}
                    alt="验证码"
                    height={30}
                    width={100}
                  />
                )}
              </button>
            </Space.Compact>
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={loading}>
          登录
        </Button>
      </Form>
      <div style={{ marginTop: 12, textAlign: 'center' }}>
        <Link to="/doctor/login">医师登录</Link>
      </div>
    </Shell>
  );
}

/** 医师登录: 证件号码（或已绑定的手机号）, 姓名, 密码, 【登录】 */
export function PhysicianLoginPage() {
  const [loading, setLoading] = useState(false);
  const { refresh } = useMe();
  const nav = useNavigate();
  const { message, modal } = App.useApp();
  const submit = async (v: { idNumber: string; name: string; password: string }) => {
    setLoading(true);
    try {
      await api.post('/api/auth/physician-login', v);
      await refresh();
      nav('/doctor');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '登录失败');
    } finally {
      setLoading(false);
    }
  };
  return (
    <Shell title="医师登录">
      <Form layout="vertical" onFinish={submit}>
        <Form.Item
          name="idNumber"
          label="证件号码 / 手机号"
          extra="证件号码与医师电子化注册系统一致；已绑定手机号的医师也可以输入手机号"
          rules={[{ required: true, message: '请输入证件号码或已绑定的手机号' }]}
        >
          <Input placeholder="证件号码或手机号" autoComplete="username" inputMode="text" />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={loading}>
          登录
        </Button>
      </Form>
      <Space style={{ marginTop: 12, width: '100%', justifyContent: 'space-between' }}>
        <Button
          type="link"
          onClick={() =>
            modal.info({
              title: '重置密码',
              content: '请联系本单位（所在卫生机构）定考负责人在「医师信息列表」中为您重置密码。',
            })
          }
        >
          重置密码
        </Button>
        <Button
          type="link"
          onClick={() =>
            modal.info({
              title: '注册新账号',
              content:
                '医师账号来源于医师电子化注册系统，无需注册。无法登录的医师请联系本单位定考负责人，核实个人信息是否在本机构账号下。',
            })
          }
        >
          注册新账号
        </Button>
        <Link to="/login">机构登录</Link>
      </Space>
    </Shell>
  );
}
