import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Spin, Typography } from 'antd';
import { api } from '../../api/client';
import type { THelpContactInput, THelpContactSetting } from '../../../shared/schemas/help';

const key = ['help-contact-setting'] as const;

/** 系统管理 › 联系客服设置 (province administration): the phone and hours shown on both login pages. */
export function ContactSettingPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: key, queryFn: () => api.get<THelpContactSetting>('/api/help/contact-setting') });
  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="error" message={(q.error as Error).message} />;
  const save = async (v: THelpContactInput) => {
    try {
      qc.setQueryData(key, await api.put<THelpContactSetting>('/api/help/contact-setting', v));
      await qc.invalidateQueries({ queryKey: ['help-contacts'] });
      message.success('已保存，登录页的联系客服已更新');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card title="联系客服设置" style={{ maxWidth: 560 }}>
      <Typography.Paragraph type="secondary">
        这里设置的客服电话和服务时间显示在机构登录页、医师登录页和医师的常见问题页，未登录的用户也能看到。
      </Typography.Paragraph>
      <Form layout="vertical" initialValues={{ phone: q.data?.phone, hours: q.data?.hours }} onFinish={save}>
        <Form.Item name="phone" label="客服电话" rules={[{ required: true, message: '请输入客服电话' }]}>
          <Input placeholder="例如 0771-12345678" maxLength={30} />
        </Form.Item>
        <Form.Item name="hours" label="服务时间" rules={[{ required: true, message: '请填写服务时间' }]}>
          <Input placeholder="例如 工作日 8:30–12:00，14:30–17:30" maxLength={60} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}
