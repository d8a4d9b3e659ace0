import { App, Button, Card, Form, Input, InputNumber, Select, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PAPER_LABELS, type TReviewRow } from '../../../shared/schemas/proctor';
import { useActor } from '../../app/auth';
import { FilterBar, IdNumber, PagedTable, useAction, useListState, useReasonPrompt } from '../../components';
import { FramesDrawer } from './FramesDrawer';
import { type ReviewFilters, useProctorAction, useReviewList } from './queries';

const INITIAL: ReviewFilters = { sort: 'similarity' };

/**
 * 监考管理 (卫生行政机构 / 卫生机构 / 考核机构, within jurisdiction): per paper the lowest similarity
 * and event counts; 【照片】; 疑似作弊 【标记】 / 【撤销标记】; 【处理】 违纪不合格 (administrations).
 */
export function ReviewPage() {
  const me = useActor();
  const list = useListState<ReviewFilters>(INITIAL);
  const q = useReviewList(list.filters, list.cursor);
  const act = useProctorAction();
  const action = useAction();
  const reason = useReasonPrompt();
  const { modal } = App.useApp();
  const [viewing, setViewing] = useState<number | null>(null);
  const threshold = q.data?.threshold ?? 0;

  const confirm = (title: string, content: string) =>
    new Promise<boolean>((resolve) =>
      modal.confirm({
        title,
        content,
        okText: '确认',
        cancelText: '取消',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );
  const flag = async (r: TReviewRow) => {
    if (await confirm('标记疑似作弊', `确认将 ${r.physicianName} 标记为疑似作弊？标记不代表不合格，仅作标识。`))
      await action(() => act.mutateAsync({ enrolmentId: r.enrolmentId, action: 'flag' }), '已标记为疑似作弊');
  };
  const unflag = async (r: TReviewRow) => {
    if (await confirm('撤销疑似作弊标记', `确认撤销 ${r.physicianName} 的疑似作弊标记？`))
      await action(() => act.mutateAsync({ enrolmentId: r.enrolmentId, action: 'unflag' }), '已撤销标记');
  };
  const process = async (r: TReviewRow) => {
    const text = await reason.ask({
      title: `处理：${r.physicianName}`,
      content:
        '确认后，该医师本周期考核结果将认定为「违纪不合格」，并通过站内消息和短信通知本人。医师可在规定期限内申诉。',
      label: '处理理由',
      okText: '确认',
      danger: true,
    });
    if (text)
      await action(
        () => act.mutateAsync({ enrolmentId: r.enrolmentId, action: 'process', reason: text }),
        '已处理为违纪不合格',
      );
  };

  return (
    <Card title="监考管理">
      <Typography.Paragraph type="secondary">
        建议先通过「最低相似度」进行筛选，简化核对工作量。相似度低于 {threshold || '—'} 显示为红色，仅供核对参考；
        标记疑似作弊不代表不合格。{me.role === 'admin' ? '' : '如需撤销疑似作弊标记，请联系当地行政部门处理。'}
      </Typography.Paragraph>
      <FilterBar list={list}>
        <Form.Item name="keyword" label="姓名/证件号">
          <Input allowClear placeholder="姓名或证件号码" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="paperType" label="试卷">
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder="全部"
            options={(['humanities', 'professional'] as const).map((v) => ({ value: v, label: PAPER_LABELS[v] }))}
          />
        </Form.Item>
        <Form.Item name="below" label="最低相似度低于">
          <InputNumber min={1} max={100} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="flagged" label="疑似作弊">
          <Select
            allowClear
            style={{ width: 100 }}
            placeholder="全部"
            options={[
              { value: 'yes', label: '已标记' },
              { value: 'no', label: '未标记' },
            ]}
          />
        </Form.Item>
        <Form.Item name="processed" label="处理">
          <Select
            allowClear
            style={{ width: 100 }}
            placeholder="全部"
            options={[
              { value: 'yes', label: '已处理' },
              { value: 'no', label: '未处理' },
            ]}
          />
        </Form.Item>
        <Form.Item name="sort" label="排序">
          <Select
            style={{ width: 150 }}
            options={[
              { value: 'similarity', label: '最低相似度从低到高' },
              { value: 'recent', label: '最近测评在前' },
            ]}
          />
        </Form.Item>
      </FilterBar>
      <PagedTable<TReviewRow>
        list={list}
        next={q.data?.nextCursor ?? null}
        loading={q.isFetching && !q.data}
        rowKey="attemptId"
        dataSource={q.data?.rows ?? []}
        columns={[
          { title: '姓名', dataIndex: 'physicianName' },
          { title: '证件号码', dataIndex: 'idNumber', render: (v: string) => <IdNumber value={v} /> },
          { title: '所在卫生机构', dataIndex: 'institutionName' },
          { title: '试卷', dataIndex: 'paperType', render: (v: TReviewRow['paperType']) => PAPER_LABELS[v] },
          { title: '测评时间', dataIndex: 'startedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          {
            title: '最低相似度',
            dataIndex: 'minSimilarity',
            render: (v: number | null, r) =>
              r.framesPending > 0 && v === null ? (
                <Tag color="processing">比对中</Tag>
              ) : v === null ? (
                '—'
              ) : (
                <Space size={4}>
                  <Tag color={v < threshold ? 'red' : 'green'}>{v}</Tag>
                  {r.framesPending > 0 && <Tag color="processing">比对中</Tag>}
                </Space>
              ),
          },
          { title: '照片数', dataIndex: 'framesTotal' },
          { title: '无人脸', dataIndex: 'noFace' },
          { title: '多人脸', dataIndex: 'multiFace' },
          { title: '摄像头中断', dataIndex: 'cameraLost' },
          { title: '疑似翻拍', dataIndex: 'spoofSuspected' },
          {
            title: '疑似作弊',
            dataIndex: 'flagged',
            render: (v: boolean, r) => {
              if (v && r.actions.includes('unflag'))
                return (
                  <Tooltip title="撤销标记">
                    <Button size="small" danger onClick={() => unflag(r)}>
                      撤销标记
                    </Button>
                  </Tooltip>
                );
              if (v) return <Tag color="red">疑似作弊</Tag>;
              return r.actions.includes('flag') ? (
                <Button size="small" type="primary" ghost onClick={() => flag(r)}>
                  标记
                </Button>
              ) : (
                '—'
              );
            },
          },
          {
            title: '操作',
            key: 'op',
            fixed: 'right',
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => setViewing(r.attemptId)}>
                  照片
                </Button>
                {r.processed ? (
                  <Tag color="red">违纪不合格</Tag>
                ) : (
                  r.actions.includes('process') && (
                    <Button size="small" danger onClick={() => process(r)}>
                      处理
                    </Button>
                  )
                )}
              </Space>
            ),
          },
        ]}
      />
      <FramesDrawer attemptId={viewing} onClose={() => setViewing(null)} />
      {reason.node}
    </Card>
  );
}
