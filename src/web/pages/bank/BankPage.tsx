import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import {
  BANK_LABELS,
  HUMANITIES_CHAPTERS,
  OPTION_KEYS,
  PRACTICE_CATEGORIES,
  PROFESSIONAL_SPECIALTIES,
  QUESTION_TYPE_LABELS,
  type TBank,
  type TImportResult,
  type TPracticeCategory,
  type TQuestionDetail,
  type TQuestionList,
  type TQuestionRow,
  type TQuestionType,
} from '../../../shared/schemas/bank';
import { api, ApiError, download } from '../../api/client';

const fmt = (s: string) => dayjs(s).format('YYYY/MM/DD HH:mm');
const errText = (e: unknown) => (e instanceof ApiError ? e.message : '操作失败，请稍后重试');

function categoriesOf(bank: TBank, practiceCategory?: string | null): string[] {
  if (bank === 'humanities') return [...HUMANITIES_CHAPTERS];
  if (practiceCategory) return [...(PROFESSIONAL_SPECIALTIES[practiceCategory as TPracticeCategory] ?? [])];
  return [...new Set(Object.values(PROFESSIONAL_SPECIALTIES).flat())];
}

interface Filters {
  category?: string;
  practiceCategory?: string;
  type?: TQuestionType;
  difficulty?: number;
  status?: 'enabled' | 'retired';
  keyword?: string;
}

interface FormValues {
  category: string;
  practiceCategory?: string;
  type: TQuestionType;
  stem: string;
  options: { text: string }[];
  single?: string;
  multiple?: string[];
  explanation?: string;
  difficulty: number;
}

/** 新增 / 编辑 a question. Editing saves a new version; the old one is kept. */
function QuestionModal({
  bank,
  editing,
  open,
  onClose,
}: {
  bank: TBank;
  editing: TQuestionRow | null;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const type = Form.useWatch('type', form) ?? 'single';
  const practiceCategory = Form.useWatch('practiceCategory', form);
  const options = Form.useWatch('options', form) ?? [];
  useEffect(() => {
    if (!open) return;
    if (editing) {
      form.setFieldsValue({
        category: editing.category,
        practiceCategory: editing.practiceCategory ?? undefined,
        type: editing.type,
        stem: editing.stem,
        options: editing.options.map((o) => ({ text: o.text })),
        single: editing.type !== 'multiple' ? editing.answer[0] : undefined,
        multiple: editing.type === 'multiple' ? editing.answer : undefined,
        explanation: editing.explanation,
        difficulty: editing.difficulty,
      });
    } else {
      form.resetFields();
      form.setFieldsValue({
        type: 'single',
        difficulty: 3,
        options: [{ text: '' }, { text: '' }, { text: '' }, { text: '' }],
      });
    }
  }, [open, editing, form]);
  const onType = (t: TQuestionType) => {
    if (t === 'judge') form.setFieldsValue({ options: [{ text: '正确' }, { text: '错误' }], single: undefined });
    else if (form.getFieldValue('type') === 'judge')
      form.setFieldsValue({ options: [{ text: '' }, { text: '' }, { text: '' }, { text: '' }], single: undefined });
    form.setFieldsValue({ multiple: [], single: undefined });
  };
  const save = useMutation({
    mutationFn: async (v: FormValues) => {
      const body = {
        category: v.category,
        practiceCategory: bank === 'professional' ? v.practiceCategory : null,
        type: v.type,
        stem: v.stem,
        options: v.options.map((o, i) => ({ key: OPTION_KEYS[i], text: o.text })),
        answer: v.type === 'multiple' ? (v.multiple ?? []) : v.single ? [v.single] : [],
        explanation: v.explanation ?? '',
        difficulty: v.difficulty,
      };
      if (editing)
        return api.put(`/api/bank/questions/${editing.id}`, { ...body, baseVersionId: editing.currentVersionId });
      return api.post('/api/bank/questions', { ...body, bank });
    },
    onSuccess: () => {
      message.success(editing ? '已保存为新版本' : '已新增试题');
      void qc.invalidateQueries({ queryKey: ['bank'] });
      onClose();
    },
    onError: (e) => message.error(errText(e)),
  });
  const keys = options.map((_, i) => OPTION_KEYS[i]);
  return (
    <Modal
      open={open}
      title={editing ? `编辑试题（当前第 ${editing.version} 版，保存后生成新版本）` : `新增${BANK_LABELS[bank]}试题`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      <Form form={form} name="question" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Space wrap>
          {bank === 'professional' && (
            <Form.Item label="执业类别" name="practiceCategory" rules={[{ required: true, message: '请选择执业类别' }]}>
              <Select
                style={{ width: 140 }}
                options={PRACTICE_CATEGORIES.map((c) => ({ value: c, label: c }))}
                onChange={() => form.setFieldsValue({ category: undefined as never })}
              />
            </Form.Item>
          )}
          <Form.Item
            label={bank === 'professional' ? '专业' : '分类'}
            name="category"
            rules={[{ required: true, message: '请选择分类' }]}
          >
            <Select
              style={{ width: 160 }}
              options={categoriesOf(bank, practiceCategory).map((c) => ({ value: c, label: c }))}
            />
          </Form.Item>
          <Form.Item label="题型" name="type" rules={[{ required: true }]}>
            <Radio.Group
              onChange={(e) => onType(e.target.value)}
              optionType="button"
              options={(['single', 'multiple', 'judge'] as const).map((t) => ({
                value: t,
                label: QUESTION_TYPE_LABELS[t],
              }))}
            />
          </Form.Item>
          <Form.Item label="难度" name="difficulty" rules={[{ required: true, message: '请填写难度' }]}>
            <InputNumber min={1} max={5} />
          </Form.Item>
        </Space>
        <Form.Item label="题干" name="stem" rules={[{ required: true, message: '请填写题干' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.List name="options">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Typography.Text strong>{OPTION_KEYS[i]}</Typography.Text>
                  <Form.Item
                    name={[f.name, 'text']}
                    rules={[{ required: true, message: '请填写选项内容' }]}
                    style={{ width: 560, marginBottom: 8 }}
                  >
                    <Input disabled={type === 'judge'} aria-label={`选项${OPTION_KEYS[i]}`} />
                  </Form.Item>
                  {type !== 'judge' && fields.length > 2 && i === fields.length - 1 && (
                    <Button size="small" onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  )}
                </Space>
              ))}
              {type !== 'judge' && fields.length < 8 && (
                <Button size="small" onClick={() => add({ text: '' })} style={{ marginBottom: 12 }}>
                  添加选项
                </Button>
              )}
            </>
          )}
        </Form.List>
        {type === 'multiple' ? (
          <Form.Item label="答案" name="multiple" rules={[{ required: true, message: '请选择答案' }]}>
            <Checkbox.Group options={keys.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
        ) : (
          <Form.Item label="答案" name="single" rules={[{ required: true, message: '请选择答案' }]}>
            <Radio.Group
              options={keys.map((k, i) => ({
                value: k,
                label: type === 'judge' ? `${k} ${options[i]?.text ?? ''}` : k,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item label="解析" name="explanation">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HistoryDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const q = useQuery({
    queryKey: ['bank', 'question', id],
    queryFn: () => api.get<TQuestionDetail>(`/api/bank/questions/${id}`),
    enabled: id != null,
  });
  return (
    <Drawer open={id != null} onClose={onClose} title="版本历史" size="large">
      {q.data?.versions.map((v) => (
        <Card
          key={v.id}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <Space>
              第 {v.version} 版{v.current && <Tag color="blue">当前版本</Tag>}
              <Typography.Text type="secondary">{fmt(v.createdAt)}</Typography.Text>
            </Space>
          }
        >
          <Typography.Paragraph>
            【{QUESTION_TYPE_LABELS[v.type]}】{v.stem}
          </Typography.Paragraph>
          {v.options.map((o) => (
            <div key={o.key}>
              {o.key}. {o.text}
            </div>
          ))}
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            答案：{v.type === 'judge' ? (v.answer[0] === 'A' ? '正确' : '错误') : v.answer.join('')}　难度：
            {v.difficulty}
          </Typography.Paragraph>
          {v.explanation && <Typography.Paragraph type="secondary">解析：{v.explanation}</Typography.Paragraph>}
        </Card>
      ))}
    </Drawer>
  );
}

function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [file, setFile] = useState<UploadFile | null>(null);
  const [result, setResult] = useState<TImportResult | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  useEffect(() => {
    if (open) {
      setFile(null);
      setResult(null);
    }
  }, [open]);
  const run = useMutation({
    mutationFn: () => {
      const fd = new FormData();
      fd.append('file', file!.originFileObj as File, file!.name);
      return api.upload<TImportResult>('/api/bank/import', fd);
    },
    onSuccess: (r) => {
      setResult(r);
      if (r.status === 'imported') {
        message.success(`成功导入 ${r.imported} 道试题`);
        void qc.invalidateQueries({ queryKey: ['bank'] });
      }
    },
    onError: (e) => message.error(errText(e)),
  });
  return (
    <Modal open={open} title="导入试题" onCancel={onClose} footer={null} width={760} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          请使用导入模板填写（.xlsx）。系统先检查全部行：任一行有误则不导入任何试题，并列出每一处错误。
        </Typography.Text>
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => download('/api/bank/template', '试题导入模板.xlsx')}>
            下载导入模板
          </Button>
          <Upload
            accept=".xlsx"
            maxCount={1}
            beforeUpload={() => false}
            fileList={file ? [file] : []}
            onChange={(info) => {
              setFile(info.fileList[0] ?? null);
              setResult(null);
            }}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
          <Button type="primary" disabled={!file} loading={run.isPending} onClick={() => run.mutate()}>
            开始导入
          </Button>
        </Space>
        {result?.status === 'imported' && (
          <Alert
            type="success"
            showIcon
            message={`导入成功：共 ${result.total} 行，已导入 ${result.imported} 道试题`}
          />
        )}
        {result?.status === 'rejected' && (
          <>
            <Alert
              type="error"
              showIcon
              message={`导入失败：共 ${result.total} 行，发现 ${result.errors.length} 处错误，未导入任何试题。请修改后重新导入。`}
              action={
                <Button
                  size="small"
                  onClick={() => download(`/api/bank/imports/${result.importId}/report`, '试题导入错误报告.xlsx')}
                >
                  下载错误报告
                </Button>
              }
            />
            <Table
              size="small"
              rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
              dataSource={result.errors}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 70 },
                { title: '列', dataIndex: 'column', width: 100 },
                { title: '错误说明', dataIndex: 'message' },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}

/** 人文医学题库 / 业务水平题库 (省级): list, filters, 新增, 编辑 (new version), 停用/启用, 版本历史, 导入, 导出. */
export function BankPage({ bank }: { bank: TBank }) {
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<TQuestionRow | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [history, setHistory] = useState<number | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [form] = Form.useForm<Filters>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const pc = Form.useWatch('practiceCategory', form);
  const query = { bank, ...filters, ...page };
  const q = useQuery({
    queryKey: ['bank', 'list', query],
    queryFn: () => api.get<TQuestionList>('/api/bank/questions', query),
    placeholderData: keepPreviousData,
  });
  const setStatus = useMutation({
    mutationFn: ({ id, to }: { id: number; to: 'retire' | 'enable' }) => api.post(`/api/bank/questions/${id}/${to}`),
    onSuccess: (_r, v) => {
      message.success(v.to === 'retire' ? '已停用' : '已启用');
      void qc.invalidateQueries({ queryKey: ['bank'] });
    },
    onError: (e) => message.error(errText(e)),
  });
  return (
    <Card title={`${BANK_LABELS[bank]}题库`}>
      <Form
        form={form}
        name="filters"
        layout="inline"
        onFinish={(v) => {
          setFilters(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        style={{ marginBottom: 12, rowGap: 8 }}
      >
        {bank === 'professional' && (
          <Form.Item label="执业类别" name="practiceCategory">
            <Select
              allowClear
              style={{ width: 120 }}
              options={PRACTICE_CATEGORIES.map((c) => ({ value: c, label: c }))}
              onChange={() => form.setFieldsValue({ category: undefined })}
            />
          </Form.Item>
        )}
        <Form.Item label={bank === 'professional' ? '专业' : '分类'} name="category">
          <Select
            allowClear
            style={{ width: 140 }}
            options={categoriesOf(bank, pc).map((c) => ({ value: c, label: c }))}
          />
        </Form.Item>
        <Form.Item label="题型" name="type">
          <Select
            allowClear
            style={{ width: 110 }}
            options={(['single', 'multiple', 'judge'] as const).map((t) => ({
              value: t,
              label: QUESTION_TYPE_LABELS[t],
            }))}
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
            options={[
              { value: 'enabled', label: '启用' },
              { value: 'retired', label: '停用' },
            ]}
          />
        </Form.Item>
        <Form.Item label="关键字" name="keyword">
          <Input allowClear placeholder="题干关键字" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form.Item>
      </Form>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            setEditing(null);
            setFormOpen(true);
          }}
        >
          新增
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
          导入
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download(
              `/api/bank/export?${new URLSearchParams(
                Object.entries({ bank, ...filters })
                  .filter(([, v]) => v != null && v !== '')
                  .map(([k, v]) => [k, String(v)]),
              )}`,
              `${BANK_LABELS[bank]}试题.xlsx`,
            ).catch((e) => message.error(errText(e)))
          }
        >
          导出
        </Button>
        <Button onClick={() => download('/api/bank/template', '试题导入模板.xlsx')}>下载导入模板</Button>
      </Space>
      {q.error && <Alert type="error" message={errText(q.error)} />}
      <Table<TQuestionRow>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items}
        scroll={{ x: 1000 }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total,
          showTotal: (t) => `共 ${t} 题`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: '题干', dataIndex: 'stem', ellipsis: true, width: 360 },
          ...(bank === 'professional' ? [{ title: '执业类别', dataIndex: 'practiceCategory', width: 90 }] : []),
          { title: bank === 'professional' ? '专业' : '分类', dataIndex: 'category', width: 100 },
          { title: '题型', dataIndex: 'type', width: 80, render: (t: TQuestionType) => QUESTION_TYPE_LABELS[t] },
          { title: '难度', dataIndex: 'difficulty', width: 60 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 70,
            render: (s: string) => (s === 'enabled' ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
          },
          { title: '版本', dataIndex: 'version', width: 60, render: (v: number) => `第${v}版` },
          { title: '更新时间', dataIndex: 'updatedAt', width: 140, render: fmt },
          {
            title: '操作',
            key: 'actions',
            fixed: 'right',
            width: 170,
            render: (_: unknown, r) => (
              <Space size={4}>
                {r.actions.includes('edit') && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => {
                      setEditing(r);
                      setFormOpen(true);
                    }}
                  >
                    编辑
                  </Button>
                )}
                {r.actions.includes('retire') && (
                  <Button size="small" type="link" danger onClick={() => setStatus.mutate({ id: r.id, to: 'retire' })}>
                    停用
                  </Button>
                )}
                {r.actions.includes('enable') && (
                  <Button size="small" type="link" onClick={() => setStatus.mutate({ id: r.id, to: 'enable' })}>
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
        ]}
      />
      <QuestionModal bank={bank} editing={editing} open={formOpen} onClose={() => setFormOpen(false)} />
      <HistoryDrawer id={history} onClose={() => setHistory(null)} />
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)} />
    </Card>
  );
}
