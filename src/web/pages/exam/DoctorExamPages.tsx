import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  List,
  Modal,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  ATTEMPT_STATUS_LABELS,
  PAPER_LABELS,
  type TExamOverview,
  type TPaperState,
  type TPaperType,
} from '../../../shared/schemas/exam';
import { api, ApiError } from '../../api/client';

const slash = (d: string) => d.replaceAll('-', '/');
const fmt = (iso: string | null) => {
  if (!iso) return '—';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

export function useExamOverview() {
  return useQuery({
    queryKey: ['exam-overview'],
    queryFn: () => api.get<TExamOverview>('/api/exam/overview'),
    refetchOnMount: 'always',
  });
}

function ErrorBox({ error }: { error: unknown }) {
  return <Alert type="error" showIcon message={error instanceof ApiError ? error.message : '加载失败，请稍后重试'} />;
}

/** 考核详情: enrolment status, procedure, exemptions, window; confirm the information → 试卷列表. */
export function ExamDetailPage() {
  const nav = useNavigate();
  const q = useExamOverview();
  const [confirmed, setConfirmed] = useState(false);
  if (q.isLoading) return <Spin />;
  if (q.error) return <ErrorBox error={q.error} />;
  const o = q.data!;
  if (!o.enrolled) return <Empty description={o.message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title="考核详情" size="small">
        <Descriptions column={1} size="small" bordered styles={{ label: { width: 92, whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="考核周期">{o.cycleName}</Descriptions.Item>
          <Descriptions.Item label="考核状态">
            <Tag color={o.inExamStage ? 'blue' : 'default'}>{o.statusLabel}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="考核程序">{o.procedureLabel ?? '未选择'}</Descriptions.Item>
          <Descriptions.Item label="测评内容">
            {o.procedure === 'simple'
              ? '人文医学测评（1 张试卷）'
              : o.procedure === 'general'
                ? '人文医学测评、业务水平测评（按顺序，共 2 张试卷）'
                : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="免考">
            {o.humanitiesExempt || o.professionalExempt
              ? [o.humanitiesExempt && '人文医学测评免考', o.professionalExempt && '业务水平测评免考']
                  .filter(Boolean)
                  .join('，')
              : '无'}
          </Descriptions.Item>
          {o.deferralApproved && (
            <Descriptions.Item label="延期考核">已批准，在再次考核时间内以首次考核形式参加测评</Descriptions.Item>
          )}
          {o.window && (
            <Descriptions.Item label={o.window.label}>
              {slash(o.window.start)} 至 {slash(o.window.end)}{' '}
              {o.window.open ? <Tag color="green">进行中</Tag> : <Tag>未开放</Tag>}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {o.physician && (
        <Card title="确认考核信息" size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label="姓名">{o.physician.name}</Descriptions.Item>
            <Descriptions.Item label="证件号码">{o.physician.idNumberMasked}</Descriptions.Item>
            <Descriptions.Item label="医师级别">{o.physician.level}</Descriptions.Item>
            <Descriptions.Item label="执业类别">{o.physician.practiceCategory}</Descriptions.Item>
            <Descriptions.Item label="执业机构">{o.physician.institution}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            请核对考核信息，保证信息准确无误，否则会影响考核成绩判定。如有错误请联系所在卫生机构。
          </Typography.Paragraph>
          <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)}>
            以上信息准确无误
          </Checkbox>
        </Card>
      )}
      <Alert type={o.inExamStage ? 'info' : 'warning'} showIcon message={o.message} />
      <Button
        type="primary"
        block
        size="large"
        disabled={!confirmed && o.inExamStage}
        onClick={() => nav('/doctor/exam/papers')}
      >
        {o.inExamStage ? '确认信息，进入试卷列表' : '试卷列表'}
      </Button>
    </Space>
  );
}

function PaperCard({ p, windowOpen }: { p: TPaperState; windowOpen: boolean }) {
  const nav = useNavigate();
  const status = p.exempt ? (
    <Tag>免考</Tag>
  ) : p.inProgressAttemptId ? (
    <Tag color="processing">答题中</Tag>
  ) : p.passed ? (
    <Tag color="green">已合格</Tag>
  ) : p.done ? (
    <Tag color="orange">已完成</Tag>
  ) : !p.required ? (
    <Tag>无需参加</Tag>
  ) : (
    <Tag color="blue">待测评</Tag>
  );
  return (
    <Card
      size="small"
      title={
        <Space>
          {p.label}
          {status}
        </Space>
      }
      extra={
        <Button
          type="primary"
          disabled={!p.canEnter}
          onClick={() =>
            nav(
              p.inProgressAttemptId
                ? `/doctor/exam/take/${p.inProgressAttemptId}`
                : `/doctor/exam/notice/${p.paperType}`,
            )
          }
        >
          进入
        </Button>
      }
    >
      <Descriptions column={2} size="small">
        <Descriptions.Item label="考试时长">{p.durationMinutes} 分钟</Descriptions.Item>
        <Descriptions.Item label="题量">{p.questionCount} 题</Descriptions.Item>
        <Descriptions.Item label="答题次数">
          {p.attemptsUsed}/{p.attemptsAllowed}（剩余 {p.attemptsLeft}）
        </Descriptions.Item>
        <Descriptions.Item label="合格分数">{p.passLine} 分</Descriptions.Item>
        <Descriptions.Item label="最高成绩">{p.bestScore ?? '—'}</Descriptions.Item>
      </Descriptions>
      {p.note && (
        <Alert
          style={{ marginTop: 8 }}
          type={p.inProgressAttemptId ? 'info' : windowOpen ? 'warning' : 'info'}
          message={p.note}
        />
      )}
      {p.attempts.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 8 }}
          header={<Typography.Text type="secondary">答题记录</Typography.Text>}
          dataSource={p.attempts}
          renderItem={(a) => (
            <List.Item>
              <Space wrap>
                <span>第 {a.attemptNo} 次</span>
                <span>{fmt(a.startedAt)}</span>
                <Tag>{ATTEMPT_STATUS_LABELS[a.status]}</Tag>
                {a.score !== null && <Tag color={a.passed ? 'green' : 'red'}>{a.score} 分</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 试卷列表: which papers, attempts used/left, best score, 【进入】. */
export function PaperListPage() {
  const q = useExamOverview();
  if (q.isLoading) return <Spin />;
  if (q.error) return <ErrorBox error={q.error} />;
  const o = q.data!;
  if (!o.enrolled) return <Empty description={o.message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        试卷列表
      </Typography.Title>
      {o.window && (
        <Typography.Text type="secondary">
          {o.window.label}：{slash(o.window.start)} 至 {slash(o.window.end)}
        </Typography.Text>
      )}
      {!o.inExamStage && <Alert type="info" showIcon message={o.message} />}
      {o.procedure === 'general' && o.inExamStage && (
        <Alert
          type="info"
          message="一般程序试卷按顺序作答：先完成人文医学测评，再参加业务水平测评（仅一次答题机会）。"
        />
      )}
      {o.papers.length === 0 && <Empty description="暂无试卷" />}
      {o.papers.map((p) => (
        <PaperCard key={p.paperType} p={p} windowOpen={!!o.window?.open} />
      ))}
    </Space>
  );
}

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
