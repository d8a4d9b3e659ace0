import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import {
  BANK_LABELS,
  PRACTICE_CATEGORIES,
  QUESTION_STATUS_LABELS,
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  type TBank,
  type TQuestionRow,
  type TQuestionType,
} from '../../../shared/schemas/bank';
import { download } from '../../api/client';
import { errorText, FilterBar, PagedTable, useAction, useListState } from '../../components';
import { type QuestionFilters, useQuestions, useSetQuestionStatus } from '../../queries/bank';
import { categoriesOf } from './categories';
import { HistoryDrawer } from './HistoryDrawer';
import { ImportModal } from './ImportModal';
import { QuestionModal } from './QuestionModal';

const PAGE_SIZE = 20;
const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

/** 分类 / 专业 filter: its choices follow the chosen 执业类别. */
function CategoryFilter({ bank }: { bank: TBank }) {
  const pc = Form.useWatch('practiceCategory');
  return (
    <Form.Item label={bank === 'professional' ? '专业' : '分类'} name="category">
      <Select allowClear style={{ width: 140 }} options={options(categoriesOf(bank, pc))} />
    </Form.Item>
  );
}

/** 人文医学题库 / 业务水平题库 (省级): list, filters, 新增, 编辑 (new version), 停用/启用, 版本历史, 导入, 导出. */
export function BankPage({ bank }: { bank: TBank }) {
  const list = useListState<QuestionFilters>({});
  const [editing, setEditing] = useState<TQuestionRow | null | 'new'>(null);
  const [history, setHistory] = useState<number | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const act = useAction();
  const f = list.filters;
  // a 专业 that does not belong to the newly chosen 执业类别 no longer filters
  const stale = !!f.category && !categoriesOf(bank, f.practiceCategory).includes(f.category);
  useEffect(() => {
    if (stale) list.apply({ ...f, category: undefined });
  }, [stale, f, list]);
  const q = useQuestions({ bank, ...f, page: list.page, pageSize: PAGE_SIZE });
  const setStatus = useSetQuestionStatus();
  const exportUrl = `/api/bank/export?${new URLSearchParams(
    Object.entries({ bank, ...f })
      .filter(([, v]) => v != null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  )}`;
  const columns: ColumnsType<TQuestionRow> = [
    { title: '题干', dataIndex: 'stem', ellipsis: true, width: 360 },
    ...(bank === 'professional' ? [{ title: '执业类别', dataIndex: 'practiceCategory', width: 90 }] : []),
    { title: bank === 'professional' ? '专业' : '分类', dataIndex: 'category', width: 100 },
    { title: '题型', dataIndex: 'type', width: 80, render: (t: TQuestionType) => QUESTION_TYPE_LABELS[t] },
    { title: '难度', dataIndex: 'difficulty', width: 60 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 70,
      render: (s: 'enabled' | 'retired') => (
        <Tag color={s === 'enabled' ? 'green' : undefined}>{QUESTION_STATUS_LABELS[s]}</Tag>
      ),
    },
    { title: '版本', dataIndex: 'version', width: 60, render: (v: number) => `第${v}版` },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      width: 140,
      render: (s: string) => dayjs(s).format('YYYY/MM/DD HH:mm'),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 170,
      render: (_: unknown, r) => (
        <Space size={4}>
          {r.actions.includes('edit') && (
            <Button size="small" type="link" onClick={() => setEditing(r)}>
              编辑
            </Button>
          )}
          {r.actions.includes('retire') && (
            <Button
              size="small"
              type="link"
              danger
              onClick={() => act(() => setStatus.mutateAsync({ id: r.id, to: 'retire' }), '已停用')}
            >
              停用
            </Button>
          )}
          {r.actions.includes('enable') && (
            <Button
              size="small"
              type="link"
              onClick={() => act(() => setStatus.mutateAsync({ id: r.id, to: 'enable' }), '已启用')}
            >
              启用
            </Button>
          )}
          {r.actions.includes('history') && (
            <Button size="small" type="link" onClick={() => setHistory(r.id)}>
              版本
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card title={`${BANK_LABELS[bank]}题库`}>
      <FilterBar list={list}>
        {bank === 'professional' && (
          <Form.Item label="执业类别" name="practiceCategory">
            <Select allowClear style={{ width: 120 }} options={options(PRACTICE_CATEGORIES)} />
          </Form.Item>
        )}
        <CategoryFilter bank={bank} />
        <Form.Item label="题型" name="type">
          <Select
            allowClear
            style={{ width: 110 }}
            options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))}
          />
        </Form.Item>
        <Form.Item label="难度" name="difficulty">
          <Select
            allowClear
            style={{ width: 90 }}
            options={[1, 2, 3, 4, 5].map((d) => ({ value: d, label: String(d) }))}
          />
        </Form.Item>
        <Form.Item label="状态" name="status">
          <Select
            allowClear
            style={{ width: 90 }}
            options={(['enabled', 'retired'] as const).map((s) => ({ value: s, label: QUESTION_STATUS_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item label="关键字" name="keyword">
          <Input allowClear placeholder="题干关键字" style={{ width: 160 }} />
        </Form.Item>
      </FilterBar>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
          导入
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => act(() => download(exportUrl, `${BANK_LABELS[bank]}试题.xlsx`))}
        >
          导出
        </Button>
        <Button onClick={() => act(() => download('/api/bank/template', '试题导入模板.xlsx'))}>下载导入模板</Button>
      </Space>
      {q.error && <Alert type="error" message={errorText(q.error)} />}
      <PagedTable<TQuestionRow>
        list={list}
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items}
        total={q.data?.total ?? 0}
        pageSize={PAGE_SIZE}
        scroll={{ x: 1000 }}
        columns={columns}
      />
      {editing && (
        <QuestionModal bank={bank} editing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <HistoryDrawer id={history} onClose={() => setHistory(null)} />
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)} />
    </Card>
  );
}
