import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Modal, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PAPER_LABELS, type TPaperType } from '../../../../shared/schemas/exam';
import { api, ApiError } from '../../../api/client';
import { ErrorBox, useExamOverview } from './common';

const CONSENT_TEXT =
  '为保证考核公平，测评期间系统将通过手机（电脑）前置摄像头分时段随机采集您的头像，并与您在系统中登记的标准照片进行智能比对，用于发现替考等违纪行为。采集的照片仅用于本次定期考核的监考和违纪处理，由考核管理部门依法保存。不授权将无法参加测评。';

/** 考试须知 (+ 人脸信息采集授权 on first entry) → 【去考试】. */
export function ExamNoticePage() {
  const { paperType } = useParams() as { paperType: TPaperType };
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useExamOverview();
  const consent = useMutation({
    mutationFn: () => api.post('/api/exam/consent'),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['exam-overview'] }),
  });
  // above the province's start rate the server queues the physician: wait here and retry
  const [waiting, setWaiting] = useState<{ position: number; retryAfterSeconds: number } | null>(null);
  const start = useMutation({
    mutationFn: () => api.post<{ attemptId: number }>(`/api/exam/papers/${paperType}/start`),
    onSuccess: (r) => {
      setWaiting(null);
      nav(`/doctor/exam/take/${r.attemptId}`, { replace: true });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'START_WAIT') {
        setWaiting(e.details as { position: number; retryAfterSeconds: number });
        return;
      }
      setWaiting(null);
      message.error(e.message);
    },
  });
  const { mutate } = start;
  useEffect(() => {
    if (!waiting) return;
    const t = setTimeout(() => mutate(), Math.min(waiting.retryAfterSeconds, 5) * 1000);
    return () => clearTimeout(t);
  }, [waiting, mutate]);
  if (q.isLoading) return <Spin />;
  if (q.error) return <ErrorBox error={q.error} />;
  const o = q.data!;
  const p = o.papers.find((x) => x.paperType === paperType);
  if (!p) return <Empty description="该试卷不在您的测评范围内" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={`考试须知 — ${PAPER_LABELS[paperType]}`} size="small">
        <Typography>
          <ol style={{ paddingLeft: 20, margin: 0, lineHeight: 1.9 }}>
            <li>
              本试卷共 {p.questionCount} 题，考试时长 {p.durationMinutes} 分钟，合格分数 {p.passLine} 分。
            </li>
            <li>点击【去考试】后开始计时，计时以服务器时间为准，不能暂停；时间到系统自动交卷。</li>
            <li>每次作答自动保存。网络中断或退出后，在考试时间内重新进入可继续作答，已作答内容不会丢失。</li>
            {paperType === 'humanities' ? (
              <li>
                人文医学测评可答题 {p.attemptsAllowed} 次（剩余 {p.attemptsLeft}{' '}
                次），试卷分数达到合格分数即交卷成功，无需再次答题。
              </li>
            ) : (
              <li>业务水平测评仅一次答题机会，交卷后不能重新答题。</li>
            )}
            <li>题型包括单选题、多选题和判断题；多选题须全部选对才得分。可使用【标记】标出需要复查的题目。</li>
            <li>测评期间将通过摄像头采集头像进行过程监考，请选择安静环境，不要遮挡摄像头，不要围观，不要替考。</li>
          </ol>
        </Typography>
      </Card>
      {p.note && !p.canEnter && <Alert type="warning" showIcon message={p.note} />}
      <Button
        type="primary"
        size="large"
        block
        disabled={!p.canEnter || !o.consented}
        loading={start.isPending}
        onClick={() => start.mutate()}
      >
        去考试
      </Button>
      <Button block onClick={() => nav('/doctor/exam/papers')}>
        返回试卷列表
      </Button>
      <Modal
        open={!!waiting}
        title="排队等候开始答题"
        closable={false}
        maskClosable={false}
        footer={
          <Button onClick={() => setWaiting(null)} data-testid="leave-queue">
            暂不答题
          </Button>
        }
      >
        <div data-testid="start-waiting" style={{ textAlign: 'center', padding: '12px 0' }}>
          <Spin />
          <Typography.Title level={4} style={{ marginTop: 12 }}>
            您前面还有 {Math.max(0, (waiting?.position ?? 1) - 1)} 人
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            当前开始答题的人数较多，本省限定了每分钟开始答题的人数。请不要离开本页面，轮到您时将自动进入答题；考试计时从进入答题时开始。
          </Typography.Paragraph>
        </div>
      </Modal>
      <Modal
        open={!o.consented && o.inExamStage}
        title="人脸信息采集授权"
        closable={false}
        maskClosable={false}
        okText="同意授权"
        cancelText="不同意"
        confirmLoading={consent.isPending}
        onOk={() => consent.mutate(undefined, { onError: (e) => message.error(e.message) })}
        onCancel={() => nav('/doctor/exam/papers')}
      >
        <Typography.Paragraph>{CONSENT_TEXT}</Typography.Paragraph>
        <Typography.Text type="secondary">
          初次进入测评须进行人脸信息采集授权，否则影响考核监考以及测评进度。
        </Typography.Text>
      </Modal>
    </Space>
  );
}
