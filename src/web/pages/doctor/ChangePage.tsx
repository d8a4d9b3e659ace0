import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Result, Spin, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { mineKey, useMine } from './mine';
import { RegisterWizard } from './wizard/RegisterWizard';
import { SubmittedResult } from './wizard/SubmittedResult';

/** 申请修改 (after 报名成功): apply with a reason; once allowed, edit steps 1–4 and the photo, then 【提交】. */
export function ChangePage() {
  const { message } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const q = useMine();
  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="error" message={(q.error as Error).message} />;
  const m = q.data!;
  const cr = m.changeRequest;
  if (cr?.state === 'allowed') {
    return (
      <>
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message="卫生机构已允许修改"
          description="可修改基本信息（含照片）、执业信息、相关经历和工作成绩、职业道德自评；改完后在最后一步点击【提交】，由卫生机构重新审核（姓名和证件号码不可修改）。"
        />
        <RegisterWizard mode="change" />
      </>
    );
  }
  // after 【提交】 (and on any later visit while it is being reviewed): what happens next
  if (cr?.state === 'submitted') return <SubmittedResult mine={m} mode="change" onHome={() => nav('/doctor')} />;
  if (cr?.state === 'pending') {
    return (
      <Result
        status="info"
        title={cr.stateLabel}
        subTitle={`修改申请已提交（原因：${cr.reason}），请等待卫生机构处理。`}
        extra={<Button onClick={() => nav('/doctor')}>返回首页</Button>}
      />
    );
  }
  const apply = async (v: { reason: string }) => {
    try {
      await api.post('/api/enrolments/mine/change-requests', v);
      message.success('修改申请已提交，请联系本单位审核');
      await qc.invalidateQueries({ queryKey: mineKey });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card title="申请修改">
      {cr && (cr.state === 'refused' || cr.state === 'rejected' || cr.state === 'approved') && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={cr.state === 'approved' ? 'success' : 'warning'}
          message={`上一次修改申请：${cr.stateLabel}`}
          description={cr.replyReason ? `处理意见：${cr.replyReason}` : undefined}
        />
      )}
      {m.enrolment?.canRequestChange ? (
        <Form layout="vertical" onFinish={apply}>
          <Typography.Paragraph type="secondary">
            已报名成功的医师，如发现信息填写有误，可向所在卫生机构申请修改信息，经本单位同意后方可修改。
          </Typography.Paragraph>
          <Form.Item
            name="reason"
            label="申请修改的原因"
            rules={[{ required: true, whitespace: true, message: '请填写申请修改的原因' }]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            申请修改
          </Button>{' '}
          <Button onClick={() => nav('/doctor')}>返回</Button>
        </Form>
      ) : (
        <Result
          status="info"
          title="当前不能申请修改"
          subTitle="报名成功后才能申请修改信息。"
          extra={<Button onClick={() => nav('/doctor')}>返回首页</Button>}
        />
      )}
    </Card>
  );
}
