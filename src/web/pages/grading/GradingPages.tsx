import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { z } from 'zod';
import type { TGradingRow, ZConfirmResult, ZGradingList } from '../../../shared/schemas/grading';
import { api, ApiError } from '../../api/client';

type List = z.infer<typeof ZGradingList>;
type ConfirmResult = z.infer<typeof ZConfirmResult>;

function Score({ o }: { o: TGradingRow['humanities'] }) {
  if (o.passed === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (o.exempt) return <Tag color="blue">免考</Tag>;
  return (
    <Space size={4}>
      <span>{o.score ?? '未参加'}</span>
      <Typography.Text type="secondary">/ {o.passLine}</Typography.Text>
      {o.passed ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>}
    </Space>
  );
}

/** 上一页 / 下一页 over keyset pages: a stack of cursors, no OFFSET. */
function KeysetPager({
  cursor,
  setCursor,
  nextAfter,
}: {
  cursor: number[];
  setCursor: (c: number[]) => void;
  nextAfter: number | null;
}) {
  return (
    <Space style={{ marginTop: 12 }}>
      <Button disabled={!cursor.length} onClick={() => setCursor(cursor.slice(0, -1))}>
        上一页
      </Button>
      <Button disabled={nextAfter === null} onClick={() => setCursor([...cursor, nextAfter!])}>
        下一页
      </Button>
    </Space>
  );
}

const baseColumns: ColumnsType<TGradingRow> = [
  { title: '姓名', dataIndex: 'physicianName' },
  { title: '证件号码', dataIndex: 'idNumberMasked' },
  { title: '医师级别', dataIndex: 'level' },
  { title: '执业类别', dataIndex: 'practiceCategory' },
  { title: '执业机构', dataIndex: 'institutionName' },
  { title: '人文医学（得分/合格线）', render: (_, r) => <Score o={r.humanities} /> },
  { title: '业务水平（得分/合格线）', render: (_, r) => <Score o={r.professional} /> },
  {
    title: '评定结果',
    render: (_, r) => <Tag color={r.proposedResult === '合格' ? 'green' : 'red'}>{r.proposedResult}</Tag>,
  },
  { title: '考核状态', dataIndex: 'statusLabel' },
];

function useConfirmMessage() {
  const { message, modal } = App.useApp();
  return (r: ConfirmResult) => {
    if (r.failed.length === 0) message.success(`已确认 ${r.done} 条`);
    else
      modal.warning({
        title: `已确认 ${r.done} 条，${r.failed.length} 条未能确认`,
        content: r.failed.map((f) => `记录 ${f.id}：${f.message}`).join('\n'),
      });
  };
}

/**
 * 评定简易程序测评结果 / 评定一般程序成绩结果 (考核机构, round first) and
 * 评定简易程序再次考核 / 评定一般程序再次考核 (卫生行政机构, round reexam): 【确认】【批量确认】.
 */
export function GradingPage({
  round,
  procedure,
  title,
}: {
  round: 'first' | 'reexam';
  procedure: 'general' | 'simple';
  title: string;
}) {
  const [keyword, setKeyword] = useState('');
  const [cursor, setCursor] = useState<number[]>([]);
  const [selected, setSelected] = useState<number[]>([]);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showResult = useConfirmMessage();
  const after = cursor[cursor.length - 1];
  const key = ['grading', round, procedure, keyword, after];
  const q = useQuery({
    queryKey: key,
    queryFn: () => api.get<List>('/api/grading', { round, procedure, keyword, after, limit: 20 }),
  });
  const confirm = useMutation({
    mutationFn: (ids: number[]) => api.post<ConfirmResult>('/api/grading/confirm', { round, ids }),
    onSuccess: (r) => {
      showResult(r);
      setSelected([]);
      void qc.invalidateQueries({ queryKey: ['grading'] });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : '操作失败'),
  });
  const action = round === 'first' ? 'GRADE' : 'GRADE_REEXAM';
  return (
    <Card title={title}>
      <Typography.Paragraph type="secondary">
        评定结果依据本省设置的合格分数线自动计算：人文医学、业务水平（一般程序）任一未达标，或工作成绩、职业道德任一不合格，即为不合格。请核对后【确认】。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          placeholder="姓名或证件号码"
          allowClear
          onSearch={(v) => (setKeyword(v), setCursor([]))}
          style={{ width: 240 }}
        />
        <Button
          type="primary"
          disabled={!selected.length}
          loading={confirm.isPending}
          onClick={() => confirm.mutate(selected)}
        >
          批量确认
        </Button>
        <Typography.Text type="secondary">共 {q.data?.total ?? 0} 条</Typography.Text>
      </Space>
      <Table<TGradingRow>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        pagination={false}
        scroll={{ x: true }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
        columns={[
          ...baseColumns,
          {
            title: '操作',
            render: (_, r) =>
              r.actions.includes(action) ? (
                <Button type="link" onClick={() => confirm.mutate([r.id])}>
                  确认
                </Button>
              ) : null,
          },
        ]}
      />
      <KeysetPager cursor={cursor} setCursor={setCursor} nextAfter={q.data?.nextAfter ?? null} />
    </Card>
  );
}

/** 确认再次考核名单 (省级): 【确认】【一键确认】; physicians get an in-app message. */
export function ReexamConfirmPage() {
  const [confirmed, setConfirmed] = useState<'0' | '1'>('0');
  const [keyword, setKeyword] = useState('');
  const [cursor, setCursor] = useState<number[]>([]);
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const showResult = useConfirmMessage();
  const after = cursor[cursor.length - 1];
  const q = useQuery({
    queryKey: ['reexam', confirmed, keyword, after],
    queryFn: () => api.get<List>('/api/reexam/candidates', { confirmed, keyword, after, limit: 20 }),
  });
  const confirm = useMutation({
    mutationFn: (body: { ids: number[] } | { all: true }) => api.post<ConfirmResult>('/api/reexam/confirm', body),
    onSuccess: (r) => {
      showResult(r);
      void qc.invalidateQueries({ queryKey: ['reexam'] });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : '操作失败'),
  });
  return (
    <Card title="确认再次考核名单">
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type={confirmed === '0' ? 'primary' : 'default'} onClick={() => (setConfirmed('0'), setCursor([]))}>
          待确认
        </Button>
        <Button type={confirmed === '1' ? 'primary' : 'default'} onClick={() => (setConfirmed('1'), setCursor([]))}>
          已确认
        </Button>
        <Input.Search
          placeholder="姓名或证件号码"
          allowClear
          onSearch={(v) => (setKeyword(v), setCursor([]))}
          style={{ width: 240 }}
        />
        {confirmed === '0' && (
          <Button
            type="primary"
            danger
            disabled={!q.data?.total}
            onClick={() =>
              modal.confirm({
                title: '一键确认',
                content: `确认将全部 ${q.data?.total ?? 0} 名测评不合格的医师列入再次考核名单？医师将收到站内消息和短信通知。`,
                onOk: () => confirm.mutateAsync({ all: true }),
              })
            }
          >
            一键确认
          </Button>
        )}
        <Typography.Text type="secondary">共 {q.data?.total ?? 0} 人</Typography.Text>
      </Space>
      <Table<TGradingRow>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          ...baseColumns.filter((c) => c.title !== '评定结果'),
          {
            title: '操作',
            render: (_, r) =>
              r.actions.includes('CONFIRM_REEXAM') ? (
                <Button type="link" onClick={() => confirm.mutate({ ids: [r.id] })}>
                  确认
                </Button>
              ) : null,
          },
        ]}
      />
      <KeysetPager cursor={cursor} setCursor={setCursor} nextAfter={q.data?.nextAfter ?? null} />
    </Card>
  );
}
