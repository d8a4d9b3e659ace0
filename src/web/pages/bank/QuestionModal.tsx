import { Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import {
  BANK_LABELS,
  OPTION_KEYS,
  PRACTICE_CATEGORIES,
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  type TBank,
  type TQuestionRow,
  type TQuestionType,
} from '../../../shared/schemas/bank';
import { useAction } from '../../components';
import { useSaveQuestion } from '../../queries/bank';
import { categoriesOf } from './categories';

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

const blankOptions = () => [{ text: '' }, { text: '' }, { text: '' }, { text: '' }];

function initialValues(editing: TQuestionRow | null): Partial<FormValues> {
  if (!editing) return { type: 'single', difficulty: 3, options: blankOptions() };
  return {
    category: editing.category,
    practiceCategory: editing.practiceCategory ?? undefined,
    type: editing.type,
    stem: editing.stem,
    options: editing.options.map((o) => ({ text: o.text })),
    single: editing.type !== 'multiple' ? editing.answer[0] : undefined,
    multiple: editing.type === 'multiple' ? editing.answer : undefined,
    explanation: editing.explanation,
    difficulty: editing.difficulty,
  };
}

/** 新增 / 编辑 a question (mounted while open). Editing saves a new version; the old one is kept. */
export function QuestionModal({
  bank,
  editing,
  onClose,
}: {
  bank: TBank;
  editing: TQuestionRow | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const act = useAction();
  const save = useSaveQuestion();
  const type = Form.useWatch('type', form) ?? editing?.type ?? 'single';
  const practiceCategory = Form.useWatch('practiceCategory', form);
  const options = Form.useWatch('options', form) ?? [];
  const onType = (t: TQuestionType) => {
    if (t === 'judge') form.setFieldsValue({ options: [{ text: '正确' }, { text: '错误' }] });
    else if (type === 'judge') form.setFieldsValue({ options: blankOptions() });
    form.setFieldsValue({ multiple: [], single: undefined });
  };
  const submit = async (v: FormValues) => {
    const body = {
      category: v.category,
      practiceCategory: bank === 'professional' ? (v.practiceCategory ?? null) : null,
      type: v.type,
      stem: v.stem,
      options: v.options.map((o, i) => ({ key: OPTION_KEYS[i], text: o.text })),
      answer: v.type === 'multiple' ? (v.multiple ?? []) : v.single ? [v.single] : [],
      explanation: v.explanation ?? '',
      difficulty: v.difficulty,
    };
    const edit = editing ? { id: editing.id, baseVersionId: editing.currentVersionId } : undefined;
    if (await act(() => save.mutateAsync({ bank, body, edit }), editing ? '已保存为新版本' : '已新增试题')) onClose();
  };
  const keys = options.map((_, i) => OPTION_KEYS[i]);
  return (
    <Modal
      open
      title={editing ? `编辑试题（当前第 ${editing.version} 版，保存后生成新版本）` : `新增${BANK_LABELS[bank]}试题`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      width={720}
    >
      <Form form={form} name="question" layout="vertical" initialValues={initialValues(editing)} onFinish={submit}>
        <Space wrap>
          {bank === 'professional' && (
            <Form.Item label="执业类别" name="practiceCategory" rules={[{ required: true, message: '请选择执业类别' }]}>
              <Select
                style={{ width: 140 }}
                options={PRACTICE_CATEGORIES.map((c) => ({ value: c, label: c }))}
                onChange={() => form.setFieldsValue({ category: undefined })}
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
              options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))}
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
