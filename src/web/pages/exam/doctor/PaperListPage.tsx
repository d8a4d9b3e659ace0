import { Alert, Empty, Space, Spin, Typography } from 'antd';
import { ErrorBox, slash, useExamOverview } from './common';
import { PaperCard } from './PaperCard';

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
