import { Button, Card } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useMe } from '../../../app/auth';
import { BigTextSwitch, DoctorShell } from '../shell/DoctorShell';

/**
 * 操作手册 and 常见问题 are public (linked from the login pages): logged-out readers get a plain
 * phone header with 【返回登录】, a logged-in physician the usual menu.
 */
export function HelpFrame({ title, children }: { title: string; children: ReactNode }) {
  const { me } = useMe();
  const nav = useNavigate();
  const physician = me?.role === 'physician';
  const body = (
    <Card title={title} extra={physician ? undefined : <BigTextSwitch />} styles={{ body: { padding: 12 } }}>
      {children}
    </Card>
  );
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <div
        style={{
          background: '#1677ff',
          color: '#fff',
          padding: '0 12px',
          minHeight: 48,
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
        }}
      >
        <span style={{ fontWeight: 600, fontSize: 18 }}>医师定期考核</span>
        <Button ghost onClick={() => nav(me ? '/' : '/doctor/login')}>
          {me ? '返回首页' : '返回登录'}
        </Button>
      </div>
      <div style={{ maxWidth: 720, margin: '0 auto', padding: 12 }}>
        <DoctorShell menu={physician}>{body}</DoctorShell>
      </div>
    </div>
  );
}
